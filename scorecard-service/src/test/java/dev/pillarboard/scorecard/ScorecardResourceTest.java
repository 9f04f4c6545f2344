package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY;
import static dev.pillarboard.scorecard.support.Fixtures.SEARCH;
import static dev.pillarboard.scorecard.support.Fixtures.awaitStatus;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static dev.pillarboard.scorecard.support.Fixtures.push;
import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.engine.Check;
import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ScorecardResourceTest {

    @Test
    void fullScorecardExplainsEveryCheckWithApiLabels() {
        String slug = product("full");
        JsonPath card = Fixtures.scorecard(slug);
        assertThat(card.getString("product")).isEqualTo(slug);
        assertThat(card.getString("owner")).isEqualTo(PAY);
        assertThat(card.getString("phase")).isEqualTo("pre-pmf");
        assertThat(card.getString("nextPhase")).isEqualTo("pmf");
        assertThat(card.getInt("rubricVersion")).isGreaterThanOrEqualTo(1);
        assertThat(card.getList("checks.id")).as("every check of the rubric, in rubric order")
                .containsExactlyElementsOf(RubricParser.defaultRubric().checks().stream().map(Check::id).toList());
        assertThat(card.getList("pillars.id")).containsExactly("observability", "incident-response", "release-change",
                "security", "resilience-capacity");
        assertThat(card.getBoolean("reviewDue")).isTrue();
        assertThat(card.getString("evaluatedAt")).isNotNull();
        // Labels, not Java enum names.
        assertThat(card.getList("checks.status", String.class))
                .isSubsetOf("pass", "fail", "unknown", "n/a", "waived", "not-connected", "insufficient-data")
                .contains("n/a", "unknown", "not-connected", "pass");
        Map<String, Object> runbooks = card.getMap("checks.find { it.id == 'runbooks' }");
        assertThat(runbooks).containsEntry("status", "pass").containsEntry("requirement", "required")
                .containsEntry("nextPhaseRequirement", "required").containsEntry("pillar", "incident-response");
        assertThat(runbooks.get("reason")).asString().contains("runbook");
        assertThat(card.getString("checks.find { it.id == 'runbooks' }.evidence.kind")).isEqualTo("catalog");
        Map<String, Object> slos = card.getMap("checks.find { it.id == 'slos-defined' }");
        // Its signal was never pushed: not connected (not a failure), with how to connect it instead of the fix.
        assertThat(slos).containsEntry("status", "not-connected").containsEntry("requirement", "recommended")
                .containsEntry("priority", "P2");
        assertThat(slos.get("connect")).asString().contains("slo.journeys_without_slo", "POST /api/signals");
        assertThat(card.getInt("notConnected")).isPositive();
        assertThat(card.getString("checks.find { it.id == 'game-day' }.status")).isEqualTo("n/a");
        assertThat(card.getBoolean("meetsPhaseBar")).isFalse();
        assertThat(card.getInt("distance")).isPositive();
    }

    @Test
    void signalShowsInTheScorecardWithinTwoSeconds() {
        String slug = product("sig");
        push(List.of(signal(slug, "alerts.availability_rules", 2)));
        awaitStatus(slug, "availability-alert", "pass", Fixtures.VISIBLE);
        JsonPath card = Fixtures.scorecard(slug);
        assertThat(card.getString("checks.find { it.id == 'availability-alert' }.evidence.value")).isEqualTo("2");
    }

    @Test
    void unknownProductIs404Problem() {
        given().get("/api/scorecards/{p}", "no-such-product").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-product"));
    }

    /** The products of a list answer, in order. */
    static List<String> listed(String owner, Map<String, Object> query) {
        return given().queryParam("owner", owner).queryParams(query).get("/api/scorecards").then().statusCode(200)
                .extract().jsonPath().getList("items.product", String.class);
    }

    static Map<String, Object> pillar(JsonPath list, String product, String pillar) {
        return list.getMap("items.find { it.product == '" + product + "' }.pillars.find { it.id == '" + pillar + "' }");
    }

    @Test
    void listFiltersByOwnerAndMeetsBarAndSortsByPillarScore() {
        String mine = product("list", SEARCH);
        given().queryParam("owner", SEARCH).queryParam("size", 100).get("/api/scorecards")
                .then().statusCode(200).body("items.product", hasItem(mine)).body("items.owner", everyItem(equalTo(SEARCH)))
                .body("items[0].openTasks.total", notNullValue());

        // A team of its own, with three products at three levels of observability (pre-pmf requires
        // the availability alert, the dashboard, which all have, and actionable alerts).
        String team = FakeCatalog.team(Fixtures.unique("sc-sort"));
        String low = product("obs-low", team);
        String mid = product("obs-mid", team);
        String high = product("obs-high", team);
        push(List.of(signal(mid, "alerts.availability_rules", 2), signal(high, "alerts.availability_rules", 2),
                signal(high, "alerts.actionable_ratio", 0.9), signal(high, "slo.journeys_without_slo", 0)));
        awaitStatus(mid, "availability-alert", "pass", Fixtures.VISIBLE);
        awaitStatus(high, "alerts-actionable", "pass", Fixtures.VISIBLE);
        awaitStatus(high, "slos-defined", "pass", Fixtures.VISIBLE);

        JsonPath byPillar = given().queryParam("owner", team).queryParam("pillar", "observability").queryParam("sort", "-score")
                .get("/api/scorecards").then().statusCode(200).extract().jsonPath();
        assertThat(byPillar.getList("items.product", String.class)).containsExactly(high, mid, low);
        assertThat(byPillar.getInt("total")).isEqualTo(3);
        int highScore = (Integer) pillar(byPillar, high, "observability").get("score");
        int midScore = (Integer) pillar(byPillar, mid, "observability").get("score");
        int lowScore = (Integer) pillar(byPillar, low, "observability").get("score");
        assertThat(highScore).isGreaterThan(midScore);
        assertThat(midScore).isGreaterThan(lowScore);
        assertThat(pillar(byPillar, high, "observability")).containsEntry("meetsPhaseBar", true);
        assertThat(pillar(byPillar, mid, "observability")).containsEntry("meetsPhaseBar", false);
        assertThat(pillar(byPillar, low, "observability")).containsEntry("meetsPhaseBar", false);
        // The overall order is another: every product misses most of the other pillars' required checks.
        assertThat(byPillar.getBoolean("items.find { it.product == '" + high + "' }.meetsPhaseBar")).isFalse();

        assertThat(listed(team, Map.of("pillar", "observability", "sort", "score"))).containsExactly(low, mid, high);
        // meetsBar refers to the pillar: the one that meets the observability bar, though not its phase bar overall.
        assertThat(listed(team, Map.of("pillar", "observability", "sort", "-score", "meetsBar", "true"))).containsExactly(high);
        assertThat(listed(team, Map.of("pillar", "observability", "sort", "-score", "meetsBar", "false")))
                .containsExactly(mid, low);
        assertThat(listed(team, Map.of("meetsBar", "true"))).isEmpty();
        assertThat(listed(team, Map.of("meetsBar", "false", "sort", "product"))).containsExactly(high, low, mid);
        given().queryParam("sort", "owner").get("/api/scorecards").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("sort"));
        given().queryParam("pillar", "nope").get("/api/scorecards").then().statusCode(400)
                .body("detail", containsString("observability"));
        given().queryParam("size", 101).get("/api/scorecards").then().statusCode(400);
        given().queryParam("meetsBar", "maybe").get("/api/scorecards").then().statusCode(400);
    }

    @Test
    void readinessListsWhatMustChangeForAPhase() {
        String slug = product("ready");
        given().get("/api/scorecards/{p}/readiness/{phase}", slug, "pmf").then().statusCode(200)
                .body("targetPhase", equalTo("pmf")).body("meets", equalTo(false))
                .body("gaps.check", hasItem("slos-defined")).body("gaps[0].fix", notNullValue())
                .body("gaps.outcome", everyItem(org.hamcrest.Matchers.oneOf("fail", "unknown", "not-connected")))
                .body("gaps.outcome", hasItem("not-connected"));
        given().get("/api/scorecards/{p}/readiness/{phase}", slug, "ga").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("pre-launch, pre-pmf, pmf"));
    }

    @Test
    void historyRecordsAPointWhenScoresChange() {
        String slug = product("hist");
        int before = given().get("/api/scorecards/{p}/history", slug).then().statusCode(200).extract().jsonPath()
                .getList("items").size();
        assertThat(before).isEqualTo(1);
        push(List.of(signal(slug, "ci.tests_on_every_change", true)));
        awaitStatus(slug, "ci-tests", "pass", Duration.ofSeconds(5));
        given().get("/api/scorecards/{p}/history", slug).then().statusCode(200).body("items", hasSize(2))
                .body("items[1].pillars.release-change", notNullValue());
        given().get("/api/scorecards/{p}/history?from=nonsense", slug).then().statusCode(400);
        given().get("/api/scorecards/{p}/history", "nobody-knows").then().statusCode(404);
    }

    /** Open tasks of a product with a priority, as the task list counts them. */
    static int openTasks(String slug, String priority) {
        return given().queryParam("product", slug).queryParam("priority", priority).queryParam("status", "open")
                .queryParam("size", 100).get("/api/tasks").then().statusCode(200).extract().jsonPath().getInt("total");
    }

    @Test
    void teamSummaryShowsDistanceAndOpenTasks() {
        String team = FakeCatalog.team(Fixtures.unique("sc-summary"));
        String slug = product("team", team);
        // A fresh pre-pmf product: of the 19 checks pre-pmf requires it meets four from its catalog data
        // (dashboard, owner and tier with a pager, runbook, repository); 15 required checks are a gap, each a P1 task.
        JsonPath card = Fixtures.scorecard(slug);
        long gaps = card.getList("checks", Map.class).stream()
                .filter(check -> "required".equals(check.get("requirement")) && !List.of("pass", "waived").contains(check.get("status")))
                .count();
        assertThat(gaps).isEqualTo(15);
        assertThat(card.getInt("distance")).isEqualTo(15);

        JsonPath summary = given().get("/api/teams/{t}/summary", team).then().statusCode(200).extract().jsonPath();
        assertThat(summary.getString("team.slug")).isEqualTo(team);
        assertThat(summary.getList("products.product")).containsExactly(slug);
        assertThat(summary.getString("products[0].phase")).isEqualTo("pre-pmf");
        assertThat(summary.getBoolean("products[0].meetsPhaseBar")).isFalse();
        assertThat(summary.getInt("products[0].distance")).isEqualTo(15);
        assertThat(summary.getString("products[0].nextPhase")).isEqualTo("pmf");
        assertThat(summary.getInt("products[0].score")).isEqualTo(card.getInt("score"));
        assertThat(summary.getInt("products[0].openTasks.P1")).isEqualTo(15).isEqualTo(openTasks(slug, "P1"));
        assertThat(summary.getInt("products[0].openTasks.P2")).isEqualTo(openTasks(slug, "P2")).isPositive();
        assertThat(summary.getInt("products[0].openTasks.P3")).isEqualTo(openTasks(slug, "P3")).isPositive();
        assertThat(summary.getInt("products[0].openTasks.total")).isEqualTo(
                openTasks(slug, "P1") + openTasks(slug, "P2") + openTasks(slug, "P3"));
        assertThat(summary.getInt("totals.products")).isEqualTo(1);
        assertThat(summary.getInt("totals.meetingPhaseBar")).isZero();
        assertThat(summary.getInt("totals.averageScore")).isEqualTo(card.getInt("score"));
        assertThat(summary.getInt("totals.openTasks.P1")).isEqualTo(15);

        // One required check passes: one gap and one P1 task fewer.
        push(List.of(signal(slug, "alerts.availability_rules", 2)));
        awaitStatus(slug, "availability-alert", "pass", Fixtures.VISIBLE);
        JsonPath after = given().get("/api/teams/{t}/summary", team).then().statusCode(200).extract().jsonPath();
        assertThat(after.getInt("products[0].distance")).isEqualTo(14);
        assertThat(after.getInt("products[0].openTasks.P1")).isEqualTo(14).isEqualTo(openTasks(slug, "P1"));
        assertThat(after.getInt("totals.openTasks.P1")).isEqualTo(14);

        given().get("/api/teams/{t}/summary", "no-team").then().statusCode(404).contentType("application/problem+json");
    }
}
