package dev.pillarboard.scorecard.evaluation;

import static dev.pillarboard.scorecard.support.Fixtures.awaitStatus;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static dev.pillarboard.scorecard.support.Fixtures.push;
import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * The evaluation queue keeps what it cannot evaluate yet, never loses another product's entry, and
 * is shared by workers without waiting. A product is made impossible to evaluate, independently of
 * the rubric, by data in its mirror row that the evaluator refuses (a link that is not a string).
 * Test profile: parked after 4 failures, retries 100 ms apart, doubling up to 1 s.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class EvaluationQueueTest {

    static final String EVALUATING = "FROM product WHERE slug = ANY";

    @Inject
    EvaluationWorker worker;

    /** Corrupts the product's links; returns them as they were. */
    static String corrupt(String slug) {
        String links = Db.queryString("SELECT links::text FROM product WHERE slug = ?", slug);
        Db.update("UPDATE product SET links = '{\"repo\": {\"not\": \"a string\"}}'::jsonb WHERE slug = ?", slug);
        return links;
    }

    static void repair(String slug, String links) {
        Db.update("UPDATE product SET links = ?::jsonb WHERE slug = ?", links, slug);
        Db.update("UPDATE evaluation_queue SET parked_at = NULL, retry_at = NULL WHERE product = ?", slug);
    }

    static String evaluatedAt(String slug) {
        return given().get("/api/scorecards/{p}", slug).then().statusCode(200).extract().jsonPath().getString("evaluatedAt");
    }

    static boolean queued(String slug) {
        return Db.queryLong("SELECT count(*) FROM evaluation_queue WHERE product = ?", slug) == 1;
    }

    static long attempts(String slug) {
        return Db.queryLong("SELECT attempts FROM evaluation_queue WHERE product = ?", slug);
    }

    static boolean parked(String slug) {
        return Db.queryLong("SELECT count(*) FROM evaluation_queue WHERE product = ? AND parked_at IS NOT NULL", slug) == 1;
    }

    /** The product's queue row exists and a worker holds it (a lock a second worker skips). */
    static boolean heldByAWorker(String slug) {
        return queued(slug) && Db.queryLong(
                "SELECT count(*) FROM (SELECT 1 FROM evaluation_queue WHERE product = ? FOR UPDATE SKIP LOCKED) free", slug) == 0;
    }

    @Test
    void aProductThatCannotBeEvaluatedStaysQueuedWhileTheOthersAreEvaluated() {
        String bad = product("poison");
        String good = product("healthy");
        String other = product("bystander");
        String links = corrupt(bad);
        try {
            String goodBefore = evaluatedAt(good);
            // Queued together: their batch fails, then each is evaluated alone.
            Db.update("INSERT INTO evaluation_queue (product, queued_at) VALUES (?, now()), (?, now())", bad, good);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                    .until(() -> !evaluatedAt(good).equals(goodBefore) && attempts(bad) >= 1);
            assertThat(queued(good)).isFalse();
            assertThat(queued(bad)).isTrue();
            assertThat(Db.queryString("SELECT last_error FROM evaluation_queue WHERE product = ?", bad))
                    .contains("Corrupt JSON in the product mirror");

            // While it is retried, other products' changes show as usual.
            push(List.of(signal(other, "alerts.availability_rules", 2)));
            awaitStatus(other, "availability-alert", "pass", Fixtures.VISIBLE);

            // After 4 failures it is parked with its error, visible in the readiness health, and left alone.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> parked(bad));
            assertThat(attempts(bad)).isEqualTo(4);
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'evaluation-queue' }.status", org.hamcrest.Matchers.equalTo("UP"))
                    .body("checks.find { it.name == 'evaluation-queue' }.data.parked", greaterThanOrEqualTo(1))
                    .body("checks.find { it.name == 'evaluation-queue' }.data.parkedProducts", containsString(bad))
                    .body("checks.find { it.name == 'evaluation-queue' }.data.lastError", containsString("Corrupt JSON"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> attempts(bad) == 4 && parked(bad));

            // Its data repaired, a new input gives it another try: evaluated, it leaves the queue.
            Db.update("UPDATE product SET links = ?::jsonb WHERE slug = ?", links, bad);
            push(List.of(signal(bad, "alerts.availability_rules", 2)));
            awaitStatus(bad, "availability-alert", "pass", Fixtures.VISIBLE);
            await().atMost(Duration.ofSeconds(5)).until(() -> !queued(bad));
        } finally {
            repair(bad, links);
        }
    }

    @Test
    void aFailureThatGoesAwayIsRetriedWithoutNewInput() {
        String flaky = product("flaky");
        String before = evaluatedAt(flaky);
        String links = corrupt(flaky);
        try {
            Db.requeue(flaky);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> attempts(flaky) >= 1);
            assertThat(parked(flaky)).isFalse();
            Db.update("UPDATE product SET links = ?::jsonb WHERE slug = ?", links, flaky);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25)).until(() -> !queued(flaky));
            assertThat(evaluatedAt(flaky)).isNotEqualTo(before);
        } finally {
            repair(flaky, links);
        }
    }

    @Test
    void twoWorkersShareTheQueueWithoutWaitingForEachOther() throws Exception {
        String busy = product("busy");
        String free = product("free");
        String busyBefore = evaluatedAt(busy);
        String freeBefore = evaluatedAt(free);
        try (Db.Session replica = Db.session()) {
            replica.queryLong("SELECT 1 FROM product WHERE slug = ? FOR UPDATE", busy);
            Db.requeue(busy);
            // The service's worker takes it and waits for the product row, holding its queue row.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                    .until(() -> Db.waitingForLock(EVALUATING) > 0 && heldByAWorker(busy));
            Db.requeue(free);
            // A second worker (another replica's) skips the row the first one holds and takes the rest, without waiting.
            int taken = CompletableFuture.supplyAsync(() -> worker.drain(500)).get(10, TimeUnit.SECONDS);
            assertThat(taken).isGreaterThanOrEqualTo(1);
            assertThat(evaluatedAt(free)).isNotEqualTo(freeBefore);
            assertThat(queued(free)).isFalse();
            assertThat(heldByAWorker(busy)).isTrue();
            assertThat(evaluatedAt(busy)).isEqualTo(busyBefore);
        }
        // Released: the first worker finishes its evaluation, and the product leaves the queue.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                .until(() -> !queued(busy) && !evaluatedAt(busy).equals(busyBefore));
    }

    @Test
    void aFullEvaluationCompletesAroundAProductThatCannotBeEvaluated() {
        String bad = product("jobpoison");
        String good = product("jobhealthy");
        String goodBefore = evaluatedAt(good);
        String links = corrupt(bad);
        try {
            long unscorable = Db.queryLong("SELECT count(*) FROM product WHERE phase NOT IN ('pre-launch', 'pre-pmf', 'pmf')");
            String id = given().post("/api/evaluations").then().statusCode(202).extract().jsonPath().getString("id");
            JsonPath job = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> given().get("/api/evaluations/{id}", id).then().statusCode(200).extract().jsonPath(),
                            j -> !List.of("queued", "running").contains(j.getString("status")));
            assertThat(job.getString("status")).isEqualTo("done");
            assertThat(job.getInt("done")).isEqualTo(job.getInt("total"));
            assertThat(job.getLong("failed")).isEqualTo(unscorable + 1);
            assertThat(evaluatedAt(good)).isNotEqualTo(goodBefore);
            // The product the job could not evaluate was handed to the queue, which counts its failures.
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts(bad) >= 1);
        } finally {
            repair(bad, links);
        }
    }
}
