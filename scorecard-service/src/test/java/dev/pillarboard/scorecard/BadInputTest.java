package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY;
import static dev.pillarboard.scorecard.support.Fixtures.PAY_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Defects the reliability suite's bad-input corpus found (reliability-tests' BadInputIT applies the whole corpus to
 * the packaged service): each is a 400 problem in the API's words that names the field, and nothing is stored.
 */
@QuarkusTest
class BadInputTest {

    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("java")))
                .body("detail", not(containsString("`")));
    }

    static Map<String, Object> waiver(String product, Object expiresAt) {
        Map<String, Object> waiver = new HashMap<>();
        waiver.put("product", product);
        waiver.put("check", "runbooks");
        waiver.put("reason", "Booked for next quarter");
        waiver.put("expiresAt", expiresAt);
        return waiver;
    }

    static Map<String, Object> point(Object takenAt) {
        Map<String, Object> point = new HashMap<>();
        point.put("takenAt", takenAt);
        point.put("phase", "pre-pmf");
        point.put("score", 50);
        point.put("progress", 40);
        point.put("meetsPhaseBar", false);
        point.put("nextPhaseReadiness", 20);
        point.put("pillars", Map.of());
        return point;
    }

    static long historyPoints(String slug) {
        return Db.queryLong("SELECT count(*) FROM history WHERE product = ?", slug);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void aWaiversExpiryWithAControlCharacterOrAsANumberIs400NamingIt() {
        String slug = product("wctl");
        String future = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
        for (String control : new String[] { "\u0000", "\u0007", "\t", "\n" }) {
            problem(given().contentType(ContentType.JSON).body(waiver(slug, future + control)).post("/api/waivers").then(), 400)
                    .body("violations[0].field", equalTo("expiresAt"))
                    .body("violations[0].message", containsString(String.format("U+%04X", (int) control.charAt(0))));
        }
        problem(given().contentType(ContentType.JSON).body(waiver(slug, "\u0000" + future)).post("/api/waivers").then(), 400)
                .body("violations[0].field", equalTo("expiresAt"));
        // Seconds or milliseconds? A number is not a time.
        problem(given().contentType(ContentType.JSON).body(waiver(slug, Instant.now().plus(Duration.ofDays(30)).getEpochSecond()))
                .post("/api/waivers").then(), 400)
                .body("violations[0].field", equalTo("expiresAt"))
                .body("violations[0].message", equalTo("expected an ISO-8601 timestamp such as 2026-09-01T10:00:00Z, not a number"));
        problem(given().contentType(ContentType.JSON).body(waiver(slug, "2027-01-01")).post("/api/waivers").then(), 400)
                .body("violations[0].field", equalTo("expiresAt"))
                .body("violations[0].message", equalTo("'2027-01-01' is not an ISO-8601 timestamp such as 2026-09-01T10:00:00Z"));
        // A flag is true or false, not 1 or "true".
        for (Object flag : new Object[] { 1, "true" }) {
            Map<String, Object> body = waiver(slug, future);
            body.put("untilPhaseChange", flag);
            problem(given().contentType(ContentType.JSON).body(body).post("/api/waivers").then(), 400)
                    .body("violations[0].field", equalTo("untilPhaseChange"))
                    .body("violations[0].message", equalTo("expected true or false"));
        }
        assertThat(Db.queryLong("SELECT count(*) FROM waiver WHERE product = ?", slug)).isZero();
        given().contentType(ContentType.JSON).body(waiver(slug, future)).post("/api/waivers").then().statusCode(201);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aHistoryPointsTimeWithAControlCharacterOrOfAnotherTypeIs400AndNothingIsImported() {
        String slug = product("hctl");
        long before = historyPoints(slug);
        String past = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS).toString();
        for (String control : new String[] { "\u0000", "\u0007" }) {
            problem(given().contentType(ContentType.JSON).body(List.of(point(past + control))).post("/api/scorecards/{p}/history", slug)
                    .then(), 400)
                    .body("violations[0].field", equalTo("[0].takenAt"))
                    .body("violations[0].message", containsString(String.format("U+%04X", (int) control.charAt(0))));
        }
        problem(given().contentType(ContentType.JSON).body(List.of(point(1_577_836_800))).post("/api/scorecards/{p}/history", slug)
                .then(), 400).body("violations[0].field", equalTo("[0].takenAt"));
        Object[][] wrong = { { "score", "50", "[0].score", "expected an integer" }, { "score", 50.5, "[0].score", "expected an integer" },
                { "meetsPhaseBar", "false", "[0].meetsPhaseBar", "expected true or false" },
                { "meetsPhaseBar", 0, "[0].meetsPhaseBar", "expected true or false" },
                { "pillars", Map.of("observability", "5"), "[0].pillars.observability", "expected an integer" } };
        for (Object[] c : wrong) {
            Map<String, Object> point = point(past);
            point.put((String) c[0], c[1]);
            problem(given().contentType(ContentType.JSON).body(List.of(point)).post("/api/scorecards/{p}/history", slug).then(), 400)
                    .body("violations[0].field", equalTo(c[2])).body("violations[0].message", equalTo(c[3]));
        }
        assertThat(historyPoints(slug)).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void anAttestationsTimeWithAControlCharacterIs400AndTextIsNotReadFromOtherTypes() {
        String slug = product("actl");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (String control : new String[] { "\t", "\n", "\u0000" }) {
            problem(given().contentType(ContentType.JSON).body(Map.of("product", slug, "check", "incident-process",
                    "evidenceUrl", "https://wiki.example.com/ir", "performedAt", now + control)).post("/api/attestations").then(), 400)
                    .body("violations[0].field", equalTo("performedAt"))
                    .body("violations[0].message", containsString(String.format("U+%04X", (int) control.charAt(0))));
        }
        problem(given().contentType(ContentType.JSON).body(Map.of("product", slug, "check", "incident-process",
                "evidenceUrl", "https://wiki.example.com/ir", "comment", true)).post("/api/attestations").then(), 400)
                .body("violations[0].field", equalTo("comment")).body("violations[0].message", equalTo("expected a string"));
        assertThat(Db.queryLong("SELECT count(*) FROM attestation WHERE product = ?", slug)).isZero();
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void aReviewsCommentIsTextNotANumber() {
        String slug = product("rnum");
        problem(given().contentType(ContentType.JSON).body(Map.of("product", slug, "decision", "approved", "comment", 5))
                .post("/api/reviews").then(), 400)
                .body("violations[0].field", equalTo("comment")).body("violations[0].message", equalTo("expected a string"));
        assertThat(Db.queryLong("SELECT count(*) FROM review WHERE product = ?", slug)).isZero();
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void aSignalsTimeProductOrKeyWithATrailingControlCharacterIsRefusedWhole() {
        String slug = product("sctl");
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<Map<String, Object>> batch = List.of(
                Map.of("product", slug, "key", "slo.count", "value", 1, "observedAt", now + "\t"),
                Map.of("product", slug + "\n", "key", "slo.count", "value", 1, "observedAt", now),
                Map.of("product", slug, "key", "slo.count\r", "value", 1, "observedAt", now));
        problem(given().contentType(ContentType.JSON).body(batch).post("/api/signals").then(), 400)
                .body("violations.field", hasItem("[0].observedAt"))
                .body("violations.field", hasItem("[1].product"))
                .body("violations.field", hasItem("[2].key"));
        assertThat(Db.queryLong("SELECT count(*) FROM signal WHERE product = ?", slug)).isZero();
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void aPatchIsOneJsonValueWithEachFieldOnceInUtf8() {
        String slug = product("pone");
        long task = Db.queryLong("SELECT id FROM task WHERE product = ? AND check_id = 'availability-alert'", slug);
        String etag = given().get("/api/tasks/{id}", task).then().statusCode(200).extract().header("ETag");
        for (String patch : new String[] { "{\"assignee\": \"dana\"} {\"assignee\": \"lee\"}", "{\"assignee\": \"dana\"}]",
                "{\"assignee\": \"dana\", \"assignee\": \"lee\"}" }) {
            problem(given().contentType("application/merge-patch+json").body(patch).patch("/api/tasks/{id}", task).then(), 400);
        }
        given().get("/api/tasks/{id}", task).then().header("ETag", etag).body("assignee", equalTo(null));
        // A waiver's reason with an overlong "/" (C0 AF), which the JSON reader alone decoded.
        String before = "{\"product\": \"" + slug + "\", \"check\": \"runbooks\", \"expiresAt\": \""
                + Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS) + "\", \"reason\": \"a";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] { (byte) 0xC0, (byte) 0xAF });
        body.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
        problem(given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/json").body(body.toByteArray()).post("/api/waivers").then(), 400)
                .body("detail", containsString("not valid UTF-8 at byte offset " + before.length() + " (line 1)"));
        assertThat(Db.queryLong("SELECT count(*) FROM waiver WHERE product = ?", slug)).isZero();
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void junkAfterASortFieldOrAParameterGivenTwiceIs400NamingIt() {
        problem(given().urlEncodingEnabled(false).get("/api/scorecards?sort=name;drop").then(), 400)
                .body("violations[0].field", equalTo("sort"))
                .body("violations[0].message", containsString("'name;drop'"))
                .body("violations[0].message", containsString("use product, name, score"));
        problem(given().urlEncodingEnabled(false).get("/api/scorecards?sort=-score;x=1&size=5").then(), 400)
                .body("violations[0].field", equalTo("sort"));
        // A parameter given twice was read once (the first): a 400 naming it.
        problem(given().urlEncodingEnabled(false).get("/api/tasks?owner=" + PAY + "&owner=sc-search").then(), 400)
                .body("violations[0].field", equalTo("owner"))
                .body("violations[0].message", containsString("more than once"));
        problem(given().urlEncodingEnabled(false).get("/api/scorecards?size=5&page=0&size=100").then(), 400)
                .body("violations[0].field", equalTo("size"));
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void historyQueriesOutOfRangeOrReversedAre400WithTheBounds() {
        String slug = product("hrange");
        for (String[] q : new String[][] { { "from", "0001-01-01" }, { "from", "1999-12-31T23:59:59Z" }, { "to", "9999-12-31" },
                { "to", "2100-01-01" }, { "from", "-999999999-01-01T00:00:00Z" } }) {
            problem(given().queryParam(q[0], q[1]).get("/api/scorecards/{p}/history", slug).then(), 400)
                    .body("violations[0].field", equalTo(q[0]))
                    .body("violations[0].message", containsString("between 2000-01-01 and 2099-12-31"));
        }
        problem(given().queryParam("from", "2026-09-02").queryParam("to", "2026-09-01").get("/api/scorecards/{p}/history", slug)
                .then(), 400).body("violations[0].field", equalTo("from"))
                .body("violations[0].message", containsString("must not be after to"));
        given().queryParam("from", "2000-01-01").queryParam("to", "2099-12-31").get("/api/scorecards/{p}/history", slug).then()
                .statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        problem(given().queryParam("from", "1970-01-01").get("/api/teams/{t}/history", PAY).then(), 400)
                .body("violations[0].field", equalTo("from"))
                .body("violations[0].message", containsString("between 2000-01-01 and 2099-12-31"));
        problem(given().queryParam("to", "9999-12-31").get("/api/teams/{t}/history", PAY).then(), 400)
                .body("violations[0].field", equalTo("to"));
        problem(given().queryParam("since", "0001-01-01").get("/api/scorecards/{p}/changes", slug).then(), 400)
                .body("violations[0].field", equalTo("since"));
        problem(given().queryParam("expiresBefore", "9999-12-31").get("/api/waivers").then(), 400)
                .body("violations[0].field", equalTo("expiresBefore"));
    }

    static RequestSpecification yaml(String body) {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .contentType("application/yaml").body(body);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aRubricWithAVeryLongLineOrNestedTooDeepIs400InTheApisWords() {
        int version = given().get("/api/rubric").then().statusCode(200).extract().jsonPath().getInt("version");
        long started = System.nanoTime();
        problem(yaml("title: Long\ndescription: " + "x".repeat(900_000) + "\n").put("/api/rubric").then(), 400)
                .body("violations[0].field", equalTo("line 2"))
                .body("violations[0].message", containsString("longer than 16384 characters"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(2_000);
        problem(yaml("a: " + "[".repeat(60) + "]".repeat(60) + "\n").put("/api/rubric").then(), 400)
                .body("violations[0].message", equalTo("nested deeper than 40 levels"));
        given().get("/api/rubric").then().body("version", equalTo(version));
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void endpointsThatTakeNoBodyRefuseOneInsteadOfIgnoringIt() {
        long jobs = given().get("/api/evaluations").then().statusCode(200).extract().jsonPath().getLong("total");
        problem(given().contentType(ContentType.JSON).body("{\"products\": [\"a\"]}").post("/api/evaluations").then(), 400)
                .body("detail", containsString("takes no request body"));
        assertThat(given().get("/api/evaluations").then().extract().jsonPath().getLong("total")).isEqualTo(jobs);
        problem(given().contentType(ContentType.JSON).body("{}").post("/api/sync").then(), 400);
        problem(given().contentType(ContentType.JSON).body("x").post("/api/sync/nudge").then(), 400);
        given().post("/api/sync/nudge").then().statusCode(202);
    }
}
