package dev.pillarboard.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The catalog's write lock, which also hands out revisions. Every write transaction starts by
 * locking the single {@code catalog_head} row and holds that lock until it commits, so catalog
 * writes are serialized across all replicas and commit in revision order. A change-feed reader that asks
 * for everything after the last revision it saw therefore never skips a change that commits
 * later with a lower revision: there is no such change.
 *
 * <p>The cost is that writes do not run in parallel; at a millisecond or two per write that
 * is hundreds of writes per second, far above what a catalog sees, and bulk imports take the
 * lock once for the whole batch.
 */
@ApplicationScoped
public class RevisionLock {

    private final EntityManager em;

    public RevisionLock(EntityManager em) {
        this.em = em;
    }

    /**
     * Takes the catalog write lock for the current transaction and returns the allocator of the
     * revisions that follow the head. Must be the first statement of a write transaction so that everything it reads afterwards
     * (If-Match checks, existence checks) is decided under the lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Allocator take() {
        long head = ((Number) em.createNativeQuery("SELECT revision FROM catalog_head WHERE id = 1 FOR UPDATE")
                .getSingleResult()).longValue();
        return new Allocator(em, head);
    }

    /** Hands out revisions within one locked write transaction. */
    public static final class Allocator {
        private final EntityManager em;
        private long last;

        Allocator(EntityManager em, long head) {
            this.em = em;
            this.last = head;
        }

        public long next() {
            return reserve(1);
        }

        /** Reserves {@code count} consecutive revisions and returns the first. */
        public long reserve(int count) {
            long first = last + 1;
            last += count;
            em.createNativeQuery("UPDATE catalog_head SET revision = ?1 WHERE id = 1")
                    .setParameter(1, last)
                    .executeUpdate();
            return first;
        }
    }
}
