package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.RubricResourceTest.awaitJobDone;
import static dev.pillarboard.scorecard.RubricResourceTest.currentVersion;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * The rubric-2 features through the REST API, against PostgreSQL: {@code PUT /api/rubric?dryRun=true} (the impact,
 * nothing stored), the {@code Accept-Language} negotiation (Japanese where the rubric has it, English per text
 * otherwise) and the new statuses of a scorecard (not connected with how to connect, not enough data, the tier rule
 * that applied, the grace of a new product). Uses {@code rubric/features-rubric.yaml} of the engine tests.
 */
@QuarkusTest
class RubricTwoResourceTest {

    static final String FEATURES = classpath("/rubric/features-rubric.yaml");

    /** A YAML body in UTF-8 (the rubric has Japanese texts; REST Assured's default for text is ISO-8859-1). */
    static io.restassured.specification.RequestSpecification yaml(String body) {
        return given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                .encoderConfig().encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT)))
                .contentType("application/yaml; charset=UTF-8").body(body.getBytes(StandardCharsets.UTF_8));
    }

    static String classpath(String resource) {
        try (InputStream in = RubricTwoResourceTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aDryRunReportsTheImpactPerPhaseAndTierAndStoresNothing() {
        String slug = product("dry");
        Map<String, Object> beta = FakeCatalog.product(Fixtures.unique("dry-beta"), Fixtures.PAY);
        beta.put("phase", "beta");
        FakeCatalog.upsert(beta);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/scorecards/{p}", beta.get("slug")).statusCode() == 409);
        int before = currentVersion();
        long versions = Db.queryLong("SELECT count(*) FROM rubric_version");
        long jobs = Db.queryLong("SELECT count(*) FROM evaluation_job");
        int openTasks = given().queryParam("product", slug).queryParam("status", "active").get("/api/tasks").jsonPath()
                .getInt("total");
        assertThat(openTasks).isPositive();

        yaml(FEATURES).queryParam("dryRun", "true").put("/api/rubric").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("inForce", equalTo(before)).body("checks", equalTo(4))
                .body("impact.products", greaterThanOrEqualTo(2))
                .body("impact.unscorable", greaterThanOrEqualTo(1))
                .body("impact.unknownPhases", hasItem("beta"))
                .body("impact.checksAdded", hasItems("gated", "actionable", "slo-target", "drill"))
                .body("impact.checksRemoved", hasItems("runbooks", "availability-alert"))
                // The v1 tasks of every product close (their checks leave), the new required checks open tasks.
                .body("impact.totals.tasksToClose", greaterThanOrEqualTo(openTasks))
                .body("impact.totals.tasksToOpen", greaterThan(0))
                .body("impact.byPhaseAndTier.find { it.phase == 'pre-pmf' && it.tier == 2 }.counts.products",
                        greaterThanOrEqualTo(1))
                .body("impact.byPhaseAndTier.phase", everyItem(org.hamcrest.Matchers.in(List.of("pre-launch", "pre-pmf", "pmf"))));

        // Nothing was stored: no version, no job, the scorecards still come from the version in force.
        assertThat(currentVersion()).isEqualTo(before);
        assertThat(Db.queryLong("SELECT count(*) FROM rubric_version")).isEqualTo(versions);
        assertThat(Db.queryLong("SELECT count(*) FROM evaluation_job")).isEqualTo(jobs);
        given().get("/api/scorecards/{p}", slug).then().body("rubricVersion", equalTo(before))
                .body("checks.find { it.id == 'runbooks' }", notNullValue());

        // A bad rubric is a 400 with the line, in a dry run as in a publish; a bad dryRun value too.
        yaml(FEATURES.replace("pmf: required}", "pmf: requird}")).queryParam("dryRun", "true").put("/api/rubric").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", startsWith("line "))
                .body("detail", containsString("version " + before + " stays in force"));
        yaml(FEATURES).queryParam("dryRun", "perhaps").put("/api/rubric").then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(currentVersion()).isEqualTo(before);
        assertThat(Db.queryLong("SELECT count(*) FROM rubric_version")).isEqualTo(versions);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void onlyPlatformAdminsRunADryRun() {
        yaml(FEATURES).queryParam("dryRun", "true").put("/api/rubric").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void textsFollowAcceptLanguageAndTheNewStatusesExplainThemselves() {
        String original = RubricParser.defaultRubricYaml();
        String job = yaml(FEATURES).put("/api/rubric").then().statusCode(200).extract().jsonPath().getString("evaluation.id");
        try {
            awaitJobDone(job);
            // The rubric: Japanese where it has it, English per text where it does not.
            given().header("Accept-Language", "ja-JP, en;q=0.5").get("/api/rubric").then().statusCode(200)
                    .header("Content-Language", "ja").header("Vary", containsString("Accept-Language"))
                    .body("language", equalTo("ja")).body("languages", hasItems("en", "ja"))
                    .body("title", equalTo("機能テスト用ルーブリック"))
                    .body("checks.find { it.id == 'gated' }.title", equalTo("ゲート付きロールアウト"))
                    .body("checks.find { it.id == 'actionable' }.title", equalTo("Pages are actionable"));
            for (String english : new String[] { "fr-FR, de;q=0.8", "*", "@@not a language@@", "ja;q=0" }) {
                given().header("Accept-Language", english).get("/api/rubric").then().statusCode(200)
                        .header("Content-Language", "en").body("title", equalTo("Feature test rubric"));
            }
            given().get("/api/rubric").then().header("Content-Language", "en");

            // A tier-1 product new to the catalog: the tier's override makes gated required already in pre-pmf.
            String team = FakeCatalog.team(Fixtures.unique("r2"));
            Map<String, Object> data = FakeCatalog.product(Fixtures.unique("ja"), team);
            data.put("tier", 1);
            FakeCatalog.upsert(data);
            String slug = (String) data.get("slug");
            Fixtures.awaitScorecard(slug);
            String graceUntil = given().header("Accept-Language", "ja").get("/api/scorecards/{p}", slug).then().statusCode(200)
                    .header("Content-Language", "ja").body("language", equalTo("ja"))
                    .body("checks.find { it.id == 'gated' }.title", equalTo("ゲート付きロールアウト"))
                    .body("checks.find { it.id == 'gated' }.requirement", equalTo("required"))
                    .body("checks.find { it.id == 'gated' }.rule.label", equalTo("tier 1"))
                    .body("checks.find { it.id == 'gated' }.rule.why", containsString("ティア1"))
                    // Never pushed: not connected (not a failure), with how to connect it instead of the fix.
                    .body("checks.find { it.id == 'gated' }.status", equalTo("not-connected"))
                    .body("checks.find { it.id == 'gated' }.connect", containsString("共通パイプライン"))
                    .body("checks.find { it.id == 'gated' }.connect", containsString("deploy.gated_ratio"))
                    // The engine's reason in Japanese too, the phase by its title (English where the rubric has none).
                    .body("checks.find { it.id == 'gated' }.reason", startsWith("未接続: deploy.gated_ratio はこのプロダクトについて"
                            + "まだ一度も送られていません。「Pre-PMF」で新たに必須: "))
                    // New to the catalog: the required checks are in grace, their tasks P2 until it ends.
                    .body("checks.find { it.id == 'gated' }.graceUntil", notNullValue())
                    .body("checks.find { it.id == 'gated' }.priority", equalTo("P2"))
                    .body("checks.find { it.id == 'actionable' }.title", equalTo("Pages are actionable"))
                    .body("checks.find { it.id == 'actionable' }.rule", nullValue())
                    .body("notConnected", greaterThanOrEqualTo(2))
                    .extract().path("checks.find { it.id == 'gated' }.graceUntil");
            given().header("Accept-Language", "en").get("/api/scorecards/{p}", slug).then()
                    .header("Content-Language", "en")
                    .body("checks.find { it.id == 'gated' }.title", equalTo("Gated rollouts"))
                    .body("checks.find { it.id == 'gated' }.rule.why", equalTo("Tier-1 users lose the most when a change breaks."))
                    .body("checks.find { it.id == 'gated' }.connect", containsString("Deploy through the shared pipeline."))
                    .body("checks.find { it.id == 'gated' }.reason", startsWith("not connected: no deploy.gated_ratio has been"
                            + " pushed for this product yet; newly required in pre-pmf: P1 from "));
            given().header("Accept-Language", "ja").get("/api/scorecards/{p}/readiness/pmf", slug).then().statusCode(200)
                    .header("Content-Language", "ja").body("language", equalTo("ja"))
                    .body("gaps.find { it.check == 'gated' }.title", equalTo("ゲート付きロールアウト"))
                    .body("gaps.find { it.check == 'gated' }.reason", startsWith("未接続: deploy.gated_ratio はこのプロダクトについて"));
            given().header("Accept-Language", "ja").queryParam("owner", team).queryParam("q", slug)
                    .get("/api/scorecards").then()
                    .statusCode(200).header("Content-Language", "ja")
                    .body("items.find { it.product == '" + slug + "' }.notConnected", greaterThanOrEqualTo(2));
            // One check's status and reason beside each product, the reason in Japanese.
            given().header("Accept-Language", "ja").queryParam("owner", team).queryParam("check", "gated")
                    .get("/api/scorecards").then().statusCode(200).header("Content-Language", "ja")
                    .body("items.find { it.product == '" + slug + "' }.checkStatus", equalTo("not-connected"))
                    .body("items.find { it.product == '" + slug + "' }.checkReason", startsWith("未接続: deploy.gated_ratio"));

            // The tasks of signals to connect are listed apart, due at the end of the grace.
            given().queryParam("product", slug).queryParam("checkStatus", "not-connected").get("/api/tasks").then()
                    .statusCode(200).body("items.check", hasItem("gated"))
                    .body("items.checkStatus", everyItem(equalTo("not-connected")))
                    .body("items.find { it.check == 'gated' }.priority", equalTo("P2"))
                    .body("items.find { it.check == 'gated' }.dueDate", equalTo(graceUntil.substring(0, 10)));
            // A task in Japanese: its check's title and its reason, one task with its ETag as in English.
            int gatedTask = given().header("Accept-Language", "ja").queryParam("product", slug).get("/api/tasks").then()
                    .statusCode(200).header("Content-Language", "ja")
                    .body("items.find { it.check == 'gated' }.title", equalTo("ゲート付きロールアウト"))
                    .body("items.find { it.check == 'gated' }.reason", startsWith("未接続: deploy.gated_ratio"))
                    .body("items.find { it.check == 'actionable' }.title", equalTo("Pages are actionable"))
                    .extract().path("items.find { it.check == 'gated' }.id");
            String etag = given().get("/api/tasks/{id}", gatedTask).then().statusCode(200)
                    .header("Content-Language", "en").body("title", equalTo("Gated rollouts"))
                    .body("reason", startsWith("not connected: no deploy.gated_ratio")).extract().header("ETag");
            given().header("Accept-Language", "ja").get("/api/tasks/{id}", gatedTask).then().statusCode(200)
                    .header("Content-Language", "ja").header("ETag", equalTo(etag))
                    .body("title", equalTo("ゲート付きロールアウト")).body("reason", startsWith("未接続: deploy.gated_ratio"));
            // What changed since an instant (a review's sign-off page): the tasks opened under their checks' titles too.
            String since = Instant.now().minus(Duration.ofDays(1)).toString();
            given().header("Accept-Language", "ja").queryParam("since", since).get("/api/scorecards/{p}/changes", slug).then()
                    .statusCode(200).body("tasksOpened.find { it.check == 'gated' }.title", equalTo("ゲート付きロールアウト"))
                    .body("tasksOpened.find { it.check == 'actionable' }.title", equalTo("Pages are actionable"));
            given().queryParam("since", since).get("/api/scorecards/{p}/changes", slug).then().statusCode(200)
                    .body("tasksOpened.find { it.check == 'gated' }.title", equalTo("Gated rollouts"));
            given().queryParam("checkStatus", "broken").get("/api/tasks").then().statusCode(400)
                    .contentType("application/problem+json");

            // Too few pages to judge the actionable share: not enough data, neither pass nor fail; enough: a pass.
            Fixtures.push(List.of(Fixtures.signal(slug, "alerts.actionable_ratio", 0.9),
                    Fixtures.signal(slug, "alerts.pages_30d", 2)));
            Fixtures.awaitStatus(slug, "actionable", "insufficient-data", Fixtures.VISIBLE);
            Fixtures.push(List.of(Fixtures.signal(slug, "alerts.pages_30d", 20)));
            Fixtures.awaitStatus(slug, "actionable", "pass", Fixtures.VISIBLE);
            Fixtures.push(List.of(Fixtures.signal(slug, "deploy.gated_ratio", 0.5)));
            Fixtures.awaitStatus(slug, "gated", "fail", Fixtures.VISIBLE);
            given().get("/api/scorecards/{p}", slug).then().body("checks.find { it.id == 'gated' }.connect", nullValue());

            // Failing where required while in grace (P2 tasks, no P1 anywhere): still what fails most. slo-target is
            // only recommended in pre-pmf and never pushed: not listed (nothing required fails), and not connected.
            given().queryParam("owner", team).get("/api/overview").then().statusCode(200)
                    .body("failingChecks.check", equalTo(List.of("drill", "gated")))
                    .body("failingChecks.failingRequired", equalTo(List.of(1, 1)))
                    .body("failingChecks.failing", equalTo(List.of(1, 1)))
                    .body("failingChecks.notConnected", equalTo(List.of(0, 0)));
            given().queryParam("owner", team).queryParam("priority", "P1").queryParam("status", "active")
                    .get("/api/tasks").then().statusCode(200).body("total", equalTo(0));
            // The tasks of the required checks (all in grace here: P2), and those of a recommended one, apart.
            given().queryParam("owner", team).queryParam("requirement", "required").queryParam("status", "active")
                    .get("/api/tasks").then().statusCode(200).body("items.check", equalTo(List.of("drill", "gated")))
                    .body("items.priority", everyItem(equalTo("P2"))).body("items.requirement", everyItem(equalTo("required")))
                    .body("items.dueDate", everyItem(equalTo(graceUntil.substring(0, 10))));
            // By due date: the team moved drill's a week past the grace, so gated falls due first.
            long drill = given().queryParam("owner", team).queryParam("requirement", "required").get("/api/tasks")
                    .jsonPath().getLong("items.find { it.check == 'drill' }.id");
            String later = java.time.LocalDate.parse(graceUntil.substring(0, 10)).plusDays(7).toString();
            given().contentType("application/merge-patch+json").body(Map.of("dueDate", later))
                    .patch("/api/tasks/{id}", drill).then().statusCode(200);
            given().queryParam("owner", team).queryParam("requirement", "required").queryParam("status", "active")
                    .queryParam("sort", "dueDate")
                    .get("/api/tasks").then().statusCode(200).body("items.check", equalTo(List.of("gated", "drill")))
                    .body("items.dueDate", equalTo(List.of(graceUntil.substring(0, 10), later)));
            given().queryParam("owner", team).queryParam("requirement", "required").queryParam("status", "active")
                    .queryParam("sort", "-dueDate")
                    .get("/api/tasks").then().statusCode(200).body("items.check", equalTo(List.of("drill", "gated")));
            given().queryParam("sort", "title").get("/api/tasks").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("sort"))
                    .body("violations[0].message", containsString("priority or dueDate"));
            given().queryParam("owner", team).queryParam("requirement", "recommended").get("/api/tasks").then()
                    .statusCode(200).body("items.check", equalTo(List.of("slo-target")))
                    .body("items[0].priority", equalTo("P3")).body("items[0].checkStatus", equalTo("not-connected"));
            given().queryParam("requirement", "mandatory").get("/api/tasks").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("requirement"))
                    .body("violations[0].message", containsString("required, recommended, n/a"));

            // The products a check applies to follow the rule that applies to each. Tier 1 now recommends gated
            // already before launch (where the check itself says n/a), and the tag internal makes it n/a at pmf
            // (where the check itself requires it): it applies to the two tier-1 products before launch and to the
            // plain pmf product, not to the internal one — 3, where the check's own requirements would count 2.
            String variant = FEATURES
                    .replace("requirements: {pre-pmf: required}\n        why: {en: Tier-1",
                            "requirements: {pre-launch: recommended, pre-pmf: required}\n        why: {en: Tier-1")
                    .replace("requirements: {pmf: recommended}\n        why: Internal", "requirements: {pmf: n/a}\n        why: Internal");
            assertThat(variant).contains("{pre-launch: recommended, pre-pmf: required}", "{pmf: n/a}");
            awaitJobDone(yaml(variant).put("/api/rubric").then().statusCode(200).extract().jsonPath().getString("evaluation.id"));
            String rules = FakeCatalog.team(Fixtures.unique("r2-rules"));
            for (Object[] kind : new Object[][] { { "pre-launch", 1, List.of() }, { "pre-launch", 1, List.of("java") },
                    { "pmf", 3, List.of("internal", "java") }, { "pmf", 3, List.of() } }) {
                Map<String, Object> product = FakeCatalog.product(Fixtures.unique("rule"), rules);
                product.put("phase", kind[0]);
                product.put("tier", kind[1]);
                product.put("tags", kind[2]);
                FakeCatalog.upsert(product);
                Fixtures.awaitScorecard((String) product.get("slug"));
            }
            // Never pushed anywhere: not connected where it applies (the internal product has no task of it at all).
            given().queryParam("owner", rules).queryParam("checks", 10).get("/api/overview").then().statusCode(200)
                    .body("products", equalTo(4))
                    .body("failingChecks.find { it.check == 'gated' }.applicable", equalTo(3))
                    .body("failingChecks.find { it.check == 'gated' }.notConnected", equalTo(3))
                    .body("failingChecks.find { it.check == 'gated' }.failingRequired", equalTo(0))
                    // drill is required everywhere, whatever the tier or tags.
                    .body("failingChecks.find { it.check == 'drill' }.applicable", equalTo(4));
        } finally {
            awaitJobDone(yaml(original).put("/api/rubric").then().statusCode(200).extract().jsonPath().getString("evaluation.id"));
        }
    }
}
