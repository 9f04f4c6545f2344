package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** POST /api/scorecards/{product}/history: a product's past, before everything the scorecard recorded. */
@QuarkusTest
class HistoryImportTest {

    static Map<String, Object> point(Instant takenAt, int score) {
        Map<String, Object> pillars = new LinkedHashMap<>();
        pillars.put("observability", score - 10);
        pillars.put("security", null);
        Map<String, Object> point = new HashMap<>();
        point.put("takenAt", takenAt.toString());
        point.put("phase", "pre-pmf");
        point.put("score", score);
        point.put("progress", score - 5);
        point.put("meetsPhaseBar", false);
        point.put("nextPhaseReadiness", 40);
        point.put("pillars", pillars);
        return point;
    }

    static List<Map<String, Object>> weekly(Instant newest, int weeks) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int w = weeks - 1; w >= 0; w--) {
            points.add(point(newest.minus(7L * w, ChronoUnit.DAYS), 40 + weeks - w));
        }
        return points;
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void pastPointsComeBeforeTheRecordedOnesWithTheRubricInForce() {
        String slug = product("hist");
        Instant firstRecorded = Instant.parse(given().get("/api/scorecards/{p}/history", slug).then().statusCode(200)
                .extract().jsonPath().getString("items[0].takenAt"));
        Instant newest = firstRecorded.minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        // The version in force (1 on a fresh test database; more once another test class has published one).
        int inForce = RubricResourceTest.currentVersion();

        given().contentType(ContentType.JSON).body(weekly(newest, 12)).post("/api/scorecards/{p}/history", slug)
                .then().statusCode(200).body("imported", equalTo(12)).body("rubricVersion", equalTo(inForce))
                .body("to", equalTo(newest.toString()));

        JsonPath history = given().get("/api/scorecards/{p}/history", slug).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items")).hasSize(13);
        assertThat(history.getString("items[0].takenAt")).isEqualTo(newest.minus(77, ChronoUnit.DAYS).toString());
        assertThat(history.getInt("items[0].score")).isEqualTo(41);
        assertThat(history.getInt("items[0].progress")).isEqualTo(36);
        assertThat(history.getInt("items[0].pillars.observability")).isEqualTo(31);
        assertThat(history.getMap("items[0].pillars")).containsEntry("security", null);
        assertThat(history.getInt("items[0].rubricVersion")).isEqualTo(inForce);
        assertThat(history.getString("items[11].takenAt")).isEqualTo(newest.toString());
        assertThat(Instant.parse(history.getString("items[12].takenAt"))).isEqualTo(firstRecorded);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void onlyBeforeTheEarliestStoredPointSoASecondImportIsRefusedWhole() {
        String slug = product("histtwice");
        Instant firstRecorded = Instant.parse(given().get("/api/scorecards/{p}/history", slug).jsonPath()
                .getString("items[0].takenAt"));
        List<Map<String, Object>> points = weekly(firstRecorded.minus(2, ChronoUnit.DAYS), 3);
        given().contentType(ContentType.JSON).body(points).post("/api/scorecards/{p}/history", slug).then().statusCode(200);
        given().contentType(ContentType.JSON).body(points).post("/api/scorecards/{p}/history", slug).then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("older than"));
        // Older points and one between the imported and the recorded ones: refused whole, nothing written.
        List<Map<String, Object>> mixed = weekly(firstRecorded.minus(60, ChronoUnit.DAYS), 2);
        mixed.add(point(firstRecorded.minus(1, ChronoUnit.DAYS), 50));
        given().contentType(ContentType.JSON).body(mixed).post("/api/scorecards/{p}/history", slug).then().statusCode(409);
        assertThat(Db.queryLong("SELECT count(*) FROM history WHERE product = ?", slug)).isEqualTo(4);
        // Still older than everything: accepted.
        given().contentType(ContentType.JSON).body(weekly(firstRecorded.minus(60, ChronoUnit.DAYS), 2))
                .post("/api/scorecards/{p}/history", slug).then().statusCode(200).body("imported", equalTo(2));
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    @SuppressWarnings("unchecked")
    void everyBadPointIsNamedAndNothingIsWritten() {
        String slug = product("histbad");
        Instant past = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> points = weekly(past, 4);
        points.get(0).put("phase", "beta");
        points.get(1).put("score", 101);
        ((Map<String, Object>) points.get(1).get("pillars")).put("happiness", 50);
        ((Map<String, Object>) points.get(2).get("pillars")).put("security", -1);
        points.get(2).put("takenAt", points.get(3).get("takenAt"));
        points.get(3).remove("meetsPhaseBar");
        points.get(0).put("progress", 120);
        points.get(2).put("meetsPhaseBar", true);
        points.add(point(Instant.now().plus(1, ChronoUnit.DAYS), 50));
        points.add(point(Instant.parse("0001-01-01T00:00:00Z"), 50));
        given().contentType(ContentType.JSON).body(points).post("/api/scorecards/{p}/history", slug).then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("[0].phase", "[1].score", "[1].pillars.happiness",
                        "[2].pillars.security", "[3].takenAt", "[3].meetsPhaseBar", "[4].takenAt", "[5].takenAt", "[0].progress",
                        "[2].progress"))
                .body("violations.find { it.field == '[0].phase' }.message", containsString("pre-launch, pre-pmf, pmf"));
        assertThat(Db.queryLong("SELECT count(*) FROM history WHERE product = ?", slug)).isEqualTo(1);

        // The farthest date JSON can carry is refused in words, not by the database.
        Map<String, Object> ancient = point(past, 50);
        ancient.put("takenAt", "-999999999-01-01T00:00:00Z");
        given().contentType(ContentType.JSON).body(List.of(ancient)).post("/api/scorecards/{p}/history", slug).then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("[0].takenAt"))
                .body("violations[0].message", containsString("within the last ten years"));
        given().contentType(ContentType.JSON).body(List.of()).post("/api/scorecards/{p}/history", slug).then()
                .statusCode(400).body("violations[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body(weekly(past, 501)).post("/api/scorecards/{p}/history", slug).then()
                .statusCode(400).body("detail", containsString("at most 500"));
        given().contentType(ContentType.JSON).body(Map.of("takenAt", past.toString())).post("/api/scorecards/{p}/history", slug)
                .then().statusCode(400).contentType("application/problem+json");
        Map<String, Object> typo = point(past, 50);
        typo.put("scroe", 50);
        given().contentType(ContentType.JSON).body(List.of(typo)).post("/api/scorecards/{p}/history", slug).then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(List.of(point(past, 50))).post("/api/scorecards/{p}/history", "no-such-product")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(Db.queryLong("SELECT count(*) FROM history WHERE product = ?", slug)).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "dana", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void onlyPlatformAdminsImport() {
        String slug = product("histlead");
        given().contentType(ContentType.JSON).body(weekly(Instant.now().minus(9, ChronoUnit.DAYS), 1))
                .post("/api/scorecards/{p}/history", slug).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anonymousCallersAreRefused() {
        given().contentType(ContentType.JSON).body(List.of()).post("/api/scorecards/{p}/history", "x").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void concurrentImportsOfTheSamePointsWriteThemOnce() throws Exception {
        String slug = product("histrace");
        Instant newest = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> points = weekly(newest, 5);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> given().contentType(ContentType.JSON).body(points)
                        .post("/api/scorecards/{p}/history", slug).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 409).containsOnlyOnce(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Db.queryLong("SELECT count(*) FROM history WHERE product = ?", slug)).isEqualTo(6);
    }
}
