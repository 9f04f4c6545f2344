package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.RubricResourceTest.awaitJobDone;
import static dev.pillarboard.scorecard.RubricResourceTest.currentVersion;
import static dev.pillarboard.scorecard.RubricTwoResourceTest.yaml;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Edition 2 of the default rubric through the REST API, against PostgreSQL: listed among the defaults, read in
 * Japanese or English, fetched as YAML, dry-run and published the way the README tells a platform admin to, and then
 * scorecards that answer in the caller's language with the edition's tier rules, grace and new checks. The installation
 * of the tests holds edition 1 (the test profile pins {@code first-default}) and gets it back at the end.
 */
@QuarkusTest
class DefaultRubricTwoResourceTest {

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void theDefaultsListEditionTwoWhichAnswersInJapaneseOrEnglish() {
        given().get("/api/rubric/defaults").then().statusCode(200)
                .body("edition", equalTo(List.of(1, 2)))
                .body("find { it.edition == 2 }.checks", equalTo(44))
                .body("find { it.edition == 2 }.languages", equalTo(List.of("en", "ja")))
                .body("find { it.edition == 2 }.title", equalTo("Pillarboard default rubric (edition 2)"))
                .body("find { it.edition == 1 }.languages", equalTo(List.of("en")));

        given().header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5").get("/api/rubric/defaults/2").then().statusCode(200)
                .header("Content-Language", "ja").header("Vary", containsString("Accept-Language"))
                .body("edition", equalTo(2)).body("language", equalTo("ja")).body("languages", equalTo(List.of("en", "ja")))
                .body("title", equalTo("Pillarboard 標準ルーブリック（第 2 版）"))
                .body("graceDays", equalTo(30)).body("nextPhasePriority", equalTo("P3"))
                .body("phases.title", equalTo(List.of("ローンチ前", "PMF 前", "PMF 達成")))
                .body("pillars.find { it.id == 'incident-response' }.title", equalTo("インシデント対応"))
                .body("pillars.shortTitle", equalTo(List.of("観測", "障害", "変更", "安全", "耐性")))
                .body("checks.find { it.id == 'oom-kills' }.title", equalTo("直近 7 日間、本番コンテナがメモリ不足で強制終了されていない"))
                .body("checks.find { it.id == 'oom-kills' }.requirements.pre-pmf", equalTo("required"))
                .body("checks.find { it.id == 'oom-kills' }.fix", containsString("ストリーミング"))
                .body("checks.find { it.id == 'postmortems' }.overrides[0].label", equalTo("tier 1"))
                .body("checks.find { it.id == 'postmortems' }.overrides[0].requirements.pre-pmf", equalTo("required"))
                .body("checks.find { it.id == 'postmortems' }.overrides[0].why", containsString("ティア 1"))
                .body("checks.find { it.id == 'alerts-actionable' }.evidence.signal.minCount", equalTo(5))
                .body("checks.find { it.id == 'alerts-actionable' }.evidence.signal.countKey", equalTo("alerts.pages_30d"))
                .body("signals.find { it.key == 'resources.oom_kills_7d' }.source", equalTo("k8s-exporter"))
                .body("signals.find { it.key == 'resources.oom_kills_7d' }.connect", containsString("ラベル"))
                .body("checks.title", everyItem(matchesPattern(".*[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}].*")));
        given().header("Accept-Language", "en").get("/api/rubric/defaults/2").then().statusCode(200)
                .header("Content-Language", "en")
                .body("checks.find { it.id == 'oom-kills' }.title",
                        equalTo("No production container was killed for running out of memory in the last 7 days"))
                .body("checks.find { it.id == 'postmortems' }.overrides[0].why", containsString("tier-1 product"))
                .body("pillars.shortTitle", equalTo(List.of("Obs", "Inc", "Rel", "Sec", "Res")));

        // The YAML to publish, as shipped; an edition that does not ship is 404, a word 400.
        String body = new String(given().accept("application/yaml").get("/api/rubric/defaults/2").then().statusCode(200)
                .extract().asByteArray(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo(RubricParser.defaultRubricYaml(2));
        given().get("/api/rubric/defaults/3").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/rubric/defaults/two").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aPlatformAdminDryRunsEditionTwoThenPublishesItAndScorecardsAnswerInTheirLanguage() {
        // A tier-1 product that arrived in the catalog moments ago, and a product scored by edition 1 before the publish.
        Map<String, Object> data = FakeCatalog.product(Fixtures.unique("ed2"), Fixtures.PAY);
        data.put("tier", 1);
        FakeCatalog.upsert(data);
        String slug = (String) data.get("slug");
        Fixtures.awaitScorecard(slug);
        String original = given().accept("application/yaml").get("/api/rubric").then().statusCode(200).extract().asString();
        int before = currentVersion();
        long versions = Db.queryLong("SELECT count(*) FROM rubric_version");
        given().get("/api/rubric/defaults").then().body("find { it.edition == 2 }.inForce", equalTo(false));

        // As the README says: fetch the edition as YAML, see its impact with a dry run (nothing stored), then publish.
        String edition2 = new String(given().accept("application/yaml").get("/api/rubric/defaults/2").asByteArray(),
                StandardCharsets.UTF_8);
        yaml(edition2).queryParam("dryRun", "true").put("/api/rubric").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("inForce", equalTo(before)).body("checks", equalTo(44))
                .body("title", equalTo("Pillarboard default rubric (edition 2)"))
                .body("impact.checksAdded", hasItems("oom-kills", "pager-load", "symptom-based-paging",
                        "launch-readiness-review", "slo-target-floor", "postmortem-actions"))
                .body("impact.products", greaterThanOrEqualTo(1))
                .body("impact.byPhaseAndTier.find { it.phase == 'pre-pmf' && it.tier == 1 }.counts.products",
                        greaterThanOrEqualTo(1));
        assertThat(currentVersion()).isEqualTo(before);
        assertThat(Db.queryLong("SELECT count(*) FROM rubric_version")).isEqualTo(versions);

        String job = yaml(edition2).put("/api/rubric").then().statusCode(200)
                .body("version", equalTo(before + 1)).body("checks", equalTo(44))
                .extract().jsonPath().getString("evaluation.id");
        try {
            awaitJobDone(job);
            given().get("/api/rubric/defaults").then().body("find { it.edition == 2 }.inForce", equalTo(true))
                    .body("find { it.edition == 1 }.inForce", equalTo(false));

            // Japanese: the texts of edition 2, the tier-1 rule with its why, how to connect a signal never pushed.
            given().header("Accept-Language", "ja").get("/api/scorecards/{p}", slug).then().statusCode(200)
                    .header("Content-Language", "ja").body("language", equalTo("ja"))
                    .body("rubricVersion", equalTo(before + 1))
                    .body("checks.find { it.id == 'oom-kills' }.title", equalTo("直近 7 日間、本番コンテナがメモリ不足で強制終了されていない"))
                    .body("checks.find { it.id == 'oom-kills' }.status", equalTo("not-connected"))
                    .body("checks.find { it.id == 'oom-kills' }.connect", containsString("resources.oom_kills_7d"))
                    .body("checks.find { it.id == 'oom-kills' }.connect", containsString("k8s-exporter"))
                    .body("checks.find { it.id == 'oom-kills' }.connect", containsString("app.kubernetes.io/part-of"))
                    .body("checks.find { it.id == 'postmortems' }.requirement", equalTo("required"))
                    .body("checks.find { it.id == 'postmortems' }.rule.label", equalTo("tier 1"))
                    .body("checks.find { it.id == 'postmortems' }.rule.why", containsString("ティア 1"))
                    .body("checks.find { it.id == 'launch-readiness-review' }.status", equalTo("n/a"))
                    // New in the catalog: what the phase requires is in grace (P2, with its deadline), nothing is P1.
                    .body("checks.find { it.id == 'postmortems' }.priority", equalTo("P2"))
                    .body("checks.find { it.id == 'postmortems' }.graceUntil", notNullValue())
                    .body("checks.findAll { it.priority == 'P1' }", empty())
                    .body("checks.find { it.id == 'symptom-based-paging' }.priority", equalTo("P3"))
                    .body("notConnected", greaterThanOrEqualTo(10));
            given().header("Accept-Language", "en").get("/api/scorecards/{p}", slug).then().statusCode(200)
                    .header("Content-Language", "en")
                    .body("checks.find { it.id == 'oom-kills' }.title",
                            equalTo("No production container was killed for running out of memory in the last 7 days"))
                    .body("checks.find { it.id == 'postmortems' }.rule.why", containsString("tier-1 product"));
            given().header("Accept-Language", "ja").get("/api/scorecards/{p}/readiness/pmf", slug).then().statusCode(200)
                    .header("Content-Language", "ja")
                    .body("gaps.find { it.check == 'slo-target-floor' }.title", equalTo("SLO の目標値がティアに必要な水準を下回っていない"));
            given().queryParam("product", slug).queryParam("priority", "P1").get("/api/tasks").then().statusCode(200)
                    .body("total", lessThanOrEqualTo(5));

            // Signals: too few pages to judge the actionable share; an OOM kill fails the check, its tier-1 SLO floor is 99.9.
            Fixtures.push(List.of(Fixtures.signal(slug, "alerts.actionable_ratio", 0.2), Fixtures.signal(slug, "alerts.pages_30d", 3),
                    Fixtures.signal(slug, "resources.oom_kills_7d", 2), Fixtures.signal(slug, "slo.min_target", 99.5)));
            Fixtures.awaitStatus(slug, "alerts-actionable", "insufficient-data", Fixtures.VISIBLE);
            Fixtures.awaitStatus(slug, "oom-kills", "fail", Fixtures.VISIBLE);
            given().get("/api/scorecards/{p}", slug).then()
                    .body("checks.find { it.id == 'oom-kills' }.connect", nullValue())
                    .body("checks.find { it.id == 'oom-kills' }.reason", containsString("resources.oom_kills_7d is 2"))
                    .body("checks.find { it.id == 'slo-target-floor' }.status", equalTo("fail"))
                    .body("checks.find { it.id == 'slo-target-floor' }.rule.label", equalTo("tier 1"))
                    .body("insufficientData", greaterThanOrEqualTo(1));
            Fixtures.push(List.of(Fixtures.signal(slug, "alerts.pages_30d", 12)));
            Fixtures.awaitStatus(slug, "alerts-actionable", "fail", Fixtures.VISIBLE);
        } finally {
            awaitJobDone(yaml(original).put("/api/rubric").then().statusCode(200).extract().jsonPath().getString("evaluation.id"));
        }
    }
}
