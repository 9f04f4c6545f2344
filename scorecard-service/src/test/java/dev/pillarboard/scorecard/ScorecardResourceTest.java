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
        assertThat(card.getList("checks.status", String.class)).isSubsetOf("pass", "fail", "unknown", "n/a", "waived")
                .contains("n/a", "unknown", "pass");
        Map<String, Object> runbooks = card.getMap("checks.find { it.id == 'runbooks' }");
        assertThat(runbooks).containsEntry("status", "pass").containsEntry("requirement", "required")
                .containsEntry("nextPhaseRequirement", "required").containsEntry("pillar", "incident-response");
        assertThat(runbooks.get("reason")).asString().contains("runbook");
        assertThat(card.getString("checks.find { it.id == 'runbooks' }.evidence.kind")).isEqualTo("catalog");
        Map<String, Object> slos = card.getMap("checks.find { it.id == 'slos-defined' }");
        assertThat(slos).containsEntry("status", "unknown").containsEntry("requirement", "recommended")
                .containsEntry("priority", "P2");
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

    @Test
    void listFiltersByOwnerAndMeetsBarAndSortsByPillarScore() {
        String mine = product("list", SEARCH);
        given().queryParam("owner", SEARCH).queryParam("size", 100).get("/api/scorecards")
                .then().statusCode(200).body("items.product", hasItem(mine)).body("items.owner", everyItem(equalTo(SEARCH)))
                .body("items[0].openTasks.total", notNullValue());
        given().queryParam("pillar", "observability").queryParam("sort", "-score").queryParam("meetsBar", "false")
                .get("/api/scorecards").then().statusCode(200).body("items", notNullValue());
        given().queryParam("sort", "name").get("/api/scorecards").then().statusCode(400)
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
                .body("gaps.outcome", everyItem(org.hamcrest.Matchers.oneOf("fail", "unknown")));
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

    @Test
    void teamSummaryShowsDistanceAndOpenTasks() {
        String slug = product("team", SEARCH);
        given().get("/api/teams/{t}/summary", SEARCH).then().statusCode(200)
                .body("team.slug", equalTo(SEARCH))
                .body("products.find { it.product == '" + slug + "' }.distance", notNullValue())
                .body("products.find { it.product == '" + slug + "' }.openTasks.P1", notNullValue())
                .body("totals.products", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().get("/api/teams/{t}/summary", "no-team").then().statusCode(404).contentType("application/problem+json");
        FakeCatalog.head();
    }
}
