package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.RubricResourceTest.awaitJobDone;
import static dev.pillarboard.scorecard.RubricTwoResourceTest.classpath;
import static dev.pillarboard.scorecard.RubricTwoResourceTest.yaml;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/deadlines}: what falls due for some teams, soonest first, read from the stored results against
 * PostgreSQL. Publishes {@code rubric/deadlines-rubric.yaml} (and the default edition again afterwards).
 */
@QuarkusTest
class DeadlinesTest {

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void attestationsPracticesWaiversAndGraceFallDueSoonestFirst() {
        String original = RubricParser.defaultRubricYaml();
        awaitJobDone(yaml(classpath("/rubric/deadlines-rubric.yaml")).put("/api/rubric").then().statusCode(200)
                .extract().jsonPath().getString("evaluation.id"));
        try {
            String team = FakeCatalog.team(Fixtures.unique("due"));
            String slug = FakeCatalog.createProduct(Fixtures.unique("due"), team);
            Fixtures.awaitScorecard(slug);
            Instant now = Instant.now();

            // drill attested now: it lapses in 90 days. audit is n/a in pre-pmf: attested, never listed.
            for (String check : List.of("drill", "audit")) {
                given().contentType(ContentType.JSON).body(Map.of("product", slug, "check", check,
                        "evidenceUrl", "https://wiki.example.com/drills", "comment", "Held with the whole team"))
                        .post("/api/attestations").then().statusCode(201);
            }
            // The last restore test 70 days ago leaves its 90-day window in 20 days; the backup's 2-day window is
            // renewed by automation every day and never listed.
            String restored = LocalDate.now(ZoneOffset.UTC).minusDays(70).toString();
            Fixtures.push(List.of(Fixtures.signal(slug, "restore.last_tested_at", restored),
                    Fixtures.signal(slug, "backup.last_success_at", now.truncatedTo(ChronoUnit.SECONDS).toString())));
            // alerting waived for 15 days more; slos never connected, in the grace every new product gets (30 days).
            Db.update("""
                    INSERT INTO waiver (product, check_id, reason, requested_by, requested_at, expires_at, status, decided_by,
                        decided_at)
                    VALUES (?, 'alerting', 'Moving to the new paging tool', 'dana', now(), ?, 'approved', 'lee', now())""",
                    slug, Timestamp.from(now.plus(Duration.ofDays(15))));
            long waiver = Db.queryLong("SELECT max(id) FROM waiver WHERE product = ?", slug);
            Db.requeue(slug);
            Fixtures.awaitStatus(slug, "alerting", "waived", Fixtures.VISIBLE);
            Fixtures.awaitStatus(slug, "drill", "pass", Fixtures.VISIBLE);
            Fixtures.awaitStatus(slug, "restore", "pass", Fixtures.VISIBLE);
            Fixtures.awaitStatus(slug, "backup", "pass", Fixtures.VISIBLE);

            String in100Days = LocalDate.now(ZoneOffset.UTC).plusDays(100).toString();
            JsonPath all = given().queryParam("owner", team).queryParam("before", in100Days).get("/api/deadlines").then()
                    .statusCode(200).header("Content-Language", "en").body("total", equalTo(4))
                    .body("items.kind", equalTo(List.of("waiver", "practice", "grace", "attestation")))
                    .body("items.check", equalTo(List.of("alerting", "restore", "slos", "drill")))
                    .body("items.product", equalTo(List.of(slug, slug, slug, slug)))
                    .body("items.owner", equalTo(List.of(team, team, team, team)))
                    .body("items.requirement", equalTo(List.of("required", "required", "required", "required")))
                    .body("items.status", equalTo(List.of("waived", "pass", "not-connected", "pass")))
                    .body("items[0].waiver", equalTo(Long.toString(waiver)))
                    .body("items[1].signal", equalTo("restore.last_tested_at"))
                    .body("items[3].title", equalTo("A drill was held"))
                    .body("items[3].signal", nullValue())
                    .extract().jsonPath();
            Instant waiverEnds = Instant.parse(all.getString("items[0].at"));
            assertThat(waiverEnds).isBetween(now.plus(Duration.ofDays(15)).minusSeconds(5), now.plus(Duration.ofDays(15)).plusSeconds(5));
            assertThat(Instant.parse(all.getString("items[1].at")))
                    .isEqualTo(LocalDate.parse(restored).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(90)));
            assertThat(Instant.parse(all.getString("items[2].at"))).isEqualTo(
                    Instant.parse(Fixtures.scorecard(slug).getString("checks.find { it.id == 'slos' }.graceUntil")));
            assertThat(Instant.parse(all.getString("items[3].at"))).isEqualTo(
                    Instant.parse(Fixtures.scorecard(slug).getString("checks.find { it.id == 'drill' }.evidence.validUntil")));

            // The default horizon is 30 days: the attestation is not due yet. A date includes its whole day.
            given().queryParam("owner", team).get("/api/deadlines").then().statusCode(200)
                    .body("items.check", equalTo(List.of("alerting", "restore", "slos")));
            String in20Days = LocalDate.now(ZoneOffset.UTC).plusDays(20).toString();
            given().queryParam("owner", team).queryParam("before", in20Days).get("/api/deadlines").then().statusCode(200)
                    .body("items.check", equalTo(List.of("alerting", "restore")));
            // Some kinds only (a page that lists the grace apart asks for the others).
            given().queryParam("owner", team).queryParam("before", in100Days).queryParam("kind", "attestation,waiver")
                    .get("/api/deadlines").then().statusCode(200).body("items.check", equalTo(List.of("alerting", "drill")));
            // Paged like every list.
            given().queryParam("owner", team).queryParam("before", in100Days).queryParam("size", 1).queryParam("page", 1)
                    .get("/api/deadlines").then().statusCode(200).body("total", equalTo(4)).body("page", equalTo(1))
                    .body("items.check", equalTo(List.of("restore")));
            // Several teams at once, titles in the caller's language: another team's new product, in its grace.
            String other = FakeCatalog.team(Fixtures.unique("due"));
            String otherSlug = FakeCatalog.createProduct(Fixtures.unique("due"), other);
            Fixtures.awaitScorecard(otherSlug);
            given().header("Accept-Language", "ja-JP").queryParam("owner", team + "," + other)
                    .queryParam("before", in100Days).queryParam("size", 100).get("/api/deadlines").then().statusCode(200)
                    .header("Content-Language", "ja").body("items.product", hasItems(slug, otherSlug))
                    .body("items.find { it.product == '" + slug + "' && it.check == 'drill' }.title", equalTo("訓練を実施した"))
                    .body("items.find { it.product == '" + slug + "' && it.check == 'restore' }.title",
                            equalTo("Restores are tested"));
            // Only the teams asked for: the other team attested nothing; a horizon already past: nothing.
            given().queryParam("owner", other).queryParam("before", in100Days).queryParam("kind", "attestation")
                    .get("/api/deadlines").then().statusCode(200).body("total", equalTo(0));
            given().queryParam("owner", other).queryParam("before", in100Days).get("/api/deadlines").then()
                    .statusCode(200).body("total", greaterThan(0)).body("items.product", everyItem(equalTo(otherSlug)));
            given().queryParam("owner", team).queryParam("before", "2001-01-01").get("/api/deadlines").then()
                    .statusCode(200).body("total", equalTo(0));

            // Acting on it takes it off the list: the restore tested again today is due in 90 days, not in 20.
            Fixtures.push(List.of(Fixtures.signal(slug, "restore.last_tested_at", LocalDate.now(ZoneOffset.UTC).toString())));
            org.awaitility.Awaitility.await().atMost(Fixtures.VISIBLE).until(() -> given().queryParam("owner", team)
                    .get("/api/deadlines").jsonPath().getList("items.check"), List.of("alerting", "slos")::equals);
        } finally {
            awaitJobDone(yaml(original).put("/api/rubric").then().statusCode(200).extract().jsonPath().getString("evaluation.id"));
        }
    }

    @Test
    @TestSecurity(user = "guest", roles = "developer")
    void badQueriesAreProblemsNamingTheParameter() {
        given().get("/api/deadlines").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("owner")).body("violations[0].message", containsString("owner=payments"));
        for (String before : new String[] { "soon", "1999-12-31", "2100-01-01", "2027-01-01\u0000" }) {
            given().queryParam("owner", Fixtures.PAY).queryParam("before", before).get("/api/deadlines").then()
                    .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("before"));
        }
        given().queryParam("owner", Fixtures.PAY).queryParam("kind", "waiver,lapse").get("/api/deadlines").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("kind"))
                .body("violations[0].message", containsString("'lapse'"));
        given().queryParam("owner", Fixtures.PAY).queryParam("size", 1000).get("/api/deadlines").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void withoutATokenItIs401() {
        given().queryParam("owner", Fixtures.PAY).get("/api/deadlines").then().statusCode(401);
    }
}
