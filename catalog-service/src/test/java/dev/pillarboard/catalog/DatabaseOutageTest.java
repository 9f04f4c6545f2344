package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.createProduct;
import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.pillarboard.common.testing.PostgresProxy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A database that cannot be reached is a 503 with Retry-After (clients and load balancers retry),
 * never a 500, and the service recovers by itself once the database is back. The service reaches
 * PostgreSQL through a relay this test cuts (connections reset, new ones refused); the shared
 * PostgreSQL keeps running. A restart of a real PostgreSQL is in reliability-tests.
 */
@QuarkusTest
@WithTestResource(value = PostgresProxy.Resource.class, initArgs = @ResourceArg(name = "url",
        value = "jdbc:postgresql://{host}:{port}/${PG_CATALOG_TEST_DATABASE:catalog_test}"))
@TestSecurity(user = "ada", roles = "platform-admin")
class DatabaseOutageTest {

    static void unavailable(Response response) {
        response.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("type", equalTo("https://pillarboard.dev/problems/unavailable"))
                .body("detail", containsString("database"))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("postgres")));
    }

    @Test
    void whileTheDatabaseIsUnreachableRequestsAre503AndTheServiceRecoversByItself() {
        String owner = team(unique("team"));
        String slug = unique("p");
        String etag = createProduct(slug, owner);
        String lost = unique("lost");
        PostgresProxy proxy = PostgresProxy.Resource.proxy();
        proxy.cut();
        try {
            unavailable(given().get("/api/products/{slug}", slug));
            unavailable(given().contentType(ContentType.JSON).body(product(lost, owner)).post("/api/products"));
            unavailable(given().contentType("application/merge-patch+json").header("If-Match", etag)
                    .body("{\"tier\": 1}").patch("/api/products/{slug}", slug));
            unavailable(given().get("/api/products"));
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            proxy.restore();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/api/products/{slug}", slug).statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/api/products/{slug}", slug).then().header("ETag", etag).body("tier", equalTo(2));
        given().get("/api/products/{slug}", lost).then().statusCode(404);
    }

    @Test
    void aConnectionTheServerTerminatesIs503NotA500() throws SQLException {
        String owner = team(unique("team"));
        String slug = unique("p");
        createProduct(slug, owner);
        // What PostgreSQL does to every session when it shuts down ("terminating connection due to
        // administrator command", SQLState 57P01); a role may end its own sessions.
        assertThat(terminateTheServicesConnections()).isPositive();
        unavailable(given().get("/api/products/{slug}", slug));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    int status = given().get("/api/products/{slug}", slug).statusCode();
                    assertThat(status).isIn(200, 503);
                    return status == 200;
                });
    }

    private static int terminateTheServicesConnections() throws SQLException {
        String host = env("PG_HOST", "localhost");
        String port = env("PG_PORT", "5432");
        String database = env("PG_CATALOG_TEST_DATABASE", "catalog_test");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/" + database, "catalog", "catalog");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()""")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
