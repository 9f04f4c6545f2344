package dev.pillarboard.scorecard.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.pillarboard.common.CoalescingTask;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Drains the {@link EvaluationQueue}: one round at a time per replica (a {@link CoalescingTask} on
 * Quarkus's worker pool), woken right after a transaction that queued products commits (bursts
 * coalesce: while it works, further wake-ups only make it look again) and every second in case
 * another replica queued them. Each round takes up to a batch of
 * products ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work) and evaluates them in the
 * same transaction: if the evaluation fails, the products stay queued and are evaluated one by
 * one; a product that fails alone stays queued with its attempts counted and is tried again later
 * (the delay doubles), until it is parked with its error after {@code queue-attempts} failures.
 */
@ApplicationScoped
public class EvaluationWorker {

    private final AgroalDataSource dataSource;
    private final Evaluator evaluator;
    private final EvaluationQueue queue;
    private final int batchSize;
    private final int attempts;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final CoalescingTask rounds;
    private volatile boolean stopping;

    public EvaluationWorker(AgroalDataSource dataSource, Evaluator evaluator, EvaluationQueue queue, ScorecardConfig config,
            ExecutorService executor) {
        this.rounds = new CoalescingTask(executor, this::round);
        this.dataSource = dataSource;
        this.evaluator = evaluator;
        this.queue = queue;
        this.batchSize = config.evaluation().batchSize();
        this.attempts = Math.max(1, config.evaluation().queueAttempts());
        this.retryDelay = config.evaluation().queueRetryDelay();
        this.maxRetryDelay = config.evaluation().queueMaxRetryDelay();
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
        if (!stopping) {
            rounds.request();
        }
    }

    /** One round: batches until the queue has nothing due. */
    private void round() {
        try {
            while (!stopping && drain(batchSize) > 0) {
                // keep going while there is work
            }
        } catch (RuntimeException e) {
            Log.warnf("Evaluation worker: %s (the products stay queued and are tried again)", e.getMessage());
        }
    }

    /**
     * Evaluates one batch of queued products and returns how many were taken. If the batch fails,
     * each of its products is evaluated in a transaction of its own, and one that still fails stays
     * queued with its failure counted ({@link #failed}); the others are evaluated and leave the queue.
     */
    int drain(int limit) {
        List<String> taken = new ArrayList<>();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                taken.clear();
                taken.addAll(take(limit, null));
                evaluator.evaluate(taken);
                return taken.size();
            });
        } catch (RuntimeException e) {
            if (taken.isEmpty()) {
                throw e; // the queue could not be read: this round ends, the next poll tries again
            }
            if (taken.size() == 1) {
                failed(taken.get(0), e);
                return 1;
            }
            Log.warnf("Evaluating %d queued products together failed (%s); evaluating them one by one", taken.size(),
                    message(e));
            for (String product : taken) {
                if (stopping) {
                    break;
                }
                try {
                    QuarkusTransaction.requiringNew().run(() -> evaluator.evaluate(take(1, product)));
                } catch (RuntimeException failure) {
                    failed(product, failure);
                }
            }
            return taken.size();
        }
    }

    /**
     * Counts a failed evaluation of one product, which stays queued (its transaction rolled back):
     * it is tried again after {@code queue-retry-delay}, doubling with every failure up to
     * {@code queue-max-retry-delay}, and parked after {@code queue-attempts} failures, with the error
     * stored on its queue row (and shown by the health check). Updates that product's row only.
     * Throws if the failure cannot be recorded (then this round ends).
     */
    private void failed(String product, RuntimeException failure) {
        String error = message(failure);
        QuarkusTransaction.requiringNew().run(() -> {
            Jdbc.update(dataSource, "record the failed evaluation of " + product, c -> {
                try (PreparedStatement update = c.prepareStatement("""
                                UPDATE evaluation_queue SET attempts = attempts + 1, last_error = ?,
                                    retry_at = now() + least(? * power(2, least(attempts, 30)), ?) * interval '1 millisecond',
                                    parked_at = CASE WHEN attempts + 1 >= ? THEN now() END
                                WHERE product = ?
                                RETURNING attempts, parked_at IS NOT NULL, retry_at""")) {
                    update.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
                    update.setDouble(2, retryDelay.toMillis());
                    update.setDouble(3, maxRetryDelay.toMillis());
                    update.setInt(4, attempts);
                    update.setString(5, product);
                    try (ResultSet rs = update.executeQuery()) {
                        if (!rs.next()) {
                            Log.warnf("Could not evaluate %s (%s); it is no longer queued", product, error);
                        } else if (rs.getBoolean(2)) {
                            Log.errorf(failure, "Could not evaluate %s, %d times; parked in the queue with the error (tried again "
                                    + "when its inputs change or at the next full evaluation)", product, rs.getInt(1));
                        } else {
                            Log.warnf("Could not evaluate %s (attempt %d of %d): %s; it stays queued, next try at %s", product,
                                    rs.getInt(1), attempts, error, rs.getObject(3, OffsetDateTime.class));
                        }
                    }
                }
            });
        });
    }

    /**
     * Takes up to {@code limit} products due for evaluation (not parked, past their next try), or
     * just {@code product} if it is given and due; rows another worker holds are skipped.
     */
    private List<String> take(int limit, String product) {
        List<String> products = new ArrayList<>(limit);
        String due = "parked_at IS NULL AND (retry_at IS NULL OR retry_at <= now())" + (product == null ? "" : " AND product = ?");
        Jdbc.update(dataSource, "read the evaluation queue", c -> {
            try (PreparedStatement take = c.prepareStatement("DELETE FROM evaluation_queue WHERE product IN ("
                            + "SELECT product FROM evaluation_queue WHERE " + due
                            + " ORDER BY queued_at, product LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING product")) {
                int i = 1;
                if (product != null) {
                    take.setString(i++, product);
                }
                take.setInt(i, limit);
                try (ResultSet rs = take.executeQuery()) {
                    while (rs.next()) {
                        products.add(rs.getString(1));
                    }
                }
            }
        });
        return products;
    }

    /** An exception's messages down its causes (what a queue row and the log say about a failure). */
    static String message(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 2000; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : "; caused by: ").append(message);
            }
        }
        return text.toString();
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
