package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
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
import io.restassured.http.ContentType;

/**
 * Text with control characters (PostgreSQL refuses U+0000 outright) and dates outside what the
 * database holds get a 400 that names the field, wherever they come in; nothing is stored.
 */
@QuarkusTest
class PlainTextAndRangesTest {

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void controlCharactersInBodiesAreRefusedWithTheField() {
        String slug = product("nul");
        Map<String, Object> waiver = Map.of("product", slug, "check", "runbooks", "reason", "because\u0000",
                "expiresAt", Instant.now().plus(Duration.ofDays(10)).toString());
        given().contentType(ContentType.JSON).body(waiver).post("/api/waivers").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations[0].field", equalTo("reason"))
                .body("violations[0].message", containsString("U+0000"));
        Map<String, Object> attestation = Map.of("product", slug + "\u0000", "check", "runbooks",
                "evidenceUrl", "https://wiki.example.com/runbooks");
        given().contentType(ContentType.JSON).body(attestation).post("/api/attestations").then().statusCode(400)
                .body("violations[0].field", equalTo("product"));
        long task = Db.queryLong("SELECT id FROM task WHERE product = ? AND check_id = 'availability-alert'", slug);
        given().contentType("application/merge-patch+json").body(Map.of("assignee", "da\u0007na"))
                .patch("/api/tasks/{id}", task).then().statusCode(400)
                .body("violations[0].field", equalTo("assignee")).body("violations[0].message", containsString("U+0007"));
        // Tabs and line breaks are text.
        given().contentType(ContentType.JSON).body(Map.of("product", slug, "check", "runbooks", "reason", "line one\n\tline two",
                "expiresAt", Instant.now().plus(Duration.ofDays(10)).toString())).post("/api/waivers").then().statusCode(201);
        org.assertj.core.api.Assertions.assertThat(Db.queryLong("SELECT count(*) FROM waiver WHERE product = ?", slug)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void signalsWithControlCharactersOrAncientDatesAreRefusedWhole() {
        String slug = product("nulsig");
        Map<String, Object> nulValue = new HashMap<>(Map.of("product", slug, "key", "deploy.strategy", "value", "canary\u0000",
                "observedAt", Instant.now().toString()));
        Map<String, Object> badSource = new HashMap<>(Map.of("product", slug, "key", "slo.count", "value", 2,
                "observedAt", Instant.now().toString(), "source", "ci\u0001"));
        Map<String, Object> ancient = new HashMap<>(Map.of("product", slug, "key", "slo.count", "value", 3,
                "observedAt", "-5000-01-01T00:00:00Z"));
        given().contentType(ContentType.JSON).body(List.of(nulValue, badSource, ancient)).post("/api/signals").then()
                .statusCode(400)
                .body("violations.field", hasItem("[0].value")).body("violations.field", hasItem("[1].source"))
                .body("violations.field", hasItem("[2].observedAt"));
        org.assertj.core.api.Assertions.assertThat(Db.queryLong("SELECT count(*) FROM signal WHERE product = ?", slug)).isZero();
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void controlCharactersInPathsAndQueriesAreRefused() {
        given().get("/api/scorecards/{p}", "x\u0000y").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("violations[0].field", equalTo("path"));
        given().queryParam("owner", "sc-pay\u0000").get("/api/tasks").then().statusCode(400)
                .body("violations[0].field", equalTo("owner")).body("violations[0].message", containsString("U+0000"));
        given().queryParam("product", "\u001b[31m").get("/api/waivers").then().statusCode(400)
                .body("violations[0].field", equalTo("product"));
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void datesOutsideTheDatabasesRangeAreRefused() {
        String slug = product("dates");
        long task = Db.queryLong("SELECT id FROM task WHERE product = ? AND check_id = 'availability-alert'", slug);
        given().contentType("application/merge-patch+json").body(Map.of("dueDate", "+9999999-12-31"))
                .patch("/api/tasks/{id}", task).then().statusCode(400).body("violations[0].field", equalTo("dueDate"));
        given().contentType("application/merge-patch+json").body(Map.of("dueDate", "1500-01-01"))
                .patch("/api/tasks/{id}", task).then().statusCode(400).body("violations[0].field", equalTo("dueDate"));
        // History bounds beyond what a timestamp holds are out of range too (BadInputTest: the bounds of every query).
        given().queryParam("from", "-999999999-01-01T00:00:00Z").queryParam("to", "+999999999-12-31T23:59:59Z")
                .get("/api/scorecards/{p}/history", slug).then().statusCode(400).body("violations[0].field", equalTo("from"));
    }
}
