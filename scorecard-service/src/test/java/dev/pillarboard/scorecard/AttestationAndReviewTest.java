package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.SEARCH_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.awaitStatus;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

@QuarkusTest
class AttestationAndReviewTest {

    static Map<String, Object> attestation(String product, String check) {
        return Map.of("product", product, "check", check, "evidenceUrl", "https://wiki.example.com/incidents",
                "comment", "Severity levels and roles written down");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void attestationMakesTheCheckPassWithinTwoSeconds() {
        String slug = product("att");
        given().contentType(ContentType.JSON).body(attestation(slug, "incident-process")).post("/api/attestations")
                .then().statusCode(201).header("Location", containsString("/api/attestations/"))
                .body("by", equalTo("dana")).body("validUntil", notNullValue()).body("valid", equalTo(true));
        awaitStatus(slug, "incident-process", "pass", Fixtures.VISIBLE);
        given().get("/api/scorecards/{p}", slug).then()
                .body("checks.find { it.id == 'incident-process' }.evidence.evidenceUrl", equalTo("https://wiki.example.com/incidents"));
        given().queryParam("product", slug).get("/api/attestations").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].check", equalTo("incident-process"));
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void onlyAttestableKnownChecksWithHttpEvidence() {
        String slug = product("att422");
        given().contentType(ContentType.JSON).body(attestation(slug, "availability-alert")).post("/api/attestations")
                .then().statusCode(422).body("violations[0].field", equalTo("check")).body("detail", containsString("signal"));
        given().contentType(ContentType.JSON).body(attestation(slug, "no-such-check")).post("/api/attestations")
                .then().statusCode(422);
        given().contentType(ContentType.JSON).body(attestation("no-such-product", "incident-process")).post("/api/attestations")
                .then().statusCode(422).body("violations[0].field", equalTo("product"));
        given().contentType(ContentType.JSON)
                .body(Map.of("product", slug, "check", "incident-process", "evidenceUrl", "ftp://x/y"))
                .post("/api/attestations").then().statusCode(400).body("violations[0].field", equalTo("evidenceUrl"));
        given().contentType(ContentType.JSON).body(Map.of("product", slug)).post("/api/attestations")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "sam", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = SEARCH_CLAIM, type = ClaimType.JSON_ARRAY))
    void otherTeamsCannotAttest() {
        String slug = product("attother");
        given().contentType(ContentType.JSON).body(attestation(slug, "incident-process")).post("/api/attestations")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void validityCountsFromWhenThePracticeWasPerformed() {
        String slug = product("performed");
        java.time.Instant now = java.time.Instant.now();
        Map<String, Object> body = new java.util.HashMap<>(attestation(slug, "incident-process"));
        // In the future, before the product existed, or so long ago it would have lapsed: 400, nothing stored.
        for (String bad : new String[] { now.plus(Duration.ofDays(2)).toString(), "2020-01-01", "not a date" }) {
            body.put("performedAt", bad);
            given().contentType(ContentType.JSON).body(body).post("/api/attestations").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("performedAt"));
        }
        given().queryParam("product", slug).get("/api/attestations").then().statusCode(200).body("total", equalTo(0));
        // Performed before attesting (after the product was created): incident-process counts 365 days from then,
        // not from the attestation.
        java.time.Instant performed = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        body.put("performedAt", performed.toString());
        var attested = given().contentType(ContentType.JSON).body(body).post("/api/attestations").then().statusCode(201)
                .extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(java.time.Instant.parse(attested.getString("performedAt"))).isEqualTo(performed);
        org.assertj.core.api.Assertions.assertThat(java.time.Instant.parse(attested.getString("validUntil")))
                .isEqualTo(performed.plus(Duration.ofDays(365)));
        org.assertj.core.api.Assertions.assertThat(java.time.Instant.parse(attested.getString("at"))).isAfterOrEqualTo(performed);
        awaitStatus(slug, "incident-process", "pass", Fixtures.VISIBLE);
        org.assertj.core.api.Assertions.assertThat(java.time.Instant.parse(Fixtures.scorecard(slug)
                .getString("checks.find { it.id == 'incident-process' }.evidence.performedAt"))).isEqualTo(performed);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void attestationLapsesWithoutARestart() {
        String slug = product("lapse");
        given().contentType(ContentType.JSON).body(attestation(slug, "incident-process")).post("/api/attestations")
                .then().statusCode(201);
        awaitStatus(slug, "incident-process", "pass", Fixtures.VISIBLE);
        // Time travel: the practice was performed (and attested) 365 days minus 3 seconds ago (incident-process is
        // valid 365 days, counted from when it was performed).
        Db.update("UPDATE attestation SET attested_at = now() - interval '365 days' + interval '3 seconds',"
                + " performed_at = now() - interval '365 days' + interval '3 seconds' WHERE product = ?", slug);
        Fixtures.requeueAndWait(slug);
        awaitStatus(slug, "incident-process", "pass", Duration.ofSeconds(1));
        awaitStatus(slug, "incident-process", "unknown", Duration.ofSeconds(10));
        given().get("/api/scorecards/{p}", slug).then()
                .body("checks.find { it.id == 'incident-process' }.reason", containsString("lapsed"));
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void teamLeadReviewClearsReviewDueUntilTheIntervalPasses() {
        String slug = product("rev");
        given().get("/api/scorecards/{p}", slug).then().body("reviewDue", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("product", slug, "decision", "approved", "comment", "good progress"))
                .post("/api/reviews").then().statusCode(201).header("Location", containsString("/api/reviews/"))
                .body("reviewedBy", equalTo("lee")).body("rubricVersion", notNullValue());
        given().get("/api/scorecards/{p}", slug).then().body("reviewDue", equalTo(false))
                .body("lastReview.decision", equalTo("approved")).body("reviewDueAt", notNullValue());
        given().queryParam("product", slug).get("/api/reviews").then().statusCode(200).body("total", equalTo(1));
        // The default rubric's interval is 90 days: a review from 91 days ago is due again.
        Db.update("UPDATE review SET reviewed_at = now() - interval '91 days' WHERE product = ?", slug);
        given().get("/api/scorecards/{p}", slug).then().body("reviewDue", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("product", slug, "decision", "lgtm")).post("/api/reviews")
                .then().statusCode(400).body("violations[0].field", equalTo("decision"));
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void developersDoNotReview() {
        String slug = product("revdev");
        given().contentType(ContentType.JSON).body(Map.of("product", slug, "decision", "approved")).post("/api/reviews")
                .then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "tara", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = SEARCH_CLAIM, type = ClaimType.JSON_ARRAY))
    void leadsReviewOnlyTheirOwnTeamsProducts() {
        String slug = product("revother");
        given().contentType(ContentType.JSON).body(Map.of("product", slug, "decision", "approved")).post("/api/reviews")
                .then().statusCode(403);
    }
}
