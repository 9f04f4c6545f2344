package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class EvaluationJobTest {

    static JsonPath awaitJob(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/api/evaluations/{id}", id).then().statusCode(200).extract().jsonPath(),
                        job -> job.getString("status").equals(status));
    }

    static String status(UUID id) {
        return Db.queryString("SELECT status FROM evaluation_job WHERE id = ?", id);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void fullEvaluationIsAJobWhoseProgressCanBeFollowed() {
        String slug = product("job");
        String before = given().get("/api/scorecards/{p}", slug).jsonPath().getString("evaluatedAt");
        var response = given().post("/api/evaluations").then().statusCode(202)
                .header("Location", containsString("/api/evaluations/"))
                .body("status", oneOf("queued", "running", "done")).body("id", notNullValue()).extract();
        String location = response.header("Location");
        JsonPath done = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get(location).then().statusCode(200).extract().jsonPath(),
                        job -> job.getString("status").equals("done"));
        assertThat(done.getInt("total")).isGreaterThanOrEqualTo(1);
        assertThat(done.getInt("done")).isEqualTo(done.getInt("total"));
        assertThat(done.getString("startedAt")).isNotNull();
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(given().get("/api/scorecards/{p}", slug).jsonPath().getString("evaluatedAt")).isNotEqualTo(before);
        // The jobs list is paged like every list: newest first, {items, page, size, total}.
        String id = location.substring(location.lastIndexOf('/') + 1);
        JsonPath first = given().queryParam("size", 1).get("/api/evaluations").then().statusCode(200)
                .body("page", org.hamcrest.Matchers.equalTo(0)).body("size", org.hamcrest.Matchers.equalTo(1))
                .body("items.size()", org.hamcrest.Matchers.equalTo(1)).extract().jsonPath();
        assertThat(first.getLong("total")).isGreaterThanOrEqualTo(1);
        JsonPath all = given().queryParam("size", 100).get("/api/evaluations").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.id", String.class)).contains(id);
        List<java.time.Instant> created = all.getList("items.createdAt", String.class).stream().map(java.time.Instant::parse).toList();
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        given().queryParam("size", 101).get("/api/evaluations").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("page", -1).get("/api/evaluations").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void onlyPlatformAdminsStartOne() {
        given().post("/api/evaluations").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/evaluations/{id}", "00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().get("/api/evaluations/{id}", "nope").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aQueuedJobThatNoReplicaStartedIsPickedUp() {
        String slug = product("pickup");
        String before = given().get("/api/scorecards/{p}", slug).jsonPath().getString("evaluatedAt");
        // As if the replica that created it had stopped right after the commit.
        UUID id = UUID.randomUUID();
        Db.update("""
                INSERT INTO evaluation_job (id, status, reason, requested_by, created_at, heartbeat_at)
                VALUES (?, 'queued', 'manual', 'ada', now(), now())""", id);
        JsonPath done = awaitJob(id.toString(), "done");
        assertThat(done.getInt("total")).isGreaterThanOrEqualTo(1);
        assertThat(done.getInt("done")).isEqualTo(done.getInt("total"));
        assertThat(done.getString("startedAt")).isNotNull();
        assertThat(given().get("/api/scorecards/{p}", slug).jsonPath().getString("evaluatedAt")).isNotEqualTo(before);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aRunningJobWhoseReplicaStoppedBeatingIsResumedUntilItRunsOutOfAttempts() {
        product("resume");
        UUID abandoned = UUID.randomUUID();
        UUID exhausted = UUID.randomUUID();
        Db.update("""
                INSERT INTO evaluation_job (id, status, reason, requested_by, created_at, started_at, heartbeat_at, attempts,
                    done, total)
                VALUES (?, 'running', 'manual', 'ada', now() - interval '10 minutes', now() - interval '10 minutes',
                        now() - interval '9 minutes', 1, 3, 10),
                       (?, 'running', 'manual', 'ada', now() - interval '1 hour', now() - interval '1 hour',
                        now() - interval '50 minutes', 3, 3, 10)""", abandoned, exhausted);
        JsonPath resumed = awaitJob(abandoned.toString(), "done");
        assertThat(resumed.getInt("done")).isEqualTo(resumed.getInt("total"));
        assertThat(Db.queryLong("SELECT attempts FROM evaluation_job WHERE id = ?", abandoned)).isEqualTo(2);
        JsonPath failed = awaitJob(exhausted.toString(), "failed");
        assertThat(failed.getString("error")).contains("stopped reporting progress").contains("3 times");
        assertThat(failed.getString("finishedAt")).isNotNull();
        assertThat(failed.getInt("done")).isEqualTo(3);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aFailedJobStaysFailedWhileItsBatchesFinishAndIsNeverStartedAgain() {
        String slug = product("stuck");
        UUID id;
        try (Db.Session other = Db.session()) {
            // Another session holds the product's mirror row: the job's batch waits for it.
            other.queryLong("SELECT 1 FROM product WHERE slug = ? FOR UPDATE", slug);
            id = UUID.fromString(given().post("/api/evaluations").then().statusCode(202).extract().jsonPath().getString("id"));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25))
                    .until(() -> "running".equals(status(id)) && Db.waitingForLock("FROM product WHERE slug = ANY") > 0);
            // Failed meanwhile (by a batch that failed, or by the check after its attempts ran out).
            assertThat(Db.update("UPDATE evaluation_job SET status = 'failed', error = 'failed by the test', finished_at = now()"
                    + " WHERE id = ? AND status = 'running'", id)).isEqualTo(1);
        }
        // The batch goes on once the row is released, but the job neither flips back to running nor becomes done.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> "failed".equals(status(id)));
        JsonPath job = given().get("/api/evaluations/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(job.getString("error")).isEqualTo("failed by the test");
        assertThat(job.getInt("done")).isZero();
        assertThat(Db.waitingForLock("FROM product WHERE slug = ANY")).isZero();

        // Finished jobs are never claimed again, however old their heartbeat.
        UUID done = UUID.randomUUID();
        Db.update("""
                INSERT INTO evaluation_job (id, status, reason, requested_by, created_at, finished_at, heartbeat_at, attempts)
                VALUES (?, 'done', 'manual', 'ada', now() - interval '1 day', now() - interval '1 day', now() - interval '1 day', 1)""",
                done);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> "done".equals(status(done)) && "failed".equals(status(id)));
        assertThat(Db.queryLong("SELECT attempts FROM evaluation_job WHERE id = ?", id)).isEqualTo(1);
        assertThat(Db.queryLong("SELECT attempts FROM evaluation_job WHERE id = ?", done)).isEqualTo(1);
    }
}
