package dev.pillarboard.scorecard.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.pillarboard.scorecard.Clock;
import io.agroal.api.AgroalDataSource;

/**
 * Products whose results are out of date. Whatever changes a product's inputs (a catalog change,
 * signals, an attestation, a waiver decision) queues the product in the same transaction, so a
 * committed change is never forgotten, even if this replica stops right after the commit; after
 * the commit the local {@link EvaluationWorker} is woken, and the worker of every replica also
 * looks at the queue every second.
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

    /** Queues products for re-evaluation; joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(Collection<String> products) {
        if (products.isEmpty()) {
            return;
        }
        // Sorted, so that concurrent writers take the queue rows' locks in the same order.
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO evaluation_queue (product, queued_at) SELECT unnest(?::varchar[]), ?
                        ON CONFLICT (product) DO NOTHING""")) {
            insert.setArray(1, c.createArrayOf("varchar", new TreeSet<>(products).toArray()));
            insert.setTimestamp(2, Timestamp.from(Clock.now()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue products for evaluation", e);
        }
        queued.fire(new Queued(products.size()));
    }

    /** Queues products whose evidence expires by now (waivers, attestations, stale signals). */
    @Transactional
    public int enqueueExpired() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO evaluation_queue (product, queued_at)
                        SELECT product, now() FROM scorecard WHERE next_change_at <= now()
                        ORDER BY product
                        ON CONFLICT (product) DO NOTHING""")) {
            int count = insert.executeUpdate();
            if (count > 0) {
                queued.fire(new Queued(count));
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue expired products", e);
        }
    }
}
