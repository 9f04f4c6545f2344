package dev.pillarboard.scorecard.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import io.agroal.api.AgroalDataSource;

/**
 * Products whose results are out of date. Whatever changes a product's inputs (a catalog change,
 * signals, an attestation, a waiver decision) queues the product in the same transaction, so a
 * committed change is never forgotten, even if this replica stops right after the commit; after
 * the commit the local {@link EvaluationWorker} is woken, and the worker of every replica also
 * looks at the queue every second. A product leaves the queue only in the transaction that
 * evaluated it; one whose evaluation fails stays, with its attempts, next try and error.
 */
@ApplicationScoped
public class EvaluationQueue {

    /** Fired inside the transaction that queued products; observed after it commits. */
    public record Queued(int count) {
    }

    private final AgroalDataSource dataSource;
    private final Event<Queued> queued;

    public EvaluationQueue(AgroalDataSource dataSource, Event<Queued> queued) {
        this.dataSource = dataSource;
        this.queued = queued;
    }

    /** What the queue holds, for health. */
    public record Stats(long queued, long retrying, long parked, List<String> parkedProducts, String lastError) {
    }

    /**
     * Queues products for re-evaluation; joins the caller's transaction. A product already queued
     * after failures (waiting for its next try, or parked) is tried again at once: its new inputs
     * may be what it needed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Collection<String> products) {
        if (products.isEmpty()) {
            return;
        }
        // Sorted, so that concurrent writers take the queue rows' locks in the same order.
        Jdbc.update(dataSource, "queue products for evaluation", c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                            INSERT INTO evaluation_queue (product, queued_at) SELECT unnest(?::varchar[]), ?
                            ON CONFLICT (product) DO UPDATE SET retry_at = NULL, parked_at = NULL
                            WHERE evaluation_queue.retry_at IS NOT NULL OR evaluation_queue.parked_at IS NOT NULL""")) {
                insert.setArray(1, c.createArrayOf("varchar", new TreeSet<>(products).toArray()));
                insert.setTimestamp(2, Timestamp.from(DatabaseTime.now()));
                insert.executeUpdate();
            }
        });
        queued.fire(new Queued(products.size()));
    }

    /** Queues products whose evidence expires by now (waivers, attestations, stale signals). */
    @Transactional
    public int enqueueExpired() {
        return Jdbc.query(dataSource, "queue expired products", c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                            INSERT INTO evaluation_queue (product, queued_at)
                            SELECT product, now() FROM scorecard WHERE next_change_at <= now()
                            ORDER BY product
                            ON CONFLICT (product) DO NOTHING""")) {
                int count = insert.executeUpdate();
                if (count > 0) {
                    queued.fire(new Queued(count));
                }
                return count;
            }
        });
    }

    /**
     * Gives every parked product one more try (a full evaluation does this when it finishes): one
     * that still fails is parked again after that try. Rows locked by a writer are skipped (that
     * writer clears them itself).
     */
    @Transactional
    public int unpark() {
        return Jdbc.query(dataSource, "give parked products another try", c -> {
            try (PreparedStatement update = c.prepareStatement("""
                            UPDATE evaluation_queue SET parked_at = NULL, retry_at = NULL WHERE product IN (
                                SELECT product FROM evaluation_queue WHERE parked_at IS NOT NULL ORDER BY product
                                FOR UPDATE SKIP LOCKED)""")) {
                int count = update.executeUpdate();
                if (count > 0) {
                    queued.fire(new Queued(count));
                }
                return count;
            }
        });
    }

    /** Counts of waiting, retrying and parked products, with the first parked ones and the latest error. */
    public Stats stats() {
        return Jdbc.query(dataSource, "read the evaluation queue", c -> {
            try (PreparedStatement counts = c.prepareStatement("""
                            SELECT count(*) FILTER (WHERE parked_at IS NULL AND attempts = 0),
                                count(*) FILTER (WHERE parked_at IS NULL AND attempts > 0),
                                count(*) FILTER (WHERE parked_at IS NOT NULL)
                            FROM evaluation_queue""");
                    PreparedStatement parked = c.prepareStatement("""
                            SELECT product, last_error FROM evaluation_queue WHERE parked_at IS NOT NULL
                            ORDER BY parked_at DESC, product LIMIT 10""")) {
                long[] values = new long[3];
                try (ResultSet rs = counts.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < 3; i++) {
                        values[i] = rs.getLong(i + 1);
                    }
                }
                List<String> products = new ArrayList<>();
                String lastError = null;
                try (ResultSet rs = parked.executeQuery()) {
                    while (rs.next()) {
                        products.add(rs.getString(1));
                        if (lastError == null) {
                            lastError = rs.getString(1) + ": " + rs.getString(2);
                        }
                    }
                }
                return new Stats(values[0], values[1], values[2], products, lastError);
            }
        });
    }
}
