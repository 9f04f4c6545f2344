package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.client.OidcTestClient;
import io.restassured.http.ContentType;

/**
 * After every committed write the catalog pings the followers it is configured with, right away,
 * carrying the writer's bearer token (a follower accepts pings only from authenticated callers);
 * a refused write pings nobody.
 */
@QuarkusTest
@QuarkusTestResource(value = ChangeNotifierTest.Follower.class, restrictToAnnotatedClass = true)
class ChangeNotifierTest {

    static final OidcTestClient OIDC = new OidcTestClient();

    @AfterAll
    static void close() {
        OIDC.close();
    }

    @Test
    void aCommittedWritePingsTheFollowerWithTheWritersToken() {
        String admin = OIDC.getAccessToken("ada", "ada");
        int before = Follower.PINGS.size();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("slug", unique("ping"), "name", "Ping"))
                .post("/api/teams").then().statusCode(201);
        await().atMost(Duration.ofSeconds(2)).until(() -> Follower.PINGS.size() > before);
        assertThat(Follower.PINGS.get(Follower.PINGS.size() - 1)).isEqualTo("POST /api/sync/nudge Bearer " + admin);

        // A write that is refused (a duplicate slug: 409) commits nothing and pings nobody.
        String slug = unique("twice");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Once"))
                .post("/api/teams").then().statusCode(201);
        await().atMost(Duration.ofSeconds(2)).until(() -> Follower.PINGS.size() >= before + 2);
        int afterCommits = Follower.PINGS.size();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Twice"))
                .post("/api/teams").then().statusCode(409);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> Follower.PINGS.size() == afterCommits);
    }

    /** A follower's nudge endpoint: records "METHOD path Authorization" of every request. */
    public static class Follower implements QuarkusTestResourceLifecycleManager {

        static final List<String> PINGS = new CopyOnWriteArrayList<>();
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            server = Fixtures.localServer(exchange -> {
                PINGS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            return Map.of("pillarboard.catalog.notify.urls",
                    "http://localhost:" + server.getAddress().getPort() + "/api/sync/nudge");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
