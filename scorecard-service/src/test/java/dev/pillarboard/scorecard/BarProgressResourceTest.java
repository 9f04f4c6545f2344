package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.awaitStatus;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static dev.pillarboard.scorecard.support.Fixtures.push;
import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Progress toward the product's own phase bar in one scorecard, in its history, and for results stored before the
 * V5 migration. A fresh pre-pmf product of the test catalog meets 4 of the 19 checks pre-pmf requires, 14 of their
 * weight 80: progress 17 (rounded down from 17.5), distance 15.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class BarProgressResourceTest {

    /** Progress as the checks of the scorecard say it should be: met required weight / required weight, rounded down. */
    @SuppressWarnings("unchecked")
    static int expectedProgress(JsonPath card, String pillar) {
        int required = 0;
        int met = 0;
        for (Map<String, Object> check : (List<Map<String, Object>>) (List<?>) card.getList("checks", Map.class)) {
            if (!"required".equals(check.get("requirement")) || (pillar != null && !pillar.equals(check.get("pillar")))) {
                continue;
            }
            int weight = (Integer) check.get("weight");
            required += weight;
            if (List.of("pass", "waived").contains(check.get("status"))) {
                met += weight;
            }
        }
        return required == 0 ? 100 : 100 * met / required;
    }

    static Map<String, Map<String, Object>> pillars(JsonPath card) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Object pillar : card.getList("pillars", Map.class)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) pillar;
            byId.put((String) values.get("id"), values);
        }
        return byId;
    }

    static void assertConsistent(JsonPath card) {
        assertThat(card.getInt("progress")).isEqualTo(expectedProgress(card, null));
        pillars(card).forEach((id, values) -> assertThat(values.get("progress")).as(id).isEqualTo(expectedProgress(card, id)));
        int distanceSum = pillars(card).values().stream().mapToInt(p -> (Integer) p.get("distance")).sum();
        assertThat(card.getInt("distance")).isEqualTo(distanceSum);
    }

    @Test
    void scorecardCarriesProgressRequiredChecksAndPerPillarDistance() {
        String slug = product("bar");
        JsonPath card = Fixtures.scorecard(slug);
        assertThat(card.getInt("progress")).isEqualTo(17);
        assertThat(card.getInt("requiredChecks")).isEqualTo(19);
        assertThat(card.getInt("distance")).isEqualTo(15);
        Map<String, Map<String, Object>> pillars = pillars(card);
        assertThat(pillars.get("observability")).contains(entry("progress", 25), entry("distance", 2));
        assertThat(pillars.get("incident-response")).contains(entry("progress", 47), entry("distance", 2));
        assertThat(pillars.get("release-change")).contains(entry("progress", 15), entry("distance", 4));
        assertThat(pillars.get("security")).contains(entry("progress", 0), entry("distance", 4));
        assertThat(pillars.get("resilience-capacity")).contains(entry("progress", 0), entry("distance", 3));
        assertConsistent(card);

        // Two required checks of weight 5 pass: 24 / 80.
        push(List.of(signal(slug, "alerts.availability_rules", 1), signal(slug, "ci.tests_on_every_change", true)));
        awaitStatus(slug, "availability-alert", "pass", Fixtures.VISIBLE);
        awaitStatus(slug, "ci-tests", "pass", Fixtures.VISIBLE);
        JsonPath after = Fixtures.scorecard(slug);
        assertThat(after.getInt("progress")).isEqualTo(30);
        assertThat(after.getInt("distance")).isEqualTo(13);
        assertThat(pillars(after).get("observability")).contains(entry("progress", 66), entry("distance", 1)); // 8 / 12
        assertThat(pillars(after).get("release-change")).contains(entry("progress", 42), entry("distance", 3)); // 8 / 19
        assertConsistent(after);

        // A waived required check counts as met (no-secrets-in-code, weight 5): 29 / 80.
        Db.update("""
                INSERT INTO waiver (product, check_id, reason, requested_by, requested_at, expires_at, status)
                VALUES (?, 'no-secrets-in-code', 'Scanner arrives next week', 'dana', now(), now() + interval '30 days',
                    'requested')""", slug);
        long waiver = Db.queryLong("SELECT max(id) FROM waiver WHERE product = ?", slug);
        given().contentType(ContentType.JSON).body(Map.of("decision", "approve")).post("/api/waivers/{id}/decision", waiver)
                .then().statusCode(200);
        awaitStatus(slug, "no-secrets-in-code", "waived", Fixtures.VISIBLE);
        JsonPath waived = Fixtures.scorecard(slug);
        assertThat(waived.getInt("progress")).isEqualTo(36);
        assertThat(waived.getInt("distance")).isEqualTo(12);
        assertThat(pillars(waived).get("security")).contains(entry("progress", 27), entry("distance", 3)); // 5 / 18
        assertConsistent(waived);
    }

    @Test
    void historyPointsCarryProgress() {
        String slug = product("barhist");
        push(List.of(signal(slug, "alerts.availability_rules", 1)));
        awaitStatus(slug, "availability-alert", "pass", Fixtures.VISIBLE);
        JsonPath history = given().get("/api/scorecards/{p}/history", slug).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.progress", Integer.class)).containsExactly(17, 23);
        assertThat(history.getList("items.meetsPhaseBar", Boolean.class)).containsExactly(false, false);
    }

    /** The statements at the end of V5 that make results stored before it get progress. */
    static List<String> backfillStatements() {
        try (InputStream in = BarProgressResourceTest.class
                .getResourceAsStream("/db/migration/V5__bar_progress_and_review_snapshots.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String marker = "-- Results stored before this version";
            assertThat(sql).contains(marker);
            String backfill = sql.substring(sql.indexOf(marker)).replaceAll("(?m)^--.*$", "");
            return java.util.Arrays.stream(backfill.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resultsStoredBeforeV5GetProgressFromTheMigrationsReEvaluation() {
        String slug = product("barold");
        // The row as V4 left it: no progress, no required checks, pillars without distance and progress.
        Db.update("""
                UPDATE scorecard SET progress = NULL, required_checks = NULL,
                    pillar_scores = (SELECT jsonb_object_agg(key, value - 'distance' - 'progress') FROM jsonb_each(pillar_scores))
                WHERE product = ?""", slug);
        JsonPath old = Fixtures.scorecard(slug);
        assertThat(old.getMap("")).doesNotContainKeys("progress", "requiredChecks");
        assertThat(pillars(old).get("security")).doesNotContainKeys("progress", "distance");
        // Evaluating again with the same results writes nothing new: the inputs did not change...
        Fixtures.requeueAndWait(slug);
        assertThat(Fixtures.scorecard(slug).getMap("")).doesNotContainKey("progress");
        // ...which is why V5 also clears every stored hash before it queues every product.
        List<String> statements = backfillStatements();
        assertThat(statements).hasSize(2);
        statements.forEach(Db::update);
        JsonPath card = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Fixtures.scorecard(slug), c -> c.get("progress") != null);
        assertThat(card.getInt("progress")).isEqualTo(17);
        assertThat(card.getInt("requiredChecks")).isEqualTo(19);
        assertThat(pillars(card).get("security")).contains(entry("progress", 0), entry("distance", 4));
        assertConsistent(card);
    }
}
