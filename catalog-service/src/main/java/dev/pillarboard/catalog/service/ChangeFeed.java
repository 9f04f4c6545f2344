package dev.pillarboard.catalog.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.Jdbc;
import io.agroal.api.AgroalDataSource;

/**
 * The change feed: every team and product change after a revision, in revision order,
 * deletions included.
 *
 * <p>Why a reader never misses a change: writes hold the catalog write lock until they commit
 * (see {@link RevisionLock}), so a change with a lower revision always commits before one with
 * a higher revision. One SQL statement reads one snapshot; whatever revisions it sees are
 * therefore a prefix of the history, and asking again with {@code after=<last seen>} continues
 * exactly where the previous answer ended. The head revision, reported as {@code lastRevision}
 * when the page is empty, comes from that same statement: read separately, it could include a
 * write that committed after the page was read, and the reader would skip that write.
 *
 * <p>The feed is compacted: each entity appears once, at its latest revision (teams and products
 * rows carry it; deletions leave a tombstone). A reader that is behind gets the latest state of
 * everything that changed since its revision, which is all a state-syncing reader needs.
 */
@ApplicationScoped
public class ChangeFeed {

    public static final int MAX_LIMIT = 1000;

    /** One entry of the feed; {@code data} is the entity as GET returns it, null for a delete. */
    public record Change(long revision, String kind, String slug, String op, Object data) {
    }

    public record Batch(List<Change> items, long lastRevision) {
    }

    /** One of the latest changes, for people (newest first): what, its name, created, updated or deleted, and when. */
    public record Recent(long revision, String kind, String slug, String name, String op, Instant at) {
    }

    private static final String RECENT = """
            SELECT revision, kind, slug, name, op, at FROM (
                (SELECT revision, 'product' AS kind, slug, name,
                     CASE WHEN created_at = updated_at THEN 'created' ELSE 'updated' END AS op, updated_at AS at
                 FROM product ORDER BY revision DESC LIMIT ?)
                UNION ALL
                (SELECT revision, 'team', slug, name, CASE WHEN created_at = updated_at THEN 'created' ELSE 'updated' END,
                     updated_at
                 FROM team ORDER BY revision DESC LIMIT ?)
                UNION ALL
                (SELECT revision, kind, slug, NULL, 'deleted', deleted_at FROM tombstone ORDER BY revision DESC LIMIT ?)
            ) AS changes ORDER BY revision DESC LIMIT ?""";

    /**
     * The page, joined to the head row so that both come from one snapshot. An empty page is one
     * row with null change columns and the head revision.
     */
    private static final String SQL = """
            SELECT c.revision, c.kind, c.slug, c.op, %s,
                   t.name, t.contact_email, t.contact_chat, t.parent, t.created_at, t.updated_at,
                   h.revision
            FROM catalog_head h
            LEFT JOIN (
                SELECT revision, kind, slug, op FROM (
                    SELECT revision, 'product' AS kind, slug, 'upsert' AS op FROM product WHERE revision > ?
                    UNION ALL
                    SELECT revision, 'team', slug, 'upsert' FROM team WHERE revision > ?
                    UNION ALL
                    SELECT revision, kind, slug, 'delete' FROM tombstone WHERE revision > ?
                ) AS changes ORDER BY revision LIMIT ?
            ) AS c ON true
            LEFT JOIN product p ON c.kind = 'product' AND c.op = 'upsert' AND p.slug = c.slug
            LEFT JOIN team t ON c.kind = 'team' AND c.op = 'upsert' AND t.slug = c.slug
            WHERE h.id = 1
            ORDER BY c.revision
            """.formatted(ProductRows.COLUMNS);
    private static final int TEAM = 5 + ProductRows.COUNT;
    private static final int HEAD = TEAM + 6;

    private final AgroalDataSource dataSource;
    private final ProductRows products;

    public ChangeFeed(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.products = new ProductRows(mapper);
    }

    /** Changes with a revision above {@code after}, at most {@code limit}, oldest first. */
    public Batch after(long after, int limit) {
        List<Change> items = new ArrayList<>();
        long head = Jdbc.query(dataSource, "read the change feed", connection -> {
            long last = after;
            try (PreparedStatement statement = connection.prepareStatement(SQL)) {
                statement.setLong(1, after);
                statement.setLong(2, after);
                statement.setLong(3, after);
                statement.setInt(4, limit);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        last = Math.max(after, rs.getLong(HEAD));
                        if (rs.getString(2) != null) {
                            items.add(change(rs));
                        }
                    }
                }
            }
            return last;
        });
        long last = items.isEmpty() ? head : items.get(items.size() - 1).revision();
        return new Batch(items, last);
    }

    /** The latest {@code limit} changes, newest first (uncompacted by kind: each entity at its latest revision). */
    public List<Recent> recent(int limit) {
        return Jdbc.query(dataSource, "read the recent changes", connection -> {
            List<Recent> items = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(RECENT)) {
                for (int i = 1; i <= 4; i++) {
                    statement.setInt(i, limit);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        items.add(new Recent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getTimestamp(6).toInstant()));
                    }
                }
            }
            return items;
        });
    }

    private Change change(ResultSet rs) throws SQLException {
        long revision = rs.getLong(1);
        String kind = rs.getString(2);
        String slug = rs.getString(3);
        String op = rs.getString(4);
        Object data = null;
        if (op.equals("upsert") && kind.equals("product")) {
            data = products.read(rs, 5);
        } else if (op.equals("upsert")) {
            data = new TeamView(slug, rs.getString(TEAM), new TeamRequest.Contact(rs.getString(TEAM + 1), rs.getString(TEAM + 2)),
                    rs.getString(TEAM + 3), revision, rs.getTimestamp(TEAM + 4).toInstant(), rs.getTimestamp(TEAM + 5).toInstant());
        }
        return new Change(revision, kind, slug, op, data);
    }
}
