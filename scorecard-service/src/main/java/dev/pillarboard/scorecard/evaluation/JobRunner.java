package dev.pillarboard.scorecard.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.EvaluationJob;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import dev.pillarboard.scorecard.rubric.RubricService;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs evaluation jobs on Quarkus's worker pool, one job at a time per replica. Running a job means
 * claiming it ({@link JobStore#claim}); it reads all product slugs, splits them into batches of
 * {@code evaluation.batch-size} and evaluates them on {@code evaluation.job-threads} workers, one
 * transaction per batch, writing progress (and so its heartbeat) after each batch, always under its
 * claim: when the claim is gone (the job was failed or taken over) the runner stops. A product that
 * cannot be evaluated is counted as failed and queued (the queue retries it); a batch that fails
 * beyond that (the database) fails the job and stops the batches not yet started.
 */
@ApplicationScoped
public class JobRunner {

    /** The job this replica runs: its claim and whether it must stop. */
    private record Run(JobStore.Claim claim, AtomicBoolean cancelled) {
        UUID id() {
            return claim.id();
        }
    }

    private final JobStore store;
    private final Evaluator evaluator;
    private final EvaluationQueue queue;
    private final RubricService rubrics;
    private final ProductMirror products;
    private final AgroalDataSource dataSource;
    private final ScorecardConfig config;
    private final ExecutorService executor;
    /** Jobs handed to the pool and not finished: a job is submitted once however often it is seen. */
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    /** One job at a time: a submitted job waits for the one running. */
    private final Object running = new Object();
    private volatile Run current;
    private volatile boolean stopping;

    public JobRunner(JobStore store, Evaluator evaluator, EvaluationQueue queue, RubricService rubrics, ProductMirror products,
            AgroalDataSource dataSource, ScorecardConfig config, ExecutorService executor) {
        this.store = store;
        this.evaluator = evaluator;
        this.queue = queue;
        this.rubrics = rubrics;
        this.products = products;
        this.dataSource = dataSource;
        this.config = config;
        this.executor = executor;
    }

    /** Runs the job on this replica if it can claim it (now, or after the job this replica runs). */
    public void submit(UUID id) {
        if (stopping || !pending.add(id)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    synchronized (running) {
                        run(id);
                    }
                } finally {
                    pending.remove(id);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(id); // stopping: another replica (or the next start) takes it
        }
    }

    /** Keeps the heartbeat of the job this replica runs fresh between batches; stops it if its claim is gone. */
    public void beat() {
        Run run = current;
        if (run != null && !QuarkusTransaction.requiringNew().call(() -> store.beat(run.claim()))) {
            run.cancelled().set(true);
        }
    }

    private void run(UUID id) {
        if (stopping) {
            return;
        }
        Optional<JobStore.Claim> claim;
        try {
            claim = QuarkusTransaction.requiringNew().call(() -> store.claim(id, config.evaluation().jobStaleAfter(),
                    config.evaluation().jobAttempts()));
        } catch (RuntimeException e) {
            Log.warnf("Could not start evaluation job %s: %s (it stays queued)", id, e.getMessage());
            return;
        }
        if (claim.isEmpty()) {
            return; // finished, or another replica claimed it first
        }
        Run run = new Run(claim.get(), new AtomicBoolean());
        current = run;
        try {
            execute(run);
        } finally {
            current = null;
        }
    }

    private void execute(Run run) {
        UUID id = run.id();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        try {
            List<String> slugs = products.allSlugs();
            int version = rubrics.currentVersion();
            int total = slugs.size();
            if (!progress(run, EvaluationJob.RUNNING, 0, 0, total, version, false)) {
                return;
            }
            if (run.claim().attempt() > 1) {
                Log.infof("Evaluation job %s resumed (attempt %d): %d products", id, run.claim().attempt(), total);
            }
            int batchSize = Math.max(1, config.evaluation().batchSize());
            List<List<String>> batches = new ArrayList<>();
            for (int from = 0; from < total; from += batchSize) {
                batches.add(slugs.subList(from, Math.min(total, from + batchSize)));
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            Runnable worker = () -> {
                try {
                    for (int i = next.getAndIncrement(); i < batches.size() && !stopping && !run.cancelled().get();
                            i = next.getAndIncrement()) {
                        List<String> batch = batches.get(i);
                        failed.addAndGet(evaluate(id, batch));
                        int now = done.addAndGet(batch.size());
                        if (!run.cancelled().get()
                                && !progress(run, EvaluationJob.RUNNING, now, failed.get(), total, version, false)) {
                            run.cancelled().set(true);
                        }
                    }
                } catch (RuntimeException e) {
                    run.cancelled().set(true); // the other workers stop before their next batch
                    throw e;
                }
            };
            for (int i = 0; i < Math.max(1, config.evaluation().jobThreads()); i++) {
                workers.add(CompletableFuture.runAsync(worker, executor));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
            if (stopping || run.cancelled().get()) {
                if (!stopping) {
                    Log.infof("Evaluation job %s stopped: it was failed or taken over meanwhile", id);
                }
                return;
            }
            QuarkusTransaction.requiringNew().run(evaluator::removeOrphans);
            queue.unpark();
            if (progress(run, EvaluationJob.DONE, done.get(), failed.get(), total, version, true)) {
                Log.infof("Evaluation job %s done: %d products, %d unscorable or failed", id, done.get(), failed.get());
            }
        } catch (RuntimeException e) {
            run.cancelled().set(true); // the other workers stop before their next batch
            if (stopping) {
                return; // released at stop; another replica or the next start runs it again
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            Log.errorf(cause, "Evaluation job %s failed", id);
            try {
                QuarkusTransaction.requiringNew().call(() -> store.fail(run.claim(),
                        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
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
     * Stores a job's progress, only while this replica's claim holds: returns false when it does
     * not, and the job must stop. {@code durable} waits for the commit to be flushed (the final state,
     * which also flushes the batches' asynchronous commits before the job is reported done).
     */
    private boolean progress(Run run, String status, int done, int failed, int total, int version, boolean durable) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!durable) {
                relaxCommit();
            }
            return store.progress(run.claim(), status, done, failed, total, version);
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
        Jdbc.update(dataSource, "relax the commit of an evaluation batch",
                c -> Jdbc.setLocal(c, "synchronous_commit", "off"));
    }

    /** Hands the job this replica runs back (queued), so that any replica starts it at once. */
    @PreDestroy
    void stop() {
        stopping = true;
        Run run = current;
        if (run != null) {
            run.cancelled().set(true);
            try {
                QuarkusTransaction.requiringNew().call(() -> store.release(run.claim()));
                Log.infof("Evaluation job %s handed back (queued) as the service stops", run.id());
            } catch (RuntimeException e) {
                Log.warnf("Could not hand back evaluation job %s (%s); it is resumed after %s without a heartbeat", run.id(),
                        e.getMessage(), config.evaluation().jobStaleAfter());
            }
        }
    }
}
