package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.push;
import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/overview} and {@code GET /api/teams/{slug}/history}. Three teams of this class, whose slugs sort
 * the other way round from their rank (so that no ranking can pass by falling back to the slug):
 *
 * <pre>
 * team     products (phase, distance, progress)                           average distance  at bar  progress
 * leading  atBar (pre-launch, 0, 100), launch (pre-launch, 6, 21)          3.0               1 of 2  61 (60.5)
 * second   almost (pre-pmf, 3, 87), beta (unscorable: not counted)         3.0               0 of 1  87
 * last     atBar2 (pre-launch, 0, 100), grown (pmf, 29, 11)                14.5              1 of 2  56 (55.5)
 * </pre>
 *
 * leading ranks before second on the share at the bar although second's progress is higher; last ranks after both
 * on distance although half its products meet their bar.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class OverviewTest {

    static final Duration SETUP = Duration.ofSeconds(10);

    static String leading;
    static String second;
    static String last;
    static String atBar;
    static String launch;
    static String almost;
    static String beta;
    static String atBar2;
    static String grown;

    @BeforeEach
    void createTeamsOnce() {
        if (leading != null) {
            return;
        }
        String three = FakeCatalog.team(Fixtures.unique("ov-3"));
        String two = FakeCatalog.team(Fixtures.unique("ov-2"));
        String one = FakeCatalog.team(Fixtures.unique("ov-1"));
        atBar = create(three, "ov-atbar", "pre-launch");
        launch = create(three, "ov-launch", "pre-launch");
        almost = create(two, "ov-almost", "pre-pmf");
        atBar2 = create(one, "ov-atbar2", "pre-launch");
        grown = create(one, "ov-grown", "pmf");
        Map<String, Object> unscorable = FakeCatalog.product(Fixtures.unique("ov-beta"), two);
        unscorable.put("phase", "beta");
        FakeCatalog.upsert(unscorable);
        beta = (String) unscorable.get("slug");

        String now = Instant.now().toString();
        List<Map<String, Object>> signals = new ArrayList<>();
        for (String slug : List.of(atBar, atBar2)) {
            signals.addAll(List.of(signal(slug, "alerts.availability_rules", 1), signal(slug, "ci.tests_on_every_change", true),
                    signal(slug, "secrets.findings_open", 0), signal(slug, "api.unauthenticated_endpoints", 0),
                    signal(slug, "backup.last_success_at", now)));
        }
        // Everything pre-pmf requires but changes-reviewed (3), automated-deploy (3) and incident-process (4): 70 / 80.
        signals.addAll(List.of(signal(almost, "alerts.availability_rules", 1), signal(almost, "alerts.actionable_ratio", 0.9),
                signal(almost, "oncall.escalation_levels", 2), signal(almost, "ci.tests_on_every_change", true),
                signal(almost, "secrets.findings_open", 0), signal(almost, "api.unauthenticated_endpoints", 0),
                signal(almost, "vulns.last_scan_at", now), signal(almost, "vulns.critical_max_age_days", 3),
                signal(almost, "backup.last_success_at", now), signal(almost, "restore.last_tested_at", now),
                signal(almost, "resources.containers_without_memory_limit", 0)));
        push(signals);
        for (String slug : List.of(atBar, atBar2, almost)) {
            given().contentType(ContentType.JSON).body(Map.of("product", slug, "check", "rollback-exercised",
                    "evidenceUrl", "https://wiki.example.com/rollback", "comment", "rolled back on purpose"))
                    .post("/api/attestations").then().statusCode(201);
        }
        for (String slug : List.of(atBar, atBar2)) {
            await().atMost(SETUP).pollInterval(Duration.ofMillis(25))
                    .until(() -> Fixtures.scorecard(slug).getBoolean("meetsPhaseBar"));
        }
        await().atMost(SETUP).pollInterval(Duration.ofMillis(25)).until(() -> Fixtures.scorecard(almost).getInt("distance") == 3);
        await().atMost(SETUP).pollInterval(Duration.ofMillis(25))
                .until(() -> given().get("/api/scorecards/{p}", beta).statusCode() == 409);
        last = one;
        second = two;
        leading = three;
    }

    static String create(String team, String prefix, String phase) {
        Map<String, Object> product = FakeCatalog.product(Fixtures.unique(prefix), team);
        product.put("phase", phase);
        FakeCatalog.upsert(product);
        String slug = (String) product.get("slug");
        Fixtures.awaitScorecard(slug);
        return slug;
    }

    static JsonPath overview(Map<String, Object> query) {
        return given().queryParams(query).get("/api/overview").then().statusCode(200).extract().jsonPath();
    }

    static String mine() {
        return leading + "," + second + "," + last;
    }

    @Test
    void countsProductsAtTheirBarAndPhasesInRubricOrder() {
        JsonPath mine = overview(Map.of("owner", mine()));
        assertThat(mine.getInt("products")).isEqualTo(6);
        assertThat(mine.getInt("meetingBar")).isEqualTo(2);
        assertThat(mine.getInt("unscorable")).isEqualTo(1);
        // Rubric order (pre-launch, pre-pmf, pmf), not alphabetical; the unscorable phase is not one of them.
        assertThat(mine.getList("phases")).extracting("phase", "products", "meetingBar").containsExactly(
                tuple("pre-launch", 3, 2), tuple("pre-pmf", 1, 0), tuple("pmf", 1, 0));

        JsonPath secondOnly = overview(Map.of("owner", second));
        assertThat(secondOnly.getInt("products")).isEqualTo(2);
        assertThat(secondOnly.getInt("meetingBar")).isZero();
        assertThat(secondOnly.getInt("unscorable")).isEqualTo(1);
        assertThat(secondOnly.getList("phases")).extracting("phase", "products", "meetingBar")
                .containsExactly(tuple("pre-pmf", 1, 0));

        JsonPath everyone = overview(Map.of());
        assertThat(everyone.getInt("products")).isGreaterThanOrEqualTo(6);
        assertThat(everyone.getInt("meetingBar")).isGreaterThanOrEqualTo(2);
        assertThat(everyone.getInt("unscorable")).isGreaterThanOrEqualTo(1);
        assertThat(overview(Map.of("owner", "no-such-team")).getInt("products")).isZero();
    }

    @Test
    void failingChecksCountRequiredChecksNotMetMostFirst() {
        // Required and not met: launch misses 6 checks, almost 3, grown 29; the two products at their bar none.
        JsonPath mine = overview(Map.of("owner", mine(), "checks", 12));
        List<Map<String, Object>> failing = mine.getList("failingChecks");
        // A signal never pushed is not connected, not failing: its checks are counted apart (notConnected) and come
        // after every check that fails where it is required.
        assertThat(failing).extracting("check").containsExactly(
                // Required and not met in two products each (attestations nobody gave), by id.
                "incident-process", "rollback-exercised",
                // In one (grown): first those also failing where only recommended (pre-launch products: P3)...
                "searchable-logs",
                // ...then by id.
                "access-review", "alert-review", "capacity-plan", "error-budget-policy", "postmortems",
                "recovery-objectives", "threat-model",
                // Required somewhere and only not connected there: nothing fails, their signals need connecting; most
                // not connected first. Never pushed by anyone, both apply to all five products: recommended before
                // launch (tasks of the next phase, P2), required after.
                "automated-deploy", "changes-reviewed");
        // Required in pre-pmf and pmf (two products fail it there), recommended before launch, where the three
        // pre-launch products fail it too (their tasks are the next phase's, P2): failing where it applies at all.
        assertThat(failing.get(0)).contains(entry("failingRequired", 2), entry("failing", 5), entry("applicable", 5),
                entry("pillar", "incident-response"), entry("notConnected", 0));
        assertThat(failing.get(0).get("title")).isNotNull();
        // access-review is n/a before launch: it applies to the pre-pmf and the pmf product only, and fails in both
        // (required in pmf; recommended in pre-pmf, its task the next phase's).
        assertThat(failing.get(3)).contains(entry("check", "access-review"), entry("failingRequired", 1),
                entry("failing", 2), entry("applicable", 2));
        assertThat(failing.subList(10, 12)).allSatisfy(check -> assertThat(check)
                .contains(entry("failingRequired", 0), entry("failing", 0), entry("notConnected", 5), entry("applicable", 5)));

        assertThat(overview(Map.of("owner", mine(), "checks", 3)).getList("failingChecks")).extracting("check")
                .containsExactly("incident-process", "rollback-exercised", "searchable-logs");
        assertThat(overview(Map.of("owner", mine(), "checks", 0)).getList("failingChecks")).isEmpty();
        assertThat(overview(Map.of("owner", second)).getList("failingChecks")).extracting("check")
                .startsWith("incident-process");
        assertThat(overview(Map.of()).getList("failingChecks")).hasSizeLessThanOrEqualTo(10).isNotEmpty();
        given().queryParam("checks", 101).get("/api/overview").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("checks"));
        given().queryParam("checks", -1).get("/api/overview").then().statusCode(400);
    }

    @Test
    void teamsRankByAverageDistanceThenShareAtTheBar() {
        JsonPath everyone = overview(Map.of());
        List<Map<String, Object>> teams = everyone.getList("teams");
        assertThat(teams).extracting("rank").containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, teams.size()).boxed().toList());
        List<String> order = teams.stream().map(t -> (String) t.get("team")).filter(List.of(leading, second, last)::contains)
                .toList();
        assertThat(order).containsExactly(leading, second, last);
        assertThat(team(everyone, leading)).contains(entry("name", "Team " + leading), entry("products", 2),
                entry("meetingBar", 1), entry("distance", 6), entry("averageDistance", 3.0f), entry("progress", 61));
        assertThat(team(everyone, second)).contains(entry("products", 1), entry("meetingBar", 0), entry("distance", 3),
                entry("averageDistance", 3.0f), entry("progress", 87));
        assertThat(team(everyone, last)).contains(entry("products", 2), entry("meetingBar", 1), entry("distance", 29),
                entry("averageDistance", 14.5f), entry("progress", 56));
        // owner= limits the counts, not the ranking: the teams stand as in the whole organisation.
        JsonPath scoped = overview(Map.of("owner", second));
        assertThat(scoped.getList("teams.team")).isEqualTo(everyone.getList("teams.team"));
    }

    static Map<String, Object> team(JsonPath overview, String slug) {
        return overview.getMap("teams.find { it.team == '" + slug + "' }");
    }

    static void history(String product, Instant at, int score, boolean meets, int progress) {
        Db.update("""
                INSERT INTO history (product, taken_at, rubric_version, phase, score, meets_bar, next_phase_readiness,
                    pillar_scores, progress)
                VALUES (?, ?, 1, 'pre-launch', ?, ?, 0, '{}', ?)""", product, Timestamp.from(at), score, meets, progress);
    }

    @Test
    void teamHistoryHasAPointPerDayFromEachProductsLatestPoint() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant threeDaysAgo = today.minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
        // Two points of atBar three days ago (the later one counts); launch has none before today.
        history(atBar, threeDaysAgo.plus(Duration.ofHours(1)), 20, false, 40);
        history(atBar, threeDaysAgo.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(59)), 30, false, 50);
        int scoreAtBar = Fixtures.scorecard(atBar).getInt("score");
        int scoreLaunch = Fixtures.scorecard(launch).getInt("score");

        JsonPath trend = given().queryParam("from", today.minusDays(5).toString()).queryParam("to", today.toString())
                .get("/api/teams/{t}/history", leading).then().statusCode(200).extract().jsonPath();
        assertThat(trend.getString("team")).isEqualTo(leading);
        // No point for days before any product has one; a day without a new point repeats the day before.
        assertThat(trend.getList("items")).extracting("day", "products", "meetingBar", "progress", "score").containsExactly(
                tuple(today.minusDays(3).toString(), 1, 0, 50, 30),
                tuple(today.minusDays(2).toString(), 1, 0, 50, 30),
                tuple(today.minusDays(1).toString(), 1, 0, 50, 30),
                tuple(today.toString(), 2, 1, 61, (int) Math.round((scoreAtBar + scoreLaunch) / 2.0)));
        // The default is the last 90 days up to today.
        assertThat(given().get("/api/teams/{t}/history", leading).then().statusCode(200).extract().jsonPath()
                .getList("items.day")).containsExactly(today.minusDays(3).toString(), today.minusDays(2).toString(),
                        today.minusDays(1).toString(), today.toString());
        // A range that ends before the first point has none.
        assertThat(given().queryParam("from", today.minusDays(10).toString()).queryParam("to", today.minusDays(4).toString())
                .get("/api/teams/{t}/history", leading).then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void teamHistoryRefusesUnknownTeamsAndBadRanges() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        given().get("/api/teams/{t}/history", "no-such-team").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no-such-team"));
        given().queryParam("from", today.toString()).queryParam("to", today.minusDays(1).toString())
                .get("/api/teams/{t}/history", leading).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
        given().queryParam("from", today.minusDays(400).toString()).queryParam("to", today.toString())
                .get("/api/teams/{t}/history", leading).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].message", containsString("year"));
        given().queryParam("from", today.minusDays(365).toString()).queryParam("to", today.toString())
                .get("/api/teams/{t}/history", leading).then().statusCode(200);
        given().queryParam("from", "yesterday").get("/api/teams/{t}/history", leading).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("from"));
        given().queryParam("to", "2026-13-01").get("/api/teams/{t}/history", leading).then().statusCode(400)
                .body("violations[0].field", equalTo("to"));
    }
}
