package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.product;
import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pillarboard.common.testing.PostgresProxy;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A database that cannot be reached is a 503 with Retry-After, never a 500, readiness says DOWN,
 * and the service recovers by itself once the database is back. The service reaches PostgreSQL
 * through a relay this test cuts; a restart of a real PostgreSQL is in reliability-tests.
 */
@QuarkusTest
@WithTestResource(value = PostgresProxy.Resource.class, initArgs = @ResourceArg(name = "url",
        value = "jdbc:postgresql://{host}:{port}/${PG_TEST_DATABASE:scorecard_test}?reWriteBatchedInserts=true"))
@TestSecurity(user = "ada", roles = "platform-admin")
class DatabaseOutageTest {

    static void unavailable(Response response) {
        response.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "2")
                .body("type", equalTo("https://pillarboard.dev/problems/unavailable"))
                .body("detail", containsString("database"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void whileTheDatabaseIsUnreachableRequestsAre503AndTheServiceRecoversByItself() {
        String slug = product("outage");
        PostgresProxy proxy = PostgresProxy.Resource.proxy();
        proxy.cut();
        try {
            unavailable(given().get("/api/scorecards/{p}", slug));
            unavailable(given().get("/api/scorecards"));
            unavailable(given().contentType(ContentType.JSON).body(List.of(signal(slug, "alerts.availability_rules", 1)))
                    .post("/api/signals"));
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            proxy.restore();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/api/scorecards/{p}", slug).statusCode() == 200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        // The service works as before: a new signal is evaluated.
        Fixtures.push(List.of(signal(slug, "alerts.availability_rules", 1)));
        Fixtures.awaitStatus(slug, "availability-alert", "pass", Duration.ofSeconds(5));
    }
}
