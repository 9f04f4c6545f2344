package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static dev.pillarboard.scorecard.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import dev.pillarboard.scorecard.support.WireMockCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Following the catalog's change feed, with WireMock standing in for the catalog. In this profile
 * the scheduled poll is an hour apart: everything here happens through nudges (as the catalog
 * sends them) or the manual trigger. PollingFallbackTest covers the scheduled poll.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class CatalogSyncTest {

    @AfterEach
    void healCatalog() {
        WireMockCatalog.up();
        WireMockCatalog.heal();
        FakeCatalog.nudging(true);
    }

    static long syncedRevision() {
        return given().get("/api/sync").then().statusCode(200).extract().jsonPath().getLong("lastRevision");
    }

    static void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(CatalogSyncTest::syncedRevision, revision -> revision == FakeCatalog.head());
    }

    @Test
    void catalogChangeIsVisibleInTheScorecardWithinTwoSeconds() {
        Map<String, Object> product = FakeCatalog.product(unique("chg"), PAY);
        FakeCatalog.upsert(product);
        String slug = (String) product.get("slug");
        Fixtures.awaitScorecard(slug);
        given().get("/api/scorecards/{p}", slug).then().body("phase", equalTo("pre-pmf"));
        product.put("phase", "pmf");
        FakeCatalog.upsert(product);
        await().atMost(Fixtures.VISIBLE).pollInterval(Duration.ofMillis(25))
                .until(() -> given().get("/api/scorecards/{p}", slug).jsonPath().getString("phase"), "pmf"::equals);
        given().get("/api/scorecards/{p}", slug).then().body("checks.find { it.id == 'slos-defined' }.requirement",
                equalTo("required"));
    }

    @Test
    void initialCatchUpPagesThroughTheWholeFeedAndStoresTheRevision() {
        // The test profile reads 50 changes per page: 120 products take three pages.
        FakeCatalog.nudging(false);
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            slugs.add(FakeCatalog.createProduct(unique("bulk" + i), PAY));
        }
        FakeCatalog.nudging(true);
        int requestsBefore = WireMockCatalog.feedRequests();
        FakeCatalog.nudge();
        awaitCaughtUp();
        assertThat(WireMockCatalog.feedRequests() - requestsBefore).isGreaterThanOrEqualTo(3);
        for (String slug : List.of(slugs.get(0), slugs.get(59), slugs.get(119))) {
            Fixtures.awaitScorecard(slug);
        }
        assertThat(Db.queryLong("SELECT last_revision FROM sync_state")).isEqualTo(FakeCatalog.head());
    }

    @Test
    void reapplyingTheWholeFeedChangesNothing() {
        String slug = product("idem");
        long taskId = given().queryParam("product", slug).get("/api/tasks").jsonPath().getLong("items[0].id");
        long tasks = Db.queryLong("SELECT count(*) FROM task WHERE product = ?", slug);
        long revision = Db.queryLong("SELECT revision FROM product WHERE slug = ?", slug);
        // Forget how far we got: the next poll reads the whole feed again.
        Db.update("UPDATE sync_state SET last_revision = 0");
        FakeCatalog.nudge();
        awaitCaughtUp();
        assertThat(Db.queryLong("SELECT revision FROM product WHERE slug = ?", slug)).isEqualTo(revision);
        assertThat(Db.queryLong("SELECT count(*) FROM task WHERE product = ?", slug)).isEqualTo(tasks);
        assertThat(given().queryParam("product", slug).get("/api/tasks").jsonPath().getLong("items[0].id")).isEqualTo(taskId);
    }

    @Test
    void deletedProductLosesItsScorecardAndTasksButKeepsHistory() {
        String slug = product("del");
        FakeCatalog.deleteProduct(slug);
        await().atMost(Fixtures.VISIBLE).pollInterval(Duration.ofMillis(25))
                .until(() -> given().get("/api/scorecards/{p}", slug).statusCode() == 404);
        given().queryParam("product", slug).get("/api/tasks").then().body("total", equalTo(0));
        assertThat(Db.queryLong("SELECT count(*) FROM history WHERE product = ?", slug)).isGreaterThanOrEqualTo(1);
        given().get("/api/scorecards/{p}/history", slug).then().statusCode(200);
    }

    @Test
    void catalogAnswering503ThenBackIsCaughtUpCompletely() {
        WireMockCatalog.failWith503();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slugs.add(FakeCatalog.createProduct(unique("down503"), PAY)); // each nudges; each poll fails
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/api/sync").jsonPath().getBoolean("catalogReachable") == false);
        long stuck = syncedRevision();
        assertThat(stuck).isLessThan(FakeCatalog.head());
        // The service keeps serving and reports the follower as degraded, not as down.
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog-sync' }.data.state", equalTo("degraded"));
        WireMockCatalog.heal();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            FakeCatalog.nudge();
            return syncedRevision() == FakeCatalog.head();
        });
        slugs.forEach(Fixtures::awaitScorecard);
        given().get("/api/sync").then().body("catalogReachable", equalTo(true));
    }

    @Test
    void catalogRefusingConnectionsThenBackIsCaughtUpCompletely() {
        WireMockCatalog.down();
        String slug = FakeCatalog.createProduct(unique("refused"), PAY);
        FakeCatalog.nudge();
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/api/sync").jsonPath().getBoolean("catalogReachable") == false);
        given().get("/api/sync").then().body("lastError", org.hamcrest.Matchers.notNullValue());
        WireMockCatalog.up();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            FakeCatalog.nudge();
            return syncedRevision() == FakeCatalog.head();
        });
        Fixtures.awaitScorecard(slug);
    }

    @Test
    void aNudgeTriggersAPoll() {
        FakeCatalog.nudging(false);
        String slug = FakeCatalog.createProduct(unique("nudge"), PAY);
        FakeCatalog.nudging(true);
        given().post("/api/sync/nudge").then().statusCode(202);
        Fixtures.awaitScorecard(slug);
    }

    @Test
    void teamsAreMirroredForSummaries() {
        String team = FakeCatalog.team(unique("team"));
        await().atMost(Fixtures.VISIBLE).until(() -> given().get("/api/teams/{t}/summary", team).statusCode() == 200);
        given().get("/api/teams/{t}/summary", team).then().body("team.name", equalTo("Team " + team))
                .body("totals.products", equalTo(0));
    }

    @Test
    void manualPollAnswersWithTheFollowersState() {
        given().post("/api/sync").then().statusCode(200).body("lastRevision", equalTo((int) FakeCatalog.head()));
    }
}
