package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.pillarboard.common.testing.StreamedBody;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.client.OidcTestClient;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
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

    static int rubricVersions() {
        return given().get("/api/rubric/versions").then().statusCode(200).extract().jsonPath().getInt("total");
    }

    /**
     * A Content-Length over the ceiling: the problem every other oversize body gets, quoting the endpoint's limit,
     * before the body is read and before the token is looked at (Quarkus answered a bare 413), then the connection
     * closes.
     */
    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void bodyOverTheNetworkCeilingWithContentLengthIs413Problem() throws Exception {
        int versions = rubricVersions();
        URI server = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        StreamedBody.Answer answer = StreamedBody.send(server, "PUT", "/api/rubric", Map.of("Content-Type", "application/yaml"),
                "title: Too large\n".getBytes(StandardCharsets.UTF_8), StreamedBody.ceiling() + 1, 256 * 1024);
        StreamedBody.assertTooLarge(answer, "/api/rubric", 2097152);
        assertThat(answer.closed()).as("%s", answer).isTrue();
        answer = StreamedBody.send(server, "POST", "/api/signals", Map.of("Content-Type", "application/json"),
                "[{\"key\": \"".getBytes(StandardCharsets.UTF_8), 10L * StreamedBody.ceiling(), 256 * 1024);
        StreamedBody.assertTooLarge(answer, "/api/signals", 1048576);
        assertThat(rubricVersions()).isEqualTo(versions);
    }

    /**
     * A chunked body streaming past the ceiling: refused at the endpoint's limit while it arrives, and not read past
     * the ceiling (it used to be read to its end, however long, a JSON body before the answer was sent).
     */
    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void bodyWithoutContentLengthStreamingPastTheCeilingIs413ProblemAndIsNotReadPastIt() throws Exception {
        int versions = rubricVersions();
        URI server = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
        long ceiling = StreamedBody.ceiling();
        long upTo = ceiling + 16 * 1024 * 1024;
        for (String[] request : new String[][] { { "PUT", "/api/rubric", "application/yaml", "title: ", "2097152" },
                { "POST", "/api/signals", "application/json", "[{\"key\": \"", "1048576" },
                // A record in a list: the JSON reader wrapped the limit's failure, which was a 400 "could not be read".
                { "POST", "/api/scorecards/any/history", "application/json", "[{\"phase\": \"", "1048576" } }) {
            StreamedBody.Answer answer = StreamedBody.send(server, request[0], request[1], Map.of("Content-Type", request[2]),
                    request[3].getBytes(StandardCharsets.UTF_8), StreamedBody.CHUNKED, upTo);
            StreamedBody.assertTooLarge(answer, request[1], Long.parseLong(request[4]));
            assertThat(answer.sentWhenAnswered()).as("answered while the body was arriving: %s", answer).isLessThan(ceiling);
            assertThat(answer.refusedMore()).as("stopped reading at the ceiling: %s", answer).isTrue();
            assertThat(answer.sent()).as("%s", answer).isLessThan(upTo);
        }
        assertThat(rubricVersions()).isEqualTo(versions);
    }

    @Test
    void openApiDocumentsEveryErrorAsAProblem() {
        String openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(openApi).contains("/api/scorecards/{product}/readiness/{phase}")
                .contains("application/problem+json").contains("\"Problem\"")
                // The header and the bearer scheme come from rest/ScorecardApi, which every resource's requirement names.
                .contains("Pillarboard scorecard API").contains("\"SecurityScheme\"").containsPattern("\"bearerFormat\"\\s*:\\s*\"JWT\"");
        given().accept("application/json").get("/q/openapi").then().body(not(containsString("java.lang")));
    }
}
