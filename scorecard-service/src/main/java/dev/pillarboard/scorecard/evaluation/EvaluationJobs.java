package dev.pillarboard.scorecard.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.Page;
import dev.pillarboard.scorecard.Clock;
import dev.pillarboard.scorecard.EvaluationJob;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Re-evaluations of every product, run as jobs whose progress is stored (any replica answers for
 * any job). A job is a row first ({@code queued}, written in the transaction that asks for it, so a
 * rubric publish never commits without its job); the replica that created it starts it after the
 * commit, and every replica looks for unfinished jobs every {@code job-check-interval}, so a job
 * whose replica stopped (before starting it, or while running it: no heartbeat for
 * {@code job-stale-after}) is started or resumed by another one.
 *
 * <p>Running a job means claiming it ({@code attempts + 1}, status {@code running}); its progress is
 * written only while that claim holds, so a job that was failed, or taken over after its replica
 * stalled, never flips back. A job reads all product slugs, splits them into batches of
 * {@code evaluation.batch-size} and evaluates them on {@code evaluation.job-threads} threads, one
 * transaction per batch; progress is written after each batch. A product that cannot be evaluated
 * is counted as failed and queued (the queue retries it); a batch that fails beyond that (the
 * database) fails the job and cancels the batches not yet started.
 *
 * <p>The periodic full re-evaluation is scheduled from the database: it starts when the last
 * periodic job finished {@code full-interval} ago (or there never was one), whichever replica looks
 * first, and however often replicas restart.
 */
@ApplicationScoped
public class EvaluationJobs {

    /** Fired in the transaction that created a job; after the commit this replica starts it. */
    public record Created(UUID id) {
    }

    /** A periodic job's schedule key names the periodic job it follows, so one replica creates each. */
    static final String PERIODIC_KEY = "periodic-after:";

    /** The job this replica runs: the claim it holds and whether it must stop. */
    private record Run(UUID id, int attempt, AtomicBoolean cancelled) {
    }

    private final AgroalDataSource dataSource;
    private final Evaluator evaluator;
    private final EvaluationQueue queue;
    private final RubricService rubrics;
    private final ScorecardConfig config;
    private final Event<Created> created;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scorecard-evaluation-job");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService batches;
    /** Jobs handed to the runner and not finished: a job is submitted once however often it is seen. */
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    private volatile Run current;
    private volatile boolean stopping;

    public EvaluationJobs(AgroalDataSource dataSource, Evaluator evaluator, EvaluationQueue queue, RubricService rubrics,
            ScorecardConfig config, Event<Created> created) {
        this.dataSource = dataSource;
        this.evaluator = evaluator;
        this.queue = queue;
        this.rubrics = rubrics;
        this.config = config;
        this.created = created;
        AtomicInteger counter = new AtomicInteger();
        this.batches = Executors.newFixedThreadPool(Math.max(1, config.evaluation().jobThreads()), runnable -> {
            Thread thread = new Thread(runnable, "scorecard-evaluation-batch-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates a queued job in a transaction of its own; it starts right after the commit. */
    public EvaluationJob start(String reason, String requestedBy) {
        return QuarkusTransaction.requiringNew().call(() -> create(reason, requestedBy));
    }

    /**
     * Creates a queued job in the caller's transaction; it starts once that commits (on this replica,
     * or on any replica at its next check if this one stops first). Nothing runs if the caller rolls back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EvaluationJob create(String reason, String requestedBy) {
        EvaluationJob job = new EvaluationJob();
        job.id = UUID.randomUUID();
        job.status = EvaluationJob.QUEUED;
        job.reason = reason;
        job.requestedBy = requestedBy;
        job.createdAt = Clock.now();
        job.heartbeatAt = job.createdAt;
        job.persistAndFlush();
        created.fire(new Created(job.id));
        return job;
    }

    void started(@Observes(during = TransactionPhase.AFTER_SUCCESS) Created event) {
        submit(event.id());
    }

    @Scheduled(every = "{pillarboard.scorecard.evaluation.job-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        check();
    }

    /**
     * Beats for the job this replica runs; fails jobs whose replicas stopped {@code job-attempts}
     * times; starts queued jobs and resumes those whose replica stopped beating; starts the periodic
     * full re-evaluation when it is due. Runs at start and every {@code job-check-interval}.
     */
    public void check() {
        if (stopping) {
            return;
        }
        try {
            beat();
            unfinishedJobs().forEach(this::submit);
            startPeriodicIfDue();
        } catch (RuntimeException e) {
            Log.warnf("Checking evaluation jobs failed: %s (trying again in %s)", e.getMessage(),
                    config.evaluation().jobCheckInterval());
        }
    }

    /**
     * Creates the periodic full re-evaluation if it is due: no periodic job is unfinished and the
     * last one finished {@code full-interval} ago or longer (without one yet: the first rubric was
     * stored that long ago, so a new installation starts with its queue, not with a full run). Its
     * schedule key names the job it follows, so of several replicas that find it due at once only one
     * creates it. Returns the job's id, or null when it was not due or another replica created it.
     */
    public UUID startPeriodicIfDue() {
        String key;
        double interval = config.evaluation().fullInterval().toMillis() / 1000.0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement last = c.prepareStatement("""
                        SELECT id, status IN ('queued', 'running'),
                            coalesce(finished_at, created_at) > now() - make_interval(secs => ?)
                        FROM evaluation_job WHERE reason = 'periodic' ORDER BY created_at DESC LIMIT 1""");
                PreparedStatement installed = c.prepareStatement(
                        "SELECT min(published_at) > now() - make_interval(secs => ?) FROM rubric_version")) {
            last.setDouble(1, interval);
            try (ResultSet rs = last.executeQuery()) {
                if (rs.next()) {
                    if (rs.getBoolean(2) || rs.getBoolean(3)) {
                        return null;
                    }
                    key = PERIODIC_KEY + rs.getObject(1);
                } else {
                    installed.setDouble(1, interval);
                    try (ResultSet first = installed.executeQuery()) {
                        if (!first.next() || first.getObject(1) == null || first.getBoolean(1)) {
                            return null;
                        }
                    }
                    key = PERIODIC_KEY + "none";
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the last periodic evaluation: " + e.getMessage(), e);
        }
        UUID id = UUID.randomUUID();
        boolean inserted = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement insert = c.prepareStatement("""
                            INSERT INTO evaluation_job (id, status, reason, requested_by, schedule_key, created_at, heartbeat_at)
                            VALUES (?, 'queued', 'periodic', 'pillarboard', ?, now(), now())
                            ON CONFLICT (schedule_key) DO NOTHING""")) {
                insert.setObject(1, id);
                insert.setString(2, key);
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not start the periodic evaluation: " + e.getMessage(), e);
            }
            created.fire(new Created(id));
            return true;
        });
        if (!inserted) {
            Log.debugf("Periodic evaluation %s already started by another replica", key);
            return null;
        }
        Log.infof("Periodic evaluation %s started (%s)", id, key);
        return id;
    }

    /** A job, as stored. */
    @Transactional
    public EvaluationJob get(UUID id) {
        EvaluationJob job = EvaluationJob.findById(id);
        if (job == null) {
            throw ApiProblem.notFound("evaluation job", id.toString());
        }
        return job;
    }

    /** One page of the jobs, newest first. */
    @Transactional
    public Page<EvaluationJob> page(int page, int size) {
        var found = EvaluationJob.<EvaluationJob> find("order by createdAt desc, id");
        return new Page<>(found.page(page, size).list(), found.count());
    }

    // ---- running a job ---------------------------------------------------------------------------

    private void submit(UUID id) {
        if (stopping || !pending.add(id)) {
            return;
        }
        try {
            runner.execute(() -> {
                try {
                    run(id);
                } finally {
                    pending.remove(id);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(id); // stopping: another replica (or the next start) takes it
        }
    }

    private void run(UUID id) {
        Run run;
        try {
            run = claim(id);
        } catch (RuntimeException e) {
            Log.warnf("Could not start evaluation job %s: %s (it stays queued)", id, e.getMessage());
            return;
        }
        if (run == null) {
            return; // finished, or another replica claimed it first
        }
        current = run;
        try {
            execute(run);
        } finally {
            current = null;
        }
    }

    private void execute(Run run) {
        UUID id = run.id();
        List<Future<?>> futures = new ArrayList<>();
        try {
            List<String> products = allProducts();
            int version = rubrics.currentVersion();
            int total = products.size();
            if (!progress(run, EvaluationJob.RUNNING, 0, 0, total, version, false)) {
                return;
            }
            if (run.attempt() > 1) {
                Log.infof("Evaluation job %s resumed (attempt %d): %d products", id, run.attempt(), total);
            }
            int batchSize = Math.max(1, config.evaluation().batchSize());
            AtomicInteger done = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            for (int from = 0; from < total; from += batchSize) {
                List<String> batch = products.subList(from, Math.min(total, from + batchSize));
                futures.add(batches.submit(() -> {
                    if (stopping || run.cancelled().get()) {
                        return;
                    }
                    failed.addAndGet(evaluate(id, batch));
                    int now = done.addAndGet(batch.size());
                    if (!run.cancelled().get() && !progress(run, EvaluationJob.RUNNING, now, failed.get(), total, version, false)) {
                        run.cancelled().set(true);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            if (stopping || run.cancelled().get()) {
                if (!stopping) {
                    Log.infof("Evaluation job %s stopped: it was failed or taken over meanwhile", id);
                }
                return;
            }
            removeOrphans();
            queue.unpark();
            if (progress(run, EvaluationJob.DONE, done.get(), failed.get(), total, version, true)) {
                Log.infof("Evaluation job %s done: %d products, %d unscorable or failed", id, done.get(), failed.get());
            }
        } catch (Exception e) {
            run.cancelled().set(true);
            futures.forEach(future -> future.cancel(false));
            if (stopping) {
                return; // released at stop; another replica or the next start runs it again
            }
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            Log.errorf(cause, "Evaluation job %s failed", id);
            try {
                markFailed(run, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            } catch (RuntimeException ignored) {
                Log.warnf("Could not record the failure of job %s", id);
            }
        }
    }

    /**
     * Evaluates one batch in one transaction and returns how many of its products could not be
     * scored. If the batch fails, each product is evaluated in a transaction of its own; those that
     * still fail are counted as failed and queued, so that the queue's retries (and, if they keep
     * failing, parking with the error) take them over, and the job goes on. Only when they cannot
     * even be queued (the database, not a product) does the batch, and so the job, fail.
     */
    private int evaluate(UUID id, List<String> batch) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                relaxCommit();
                return evaluator.evaluate(batch);
            }).unscorable();
        } catch (RuntimeException e) {
            Log.warnf("A batch of %d products of evaluation job %s failed (%s); evaluating them one by one", batch.size(), id,
                    EvaluationWorker.message(e));
            int unscorable = 0;
            List<String> failing = new ArrayList<>();
            for (String product : batch) {
                if (stopping) {
                    throw e;
                }
                try {
                    unscorable += QuarkusTransaction.requiringNew().call(() -> {
                        relaxCommit();
                        return evaluator.evaluate(List.of(product));
                    }).unscorable();
                } catch (RuntimeException failure) {
                    failing.add(product);
                    Log.warnf("Evaluation job %s could not evaluate %s: %s (queued for retries)", id, product,
                            EvaluationWorker.message(failure));
                }
            }
            if (!failing.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> queue.enqueue(failing));
            }
            return unscorable + failing.size();
        }
    }

    /**
     * Claims a job for this replica: a queued job, or a running one whose replica stopped beating
     * (and has attempts left). Returns null if the job is not claimable (finished, failed, running
     * elsewhere, or claimed by another replica first).
     */
    private Run claim(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement claim = c.prepareStatement("""
                            UPDATE evaluation_job SET status = 'running', attempts = attempts + 1, heartbeat_at = now(),
                                started_at = coalesce(started_at, now()), done = 0, failed = 0
                            WHERE id = ? AND (status = 'queued' OR (status = 'running'
                                AND heartbeat_at < now() - make_interval(secs => ?) AND attempts < ?))
                            RETURNING attempts""")) {
                claim.setObject(1, id);
                claim.setDouble(2, staleAfterSeconds());
                claim.setInt(3, config.evaluation().jobAttempts());
                try (ResultSet rs = claim.executeQuery()) {
                    return rs.next() ? new Run(id, rs.getInt(1), new AtomicBoolean()) : null;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not claim evaluation job " + id + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * Jobs to start or resume: queued, or running without a heartbeat. Those whose replicas stopped
     * {@code job-attempts} times are failed instead.
     */
    private List<UUID> unfinishedJobs() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> ids = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                    PreparedStatement exhausted = c.prepareStatement("""
                            UPDATE evaluation_job SET status = 'failed', finished_at = now(), error = ?
                            WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => ?) AND attempts >= ?
                            RETURNING id""");
                    PreparedStatement unfinished = c.prepareStatement("""
                            SELECT id FROM evaluation_job WHERE status = 'queued'
                                OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => ?))
                            ORDER BY created_at LIMIT 20""")) {
                int attempts = config.evaluation().jobAttempts();
                exhausted.setString(1, "the replica running it stopped reporting progress (no heartbeat for "
                        + config.evaluation().jobStaleAfter() + "), " + attempts + (attempts == 1 ? " time" : " times")
                        + "; start a new evaluation");
                exhausted.setDouble(2, staleAfterSeconds());
                exhausted.setInt(3, attempts);
                try (ResultSet rs = exhausted.executeQuery()) {
                    while (rs.next()) {
                        Log.errorf("Evaluation job %s failed: its replicas stopped reporting progress %d times", rs.getObject(1),
                                attempts);
                    }
                }
                unfinished.setDouble(1, staleAfterSeconds());
                try (ResultSet rs = unfinished.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not look for unfinished evaluation jobs: " + e.getMessage(), e);
            }
            return ids;
        });
    }

    /** Keeps the heartbeat of the job this replica runs fresh between batches; stops it if its claim is gone. */
    private void beat() {
        Run run = current;
        if (run == null) {
            return;
        }
        boolean held = QuarkusTransaction.requiringNew().call(() -> update(
                "UPDATE evaluation_job SET heartbeat_at = now() WHERE id = ? AND attempts = ? AND status = 'running'", run));
        if (!held) {
            run.cancelled().set(true);
        }
    }

    private double staleAfterSeconds() {
        return config.evaluation().jobStaleAfter().toMillis() / 1000.0;
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

    /**
     * Stores a job's progress, only while this replica's claim holds (the job is still running under
     * the same attempt): returns false when it does not, and the job must stop. {@code durable} waits
     * for the commit to be flushed (the final state, which also flushes the batches' asynchronous
     * commits before the job is reported done).
     */
    private boolean progress(Run run, String status, int done, int failed, int total, int version, boolean durable) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!durable) {
                relaxCommit();
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement update = c.prepareStatement("""
                            UPDATE evaluation_job SET status = ?, done = GREATEST(done, ?), failed = GREATEST(failed, ?),
                                total = ?, rubric_version = ?, heartbeat_at = now(),
                                finished_at = CASE WHEN ? = 'done' THEN now() ELSE finished_at END
                            WHERE id = ? AND attempts = ? AND status = 'running'""")) {
                update.setString(1, status);
                update.setInt(2, done);
                update.setInt(3, failed);
                update.setInt(4, total);
                update.setInt(5, version);
                update.setString(6, status);
                update.setObject(7, run.id());
                update.setInt(8, run.attempt());
                return update.executeUpdate() == 1;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Lets the current transaction commit without waiting for its WAL to reach the disk
     * ({@code synchronous_commit = off}, this transaction only). A job's batches and progress are
     * derived, re-computable data: a crash can lose the last few hundred milliseconds of commits, never
     * part of one, and then the job is resumed (no heartbeat) and a product whose results were
     * lost is evaluated again, or sooner when its inputs change. Its commits stop waiting for a disk
     * flush each; the job's final state is written durably, which flushes them all.
     */
    private void relaxCommit() {
        try (Connection c = dataSource.getConnection();
                Statement statement = c.createStatement()) {
            statement.execute("SET LOCAL synchronous_commit = off");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not relax the commit of an evaluation batch: " + e.getMessage(), e);
        }
    }

    private void markFailed(Run run, String error) {
        String text = error.length() > 2000 ? error.substring(0, 2000) : error;
        QuarkusTransaction.requiringNew().call(() -> update("""
                UPDATE evaluation_job SET status = 'failed', error = ?, finished_at = now(), heartbeat_at = now()
                WHERE id = ? AND attempts = ? AND status = 'running'""", run, text));
    }

    /** Gives a job back (stopping): queued again, without counting this attempt, so any replica starts it at once. */
    private void release(Run run) {
        QuarkusTransaction.requiringNew().call(() -> update("""
                UPDATE evaluation_job SET status = 'queued', attempts = attempts - 1, heartbeat_at = now()
                WHERE id = ? AND attempts = ? AND status = 'running'""", run));
    }

    /** Runs an update of one job guarded by its claim ({@code id = ? AND attempts = ?} after any leading text parameter). */
    private boolean update(String sql, Run run, String... text) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(sql)) {
            int i = 1;
            for (String value : text) {
                update.setString(i++, value);
            }
            update.setObject(i++, run.id());
            update.setInt(i, run.attempt());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update evaluation job " + run.id() + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        Run run = current;
        if (run != null) {
            run.cancelled().set(true);
            try {
                release(run);
                Log.infof("Evaluation job %s handed back (queued) as the service stops", run.id());
            } catch (RuntimeException e) {
                Log.warnf("Could not hand back evaluation job %s (%s); it is resumed after %s without a heartbeat", run.id(),
                        e.getMessage(), config.evaluation().jobStaleAfter());
            }
        }
        runner.shutdownNow();
        batches.shutdown();
        try {
            batches.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
