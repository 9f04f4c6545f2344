package dev.pillarboard.scorecard.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.scorecard.Clock;
import dev.pillarboard.scorecard.EvaluationJob;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Re-evaluations of every product, run as jobs whose progress is stored (any replica answers for
 * any job). A job reads all product slugs, splits them into batches of
 * {@code evaluation.batch-size} and evaluates them on {@code evaluation.job-threads} threads, one
 * transaction per batch; progress is written after each batch.
 */
@ApplicationScoped
public class EvaluationJobs {

    private final AgroalDataSource dataSource;
    private final Evaluator evaluator;
    private final RubricService rubrics;
    private final ScorecardConfig config;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scorecard-evaluation-job");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService batches;
    private volatile boolean stopping;

    public EvaluationJobs(AgroalDataSource dataSource, Evaluator evaluator, RubricService rubrics, ScorecardConfig config) {
        this.dataSource = dataSource;
        this.evaluator = evaluator;
        this.rubrics = rubrics;
        this.config = config;
        AtomicInteger counter = new AtomicInteger();
        this.batches = Executors.newFixedThreadPool(Math.max(1, config.evaluation().jobThreads()), runnable -> {
            Thread thread = new Thread(runnable, "scorecard-evaluation-batch-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates a queued job and starts it after the creating transaction commits. */
    public EvaluationJob start(String reason, String requestedBy) {
        EvaluationJob job = QuarkusTransaction.requiringNew().call(() -> create(reason, requestedBy, null));
        runner.execute(() -> run(job.id));
        return job;
    }

    /** A periodic full re-evaluation; only one replica per interval gets to start it. */
    @Scheduled(every = "{pillarboard.scorecard.evaluation.full-interval}", delayed = "{pillarboard.scorecard.evaluation.full-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        long bucket = Instant.now().getEpochSecond() / Math.max(1, config.evaluation().fullInterval().toSeconds());
        EvaluationJob job;
        try {
            job = QuarkusTransaction.requiringNew().call(() -> create("periodic", "pillarboard", "periodic:" + bucket));
        } catch (RuntimeException e) {
            if (UniqueViolation.of(e, "evaluation_job_schedule_key_key")) {
                Log.debugf("Periodic evaluation %d already started by another replica", bucket);
            } else {
                Log.warnf("Periodic evaluation %d not started: %s", bucket, e.getMessage());
            }
            return;
        }
        runner.execute(() -> run(job.id));
    }

    private EvaluationJob create(String reason, String requestedBy, String scheduleKey) {
        EvaluationJob job = new EvaluationJob();
        job.id = UUID.randomUUID();
        job.status = EvaluationJob.QUEUED;
        job.reason = reason;
        job.requestedBy = requestedBy;
        job.scheduleKey = scheduleKey;
        job.createdAt = Clock.now();
        job.heartbeatAt = job.createdAt;
        job.persistAndFlush();
        return job;
    }

    /** A job, as stored; a running job whose replica stopped beating is reported (and stored) as failed. */
    @Transactional
    public EvaluationJob get(UUID id) {
        EvaluationJob job = EvaluationJob.findById(id);
        if (job == null) {
            throw ApiProblem.notFound("evaluation job", id.toString());
        }
        boolean unfinished = EvaluationJob.QUEUED.equals(job.status) || EvaluationJob.RUNNING.equals(job.status);
        Duration staleAfter = config.evaluation().jobStaleAfter();
        if (unfinished && job.heartbeatAt != null && job.heartbeatAt.plus(staleAfter).isBefore(Clock.now())) {
            job.status = EvaluationJob.FAILED;
            job.error = "the replica running it stopped reporting progress (no heartbeat for " + staleAfter + ")";
            job.finishedAt = Clock.now();
        }
        return job;
    }

    /** One page of the jobs, newest first. */
    @Transactional
    public Page<EvaluationJob> page(int page, int size) {
        var found = EvaluationJob.<EvaluationJob> find("order by createdAt desc, id");
        return new Page<>(found.page(page, size).list(), found.count());
    }

    private void run(UUID id) {
        try {
            List<String> products = allProducts();
            int version = rubrics.currentVersion();
            progress(id, EvaluationJob.RUNNING, 0, 0, products.size(), version, null, true);
            int batchSize = Math.max(1, config.evaluation().batchSize());
            AtomicInteger done = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < products.size(); from += batchSize) {
                List<String> batch = products.subList(from, Math.min(products.size(), from + batchSize));
                futures.add(batches.submit(() -> {
                    if (stopping) {
                        return;
                    }
                    Evaluator.Result result = QuarkusTransaction.requiringNew().call(() -> {
                        relaxCommit();
                        return evaluator.evaluate(batch);
                    });
                    failed.addAndGet(result.unscorable());
                    int now = done.addAndGet(batch.size());
                    progress(id, EvaluationJob.RUNNING, now, failed.get(), products.size(), version, null, false);
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            removeOrphans();
            progress(id, EvaluationJob.DONE, done.get(), failed.get(), products.size(), version, null, false, true);
            Log.infof("Evaluation job %s done: %d products, %d unscorable", id, done.get(), failed.get());
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            Log.errorf(cause, "Evaluation job %s failed", id);
            try {
                markFailed(id, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            } catch (RuntimeException ignored) {
                Log.warnf("Could not record the failure of job %s", id);
            }
        }
    }

    private List<String> allProducts() {
        List<String> products = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT slug FROM product ORDER BY slug");
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                products.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list products: " + e.getMessage(), e);
        }
        return products;
    }

    /** Results of products that are no longer in the mirror (normally removed when their deletion is applied). */
    private void removeOrphans() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement tasks = c.prepareStatement(
                            "DELETE FROM task t WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.slug = t.product)");
                    PreparedStatement scorecards = c.prepareStatement(
                            "DELETE FROM scorecard s WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.slug = s.product)")) {
                tasks.executeUpdate();
                scorecards.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void progress(UUID id, String status, int done, int failed, int total, int version, String error, boolean start) {
        progress(id, status, done, failed, total, version, error, start, false);
    }

    /**
     * Stores a job's progress; {@code durable} waits for the commit to be flushed (the final state,
     * which also flushes the batches' asynchronous commits before the job is reported done).
     */
    private void progress(UUID id, String status, int done, int failed, int total, int version, String error, boolean start,
            boolean durable) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (!durable) {
                relaxCommit();
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement update = c.prepareStatement("""
                            UPDATE evaluation_job SET status = ?, done = GREATEST(done, ?), failed = GREATEST(failed, ?),
                                total = ?, rubric_version = ?, error = ?, heartbeat_at = now(),
                                started_at = CASE WHEN ? THEN now() ELSE started_at END,
                                finished_at = CASE WHEN ? IN ('done', 'failed') THEN now() ELSE finished_at END
                            WHERE id = ?""")) {
                update.setString(1, status);
                update.setInt(2, done);
                update.setInt(3, failed);
                update.setInt(4, total);
                update.setInt(5, version);
                update.setString(6, error);
                update.setBoolean(7, start);
                update.setString(8, status);
                update.setObject(9, id);
                update.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Lets the current transaction commit without waiting for its WAL to reach the disk
     * ({@code synchronous_commit = off}, this transaction only). A job's batches and progress are
     * derived, re-computable data: a crash can lose the last few hundred milliseconds of commits, never
     * part of one, and then the job is reported failed (no heartbeat) and a product whose results were
     * lost is evaluated again by the next job, or sooner when its inputs change. Its commits stop
     * waiting for a disk flush each; the job's final state is written durably, which flushes them all.
     */
    private void relaxCommit() {
        try (Connection c = dataSource.getConnection();
                Statement statement = c.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit = off");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not relax the commit of an evaluation batch: " + e.getMessage(), e);
        }
    }

    private void markFailed(UUID id, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE evaluation_job SET status = 'failed', error = ?, finished_at = now(), heartbeat_at = now() WHERE id = ?")) {
                update.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
                update.setObject(2, id);
                update.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @PreDestroy
    void stop() {
        stopping = true;
        runner.shutdownNow();
        batches.shutdown();
        try {
            batches.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
