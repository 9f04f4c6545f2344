package dev.pillarboard.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Deletions as the change feed shows them: one row per deleted team or product (table
 * {@code tombstone}), dropped again when the same slug is re-created. Every write of the table is
 * here; forgetting has one implementation, a single statement for any number of slugs, which the
 * services (one slug) and the import's batch writer (all of a batch) share.
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

    /** Forgets the tombstone of a re-created team or product, on the entity manager's connection (its transaction). */
    public static void forget(EntityManager em, String kind, String slug) {
        em.unwrap(Session.class).doWork(connection -> forget(connection, kind, List.of(slug)));
    }

    /** Forgets the tombstones of re-created teams or products of one kind with one statement, on {@code connection}. */
    public static void forget(Connection connection, String kind, Collection<String> slugs) throws SQLException {
        if (slugs.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM tombstone WHERE kind = ? AND slug = ANY (?)")) {
            delete.setString(1, kind);
            delete.setArray(2, connection.createArrayOf("text", slugs.toArray()));
            delete.executeUpdate();
        }
    }
}
