package dev.pillarboard.catalog;

import java.time.Instant;

import jakarta.persistence.EntityManager;

/**
 * Deletions as the change feed shows them: one row per deleted team or product (table
 * {@code tombstone}), dropped again when the same slug is re-created.
 */
public final class Tombstone {

    public static final String TEAM = "team";
    public static final String PRODUCT = "product";

    private Tombstone() {
    }

    public static void record(EntityManager em, String kind, String slug, long revision) {
        em.createNativeQuery("""
                INSERT INTO tombstone (kind, slug, revision, deleted_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (kind, slug) DO UPDATE SET revision = EXCLUDED.revision, deleted_at = EXCLUDED.deleted_at
                """)
                .setParameter(1, kind)
                .setParameter(2, slug)
                .setParameter(3, revision)
                .setParameter(4, Instant.now())
                .executeUpdate();
    }

    public static void forget(EntityManager em, String kind, String slug) {
        em.createNativeQuery("DELETE FROM tombstone WHERE kind = ?1 AND slug = ?2")
                .setParameter(1, kind)
                .setParameter(2, slug)
                .executeUpdate();
    }
}
