package dev.pillarboard.scorecard.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.pillarboard.scorecard.config.ScorecardConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Drains the {@link EvaluationQueue}: one thread per replica, woken right after a transaction that
 * queued products commits (bursts coalesce: while it works, further wake-ups only make it look
 * again) and every second in case another replica queued them. Each round takes up to a batch of
 * products ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work) and evaluates them in the
 * same transaction: if the evaluation fails, the products stay queued.
 */
@ApplicationScoped
public class EvaluationWorker {

    private final AgroalDataSource dataSource;
    private final Evaluator evaluator;
    private final EvaluationQueue queue;
    private final int batchSize;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scorecard-evaluation-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    public EvaluationWorker(AgroalDataSource dataSource, Evaluator evaluator, EvaluationQueue queue, ScorecardConfig config) {
        this.dataSource = dataSource;
        this.evaluator = evaluator;
        this.queue = queue;
        this.batchSize = config.evaluation().batchSize();
    }

    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) EvaluationQueue.Queued event) {
        wake();
    }

    @Scheduled(every = "{pillarboard.scorecard.evaluation.queue-poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Re-queues products whose waivers, attestations or signals expire by now. */
    @Scheduled(every = "{pillarboard.scorecard.evaluation.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (stopping) {
            return;
        }
        try {
            int count = queue.enqueueExpired();
            if (count > 0) {
                Log.debugf("Sweep queued %d products whose evidence expired", count);
            }
        } catch (RuntimeException e) {
            Log.warnf("Sweep for expired evidence failed: %s", e.getMessage());
        }
    }

    /** Makes the worker look at the queue soon (now, or right after its current round). */
    public void wake() {
        again.set(true);
        if (!stopping && scheduled.compareAndSet(false, true)) {
            executor.execute(this::run);
        }
    }

    private void run() {
        try {
            while (again.getAndSet(false) && !stopping) {
                while (!stopping && drain(batchSize) > 0) {
                    // keep going while there is work
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("Evaluation worker: %s (the products stay queued and are retried)", e.getMessage());
        } finally {
            scheduled.set(false);
        }
    }

    /** Evaluates one batch of queued products; returns how many were taken. */
    int drain(int limit) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                List<String> products = take(limit);
                evaluator.evaluate(products);
                return products.size();
            });
        } catch (RuntimeException e) {
            if (limit == 1) {
                dropPoisoned(e);
                return 1;
            }
            Log.warnf("Evaluating a batch of queued products failed (%s); retrying them one by one", e.getMessage());
            int taken = 0;
            for (int i = 0; i < limit; i++) {
                int one = drain(1);
                if (one == 0) {
                    break;
                }
                taken += one;
            }
            return taken;
        }
    }

    private void dropPoisoned(RuntimeException failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<String> products = take(1);
            Log.errorf(failure, "Could not evaluate %s; removed it from the queue (the next full evaluation retries it)",
                    products);
        });
    }

    private List<String> take(int limit) {
        List<String> products = new ArrayList<>(limit);
        try (Connection c = dataSource.getConnection();
                PreparedStatement take = c.prepareStatement("""
                        DELETE FROM evaluation_queue WHERE product IN (
                            SELECT product FROM evaluation_queue ORDER BY queued_at, product LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING product""")) {
            take.setInt(1, limit);
            try (ResultSet rs = take.executeQuery()) {
                while (rs.next()) {
                    products.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the evaluation queue: " + e.getMessage(), e);
        }
        return products;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
