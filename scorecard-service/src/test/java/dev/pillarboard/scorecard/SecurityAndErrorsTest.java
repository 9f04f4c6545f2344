package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.client.OidcTestClient;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * Who may do what with real signed tokens from OIDC Dev Services (no container; like Keycloak's
 * ada and guest, these tokens carry no teams claim), and problem+json for every kind of error.
 */
@QuarkusTest
class SecurityAndErrorsTest {

    static final OidcTestClient OIDC = new OidcTestClient();

    @AfterAll
    static void close() {
        OIDC.close();
    }

    @Test
    void noTokenIs401ProblemWithBearerChallengeButHealthAndMetricsAreOpen() {
        for (String path : List.of("/api/rubric", "/api/scorecards", "/api/tasks", "/api/waivers", "/api/sync")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"));
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        // The nudge carries no data, but it is a write like any other: a token, of anyone.
        given().post("/api/sync/nudge").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(OIDC.getAccessToken("dana", "dana")).post("/api/sync/nudge").then().statusCode(202);
    }

    @Test
    void realAutomationTokenPushesSignalsButCannotPublishTheRubric() {
        String robot = OIDC.getAccessToken("robot", "robot");
        String slug = FakeCatalog.createProduct(Fixtures.unique("real"), Fixtures.PAY);
        String admin = OIDC.getAccessToken("ada", "ada");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> given().auth().oauth2(admin).get("/api/scorecards/{p}", slug).statusCode() == 200);
        given().auth().oauth2(robot).contentType(ContentType.JSON).body(List.of(signal(slug, "slo.count", 3)))
                .post("/api/signals").then().statusCode(202).body("accepted", equalTo(1));
        RubricResourceTest.yaml("x: 1").auth().oauth2(robot).put("/api/rubric").then().statusCode(403);
        given().auth().oauth2(robot).post("/api/evaluations").then().statusCode(403);
    }

    @Test
    void realDeveloperTokenWithoutTeamsIsRefusedWrites() {
        String dana = OIDC.getAccessToken("dana", "dana");
        String slug = FakeCatalog.createProduct(Fixtures.unique("noteam"), Fixtures.PAY);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> given().auth().oauth2(dana).get("/api/scorecards/{p}", slug).statusCode() == 200);
        given().auth().oauth2(dana).contentType(ContentType.JSON)
                .body(Map.of("product", slug, "check", "incident-process", "evidenceUrl", "https://x.example.com/doc"))
                .post("/api/attestations").then().statusCode(403).body("detail", containsString("your token lists no teams"));
    }

    @Test
    void tamperedTokensAre401() {
        String token = OIDC.getAccessToken("ada", "ada");
        given().auth().oauth2(token.substring(0, token.length() - 4) + "AAAA").get("/api/rubric").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void malformedOrUnknownJsonAndWrongMethodsAreProblems() {
        given().contentType(ContentType.JSON).body("{\"product\": ").post("/api/waivers").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("JSON"));
        given().contentType(ContentType.JSON).body(Map.of("product", "x", "check", "y", "reason", "z",
                "expiresAt", "2030-01-01T00:00:00Z", "colour", "red")).post("/api/waivers").then().statusCode(400)
                .body("violations[0].field", equalTo("colour"));
        given().contentType(ContentType.JSON).body(Map.of("product", "x", "check", "y", "reason", "z",
                "expiresAt", "tomorrow")).post("/api/waivers").then().statusCode(400)
                .body("violations[0].field", equalTo("expiresAt"));
        given().delete("/api/rubric").then().statusCode(405).contentType("application/problem+json");
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
        String big = "x".repeat(1_100_000);
        given().contentType(ContentType.JSON).body("[\"" + big + "\"]").post("/api/signals").then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void openApiDocumentsEveryErrorAsAProblem() {
        String openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(openApi).contains("/api/scorecards/{product}/readiness/{phase}")
                .contains("application/problem+json").contains("\"Problem\"");
        given().accept("application/json").get("/q/openapi").then().body(not(containsString("java.lang")));
    }
}
