package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.evaluation.PeriodicSchedule;
import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * The periodic full re-evaluation is scheduled from the database (the last periodic job), not from
 * each replica's start, and with the snapshot interval it writes the "at least daily" history point.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class PeriodicEvaluationTest {

    @Inject
    PeriodicSchedule schedule;

    /**
     * Makes the periodic run due: every periodic job so far is moved 5 hours back and a periodic job
     * that finished 4.5 hours ago (longer than full-interval, 4 h) becomes the last one, in one
     * statement, so no check sees anything in between. Returns the id of that last job.
     */
    static UUID lastPeriodicRunFinishedHoursAgo() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> Db.queryLong(
                "SELECT count(*) FROM evaluation_job WHERE reason = 'periodic' AND status IN ('queued', 'running')") == 0);
        UUID last = UUID.randomUUID();
        Db.update("""
                WITH aged AS (
                    UPDATE evaluation_job SET created_at = created_at - interval '5 hours',
                        finished_at = finished_at - interval '5 hours', heartbeat_at = heartbeat_at - interval '5 hours'
                    WHERE reason = 'periodic')
                INSERT INTO evaluation_job (id, status, reason, requested_by, created_at, started_at, finished_at, heartbeat_at,
                    attempts, done, total)
                VALUES (?, 'done', 'periodic', 'pillarboard', now() - interval '271 minutes', now() - interval '271 minutes',
                    now() - interval '270 minutes', now() - interval '270 minutes', 1, 0, 0)""", last);
        return last;
    }

    static String periodicAfter(UUID last) {
        return Db.queryString("SELECT id::text FROM evaluation_job WHERE schedule_key = ?", "periodic-after:" + last);
    }

    static int historyPoints(String slug) {
        return given().get("/api/scorecards/{p}/history", slug).then().statusCode(200).extract().jsonPath().getList("items").size();
    }

    /** The product's last history point (and last snapshot) moved a day back: nothing changed since. */
    static void lastSnapshotADayAgo(String slug) {
        Db.update("UPDATE scorecard SET last_snapshot_at = last_snapshot_at - interval '21 hours' WHERE product = ?", slug);
        Db.update("UPDATE history SET taken_at = taken_at - interval '21 hours' WHERE product = ?", slug);
    }

    @Test
    void aProductWhoseLastSnapshotIsOlderThanTheSnapshotIntervalGetsAPointWithoutAnyChange() {
        String stale = product("daily");
        String fresh = product("fresh");
        lastSnapshotADayAgo(stale);
        Fixtures.requeueAndWait(stale);
        Fixtures.requeueAndWait(fresh);
        JsonPath history = given().get("/api/scorecards/{p}/history", stale).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items")).hasSize(2);
        assertThat(history.getInt("items[1].score")).isEqualTo(history.getInt("items[0].score"));
        assertThat(history.getMap("items[1].pillars")).isEqualTo(history.getMap("items[0].pillars"));
        assertThat(historyPoints(fresh)).isEqualTo(1); // unchanged and snapshotted moments ago: no point
        Fixtures.requeueAndWait(stale);
        assertThat(historyPoints(stale)).isEqualTo(2); // the new point counts as the last snapshot
    }

    @Test
    void theNextPeriodicRunStartsWhenTheLastFinishedAFullIntervalAgoAndWritesTheDailyPoint() {
        String slug = product("periodic");
        // A new installation (the first rubric stored minutes ago) runs no periodic job of its own,
        // however often the check looks: it starts with its queue.
        assertThat(Db.queryLong("SELECT count(*) FROM evaluation_job WHERE schedule_key = 'periodic-after:none'")).isZero();
        lastSnapshotADayAgo(slug);
        assertThat(historyPoints(slug)).isEqualTo(1);

        UUID last = lastPeriodicRunFinishedHoursAgo();
        String next = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> periodicAfter(last), id -> id != null);
        JsonPath done = EvaluationJobTest.awaitJob(next, "done");
        assertThat(done.getString("reason")).isEqualTo("periodic");
        assertThat(done.getInt("done")).isEqualTo(done.getInt("total")).isGreaterThanOrEqualTo(1);
        assertThat(historyPoints(slug)).isEqualTo(2);

        // It just finished: the next one is full-interval away, whatever the replicas do meanwhile.
        long periodic = Db.queryLong("SELECT count(*) FROM evaluation_job WHERE reason = 'periodic'");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> Db.queryLong("SELECT count(*) FROM evaluation_job WHERE reason = 'periodic'") == periodic);
        assertThat(schedule.createIfDue()).isNull();
    }

    @Test
    void replicasThatFindThePeriodicRunDueTogetherStartItOnce() throws Exception {
        product("once");
        UUID last = lastPeriodicRunFinishedHoursAgo();
        int replicas = 6;
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<UUID>> started = new ArrayList<>();
        try {
            for (int i = 0; i < replicas; i++) {
                started.add(pool.submit(() -> {
                    go.await();
                    return schedule.createIfDue();
                }));
            }
            go.countDown();
            int created = 0;
            for (Future<UUID> future : started) {
                if (future.get() != null) {
                    created++;
                }
            }
            assertThat(created).isLessThanOrEqualTo(1); // the service's own check may have been first
        } finally {
            pool.shutdownNow();
        }
        String next = await().atMost(Duration.ofSeconds(10)).until(() -> periodicAfter(last), id -> id != null);
        assertThat(Db.queryLong("SELECT count(*) FROM evaluation_job WHERE reason = 'periodic' AND created_at > now() - interval '1 hour'"))
                .isEqualTo(1);
        EvaluationJobTest.awaitJob(next, "done");
    }
}
