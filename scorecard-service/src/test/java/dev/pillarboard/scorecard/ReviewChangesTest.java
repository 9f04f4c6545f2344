package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.awaitStatus;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static dev.pillarboard.scorecard.support.Fixtures.push;
import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/scorecards/{product}/changes}: what changed since the last review (a review keeps every check's
 * status), or since an instant.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ReviewChangesTest {

    static long review(String slug) {
        return given().contentType(ContentType.JSON).body(Map.of("product", slug, "decision", "approved")).post("/api/reviews")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static JsonPath changes(String slug) {
        return given().get("/api/scorecards/{p}/changes", slug).then().statusCode(200).extract().jsonPath();
    }

    /** A waiver request stored as dana's, approved through the API. */
    static long approvedWaiver(String slug, String check) {
        Db.update("""
                INSERT INTO waiver (product, check_id, reason, requested_by, requested_at, expires_at, status)
                VALUES (?, ?, 'Scanner arrives next week', 'dana', now(), now() + interval '30 days', 'requested')""",
                slug, check);
        long id = Db.queryLong("SELECT max(id) FROM waiver WHERE product = ?", slug);
        given().contentType(ContentType.JSON).body(Map.of("decision", "approve")).post("/api/waivers/{id}/decision", id)
                .then().statusCode(200);
        return id;
    }

    @Test
    void showsWhatChangedSinceTheLastReview() {
        Map<String, Object> product = FakeCatalog.product(Fixtures.unique("chg"), Fixtures.PAY);
        FakeCatalog.upsert(product);
        String slug = (String) product.get("slug");
        Fixtures.awaitScorecard(slug);
        Instant beforeReview = Instant.now();
        given().get("/api/scorecards/{p}/changes", slug).then().statusCode(404).contentType("application/problem+json")
                .body("type", endsWith("never-reviewed")).body("detail", containsString("since="));

        long reviewId = review(slug);
        JsonPath none = changes(slug);
        assertThat(none.getLong("reviewId")).isEqualTo(reviewId);
        assertThat(none.getBoolean("checksRecorded")).isTrue();
        assertThat(none.getString("since")).isEqualTo(given().get("/api/reviews/{id}", reviewId).jsonPath().getString("reviewedAt"));
        for (String list : List.of("checks", "tasksOpened", "tasksClosed", "waiversGranted", "phases")) {
            assertThat(none.getList(list)).as(list).isEmpty();
        }

        // After the review: a check passes (its task closes), one fails instead of being unknown (its task stays
        // open), the catalog loses the runbook (a new task), a required check is waived.
        push(List.of(signal(slug, "ci.tests_on_every_change", true), signal(slug, "alerts.availability_rules", 0)));
        @SuppressWarnings("unchecked")
        Map<String, Object> links = (Map<String, Object>) product.get("links");
        links.remove("runbook");
        FakeCatalog.upsert(product);
        long waiver = approvedWaiver(slug, "no-secrets-in-code");
        awaitStatus(slug, "ci-tests", "pass", Fixtures.VISIBLE);
        awaitStatus(slug, "availability-alert", "fail", Fixtures.VISIBLE);
        awaitStatus(slug, "runbooks", "fail", Fixtures.VISIBLE);
        awaitStatus(slug, "no-secrets-in-code", "waived", Fixtures.VISIBLE);

        JsonPath changed = changes(slug);
        assertThat(changed.getLong("reviewId")).isEqualTo(reviewId);
        // In rubric order (observability, incident response, release and change, security).
        // Signals never pushed read not connected (not unknown): the practice may be in place, nothing measures it yet.
        assertThat(changed.getList("checks")).extracting("check", "from", "to").containsExactly(
                tuple("availability-alert", "not-connected", "fail"),
                tuple("runbooks", "pass", "fail"),
                tuple("ci-tests", "not-connected", "pass"),
                tuple("no-secrets-in-code", "not-connected", "waived"));
        assertThat(changed.getString("checks.find { it.check == 'runbooks' }.title")).isNotBlank();
        assertThat(changed.getString("checks.find { it.check == 'runbooks' }.pillar")).isEqualTo("incident-response");
        assertThat(changed.getList("tasksOpened")).extracting("check", "priority", "status")
                .containsExactly(tuple("runbooks", "P1", "open"));
        assertThat(changed.getList("tasksClosed")).extracting("check", "status")
                .containsExactlyInAnyOrder(tuple("ci-tests", "done"), tuple("no-secrets-in-code", "done"));
        assertThat(changed.getList("waiversGranted")).extracting("id", "check", "decidedBy", "reason")
                .containsExactly(tuple((int) waiver, "no-secrets-in-code", "ada", "Scanner arrives next week"));
        assertThat(changed.getList("phases")).isEmpty();

        // since= before the review: no review at or before it to compare checks with, everything after it listed.
        JsonPath sinceCreation = given().queryParam("since", beforeReview.toString()).get("/api/scorecards/{p}/changes", slug)
                .then().statusCode(200).extract().jsonPath();
        assertThat(sinceCreation.getString("reviewId")).isNull();
        assertThat(sinceCreation.getBoolean("checksRecorded")).isFalse();
        assertThat(sinceCreation.getList("checks")).isEmpty();
        assertThat(sinceCreation.getList("tasksOpened", Map.class)).extracting(m -> m.get("check")).containsExactly("runbooks");
        assertThat(sinceCreation.getList("waiversGranted")).hasSize(1);
        // since= after the review compares with that review and lists what happened after the instant.
        JsonPath sinceNow = given().queryParam("since", Instant.now().toString()).get("/api/scorecards/{p}/changes", slug)
                .then().statusCode(200).extract().jsonPath();
        assertThat(sinceNow.getLong("reviewId")).isEqualTo(reviewId);
        assertThat(sinceNow.getList("checks")).hasSize(4);
        assertThat(sinceNow.getList("tasksOpened")).isEmpty();
        assertThat(sinceNow.getList("tasksClosed")).isEmpty();
        assertThat(sinceNow.getList("waiversGranted")).isEmpty();

        given().queryParam("since", "last week").get("/api/scorecards/{p}/changes", slug).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("since"));
        given().get("/api/scorecards/{p}/changes", "no-such-product").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aReviewWithoutKeptStatusesListsNoCheckChanges() {
        String slug = product("chgold");
        // A review signed off before reviews kept check statuses (V5): no checks column.
        Db.update("""
                INSERT INTO review (product, decision, comment, reviewed_by, reviewed_at, rubric_version, score)
                VALUES (?, 'approved', '', 'lee', now(), 1, 10)""", slug);
        long reviewId = Db.queryLong("SELECT max(id) FROM review WHERE product = ?", slug);
        push(List.of(signal(slug, "ci.tests_on_every_change", true)));
        awaitStatus(slug, "ci-tests", "pass", Fixtures.VISIBLE);

        JsonPath changed = changes(slug);
        assertThat(changed.getLong("reviewId")).isEqualTo(reviewId);
        assertThat(changed.getBoolean("checksRecorded")).isFalse();
        assertThat(changed.getList("checks")).isEmpty();
        assertThat(changed.getList("tasksClosed")).extracting("check").containsExactly("ci-tests");
    }

    @Test
    void aPhaseChangeSinceTheReviewIsListed() {
        Map<String, Object> product = FakeCatalog.product(Fixtures.unique("chgphase"), Fixtures.PAY);
        FakeCatalog.upsert(product);
        String slug = (String) product.get("slug");
        Fixtures.awaitScorecard(slug);
        long reviewId = review(slug);
        product.put("phase", "pmf");
        FakeCatalog.upsert(product);
        await().atMost(Fixtures.VISIBLE).pollInterval(Duration.ofMillis(25))
                .until(() -> "pmf".equals(Fixtures.scorecard(slug).getString("phase")));

        JsonPath changed = changes(slug);
        assertThat(changed.getLong("reviewId")).isEqualTo(reviewId);
        assertThat(changed.getList("phases")).extracting("from", "to").containsExactly(tuple("pre-pmf", "pmf"));
        assertThat(changed.getString("phases[0].at")).isNotNull();
        // game-day is n/a before pmf and recommended in it: its status changed and a P3 task opened.
        assertThat(changed.getList("checks")).extracting("check", "from", "to").contains(tuple("game-day", "n/a", "unknown"));
        assertThat(changed.getList("tasksOpened")).extracting("check", "priority").contains(tuple("game-day", "P3"));
        // A task that was open before the review and only changed its priority did not open.
        assertThat(changed.getList("tasksOpened")).extracting("check").doesNotContain("slos-defined", "availability-alert");
    }
}
