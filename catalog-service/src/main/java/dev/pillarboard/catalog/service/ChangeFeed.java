package dev.pillarboard.catalog.service;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.catalog.rest.ProductView;
import dev.pillarboard.catalog.rest.TeamRequest;
import dev.pillarboard.catalog.rest.TeamView;
import io.agroal.api.AgroalDataSource;

/**
 * The change feed: every team and product change after a revision, in revision order,
 * deletions included.
 *
 * <p>Why a reader never misses a change: writes hold the catalog write lock until they commit
 * (see {@link RevisionClock}), so a change with a lower revision always commits before one with
 * a higher revision. One SQL statement reads one snapshot; whatever revisions it sees are
 * therefore a prefix of the history, and asking again with {@code after=<last seen>} continues
 * exactly where the previous answer ended.
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

    private static final String SQL = """
            SELECT c.revision, c.kind, c.slug, c.op,
                   p.name, p.description, p.owner, p.phase, p.tier, p.tags, p.links, p.annotations, p.created_at, p.updated_at,
                   t.name, t.contact_email, t.contact_chat, t.parent, t.created_at, t.updated_at,
                   (SELECT revision FROM catalog_head WHERE id = 1) AS head
            FROM (
                SELECT revision, kind, slug, op FROM (
                    SELECT revision, 'product' AS kind, slug, 'upsert' AS op FROM product WHERE revision > ?
                    UNION ALL
                    SELECT revision, 'team', slug, 'upsert' FROM team WHERE revision > ?
                    UNION ALL
                    SELECT revision, kind, slug, 'delete' FROM tombstone WHERE revision > ?
                ) AS changes ORDER BY revision LIMIT ?
            ) AS c
            LEFT JOIN product p ON c.kind = 'product' AND c.op = 'upsert' AND p.slug = c.slug
            LEFT JOIN team t ON c.kind = 'team' AND c.op = 'upsert' AND t.slug = c.slug
            ORDER BY c.revision
            """;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public ChangeFeed(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Changes with a revision above {@code after}, at most {@code limit}, oldest first. */
    public Batch after(long after, int limit) {
        List<Change> items = new ArrayList<>();
        long head = after;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setLong(1, after);
            statement.setLong(2, after);
            statement.setLong(3, after);
            statement.setInt(4, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    items.add(change(rs));
                }
            }
            if (items.isEmpty()) {
                try (PreparedStatement headQuery = connection.prepareStatement("SELECT revision FROM catalog_head WHERE id = 1");
                        ResultSet rs = headQuery.executeQuery()) {
                    rs.next();
                    head = Math.max(after, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the change feed", e);
        }
        long last = items.isEmpty() ? head : items.get(items.size() - 1).revision();
        return new Batch(items, last);
    }

    private Change change(ResultSet rs) throws SQLException {
        long revision = rs.getLong(1);
        String kind = rs.getString(2);
        String slug = rs.getString(3);
        String op = rs.getString(4);
        Object data = null;
        if (op.equals("upsert") && kind.equals("product")) {
            data = new ProductView(slug, rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getShort(9),
                    strings(rs.getArray(10)), json(rs.getString(11)), json(rs.getString(12)), revision,
                    rs.getTimestamp(13).toInstant(), rs.getTimestamp(14).toInstant());
        } else if (op.equals("upsert")) {
            data = new TeamView(slug, rs.getString(15), new TeamRequest.Contact(rs.getString(16), rs.getString(17)),
                    rs.getString(18), revision, instant(rs.getTimestamp(19)), instant(rs.getTimestamp(20)));
        }
        return new Change(revision, kind, slug, op, data);
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private Map<String, String> json(String text) {
        try {
            return text == null ? Map.of() : mapper.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt JSON column", e);
        }
    }
}
