package dev.pillarboard.scorecard.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.client.CatalogChanges;
import dev.pillarboard.scorecard.client.CatalogProduct;
import dev.pillarboard.scorecard.client.CatalogTeam;
import dev.pillarboard.scorecard.evaluation.EvaluationQueue;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;

/**
 * Applies one page of the catalog's change feed to the mirror, in one transaction, under a
 * cluster-wide advisory lock: the stored revision is checked, the changes applied idempotently (a
 * change older than what is stored is ignored) and the new revision stored, all together. Changed
 * products are queued for evaluation in the same transaction.
 */
@ApplicationScoped
public class CatalogApplier {

    /** The advisory lock that makes the follower run on one replica at a time. */
    static final long FOLLOWER_LOCK = 0x5C0_0002L;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public enum PageResult {
        /** Applied and the revision stored. */
        APPLIED,
        /** Another replica is applying changes right now; nothing done. */
        BUSY,
        /** The stored revision is no longer the one the page was read after (another replica applied it). */
        MOVED
    }

    private final AgroalDataSource dataSource;
    private final EvaluationQueue queue;
    private final ObjectMapper mapper;

    public CatalogApplier(AgroalDataSource dataSource, EvaluationQueue queue, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.queue = queue;
        this.mapper = mapper;
    }

    /** The last catalog revision applied. */
    public long storedRevision() {
        return Jdbc.single(dataSource, "read the sync state", "SELECT last_revision FROM sync_state WHERE id = 1",
                row -> row.getLong(1));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PageResult apply(long after, CatalogChanges page) {
        Instant now = DatabaseTime.now();
        return Jdbc.query(dataSource, "apply catalog changes", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, FOLLOWER_LOCK);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return PageResult.BUSY;
                    }
                }
            }
            try (PreparedStatement state = c.prepareStatement("SELECT last_revision FROM sync_state WHERE id = 1");
                    ResultSet rs = state.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != after) {
                    return PageResult.MOVED;
                }
            }
            List<CatalogChanges.Change> products = new ArrayList<>();
            List<CatalogChanges.Change> teams = new ArrayList<>();
            for (CatalogChanges.Change change : page.items()) {
                if (change.slug() == null || !SLUG.matcher(change.slug()).matches()) {
                    Log.warnf("Ignoring catalog change %d: invalid slug '%s'", change.revision(), change.slug());
                } else if (change.isProduct()) {
                    products.add(change);
                } else if (change.isTeam()) {
                    teams.add(change);
                }
            }
            // Queue first, then write the mirror rows in slug order: the same lock order as the evaluator.
            TreeSet<String> slugs = new TreeSet<>();
            products.forEach(change -> slugs.add(change.slug()));
            queue.enqueue(slugs);
            products.sort(Comparator.comparing(CatalogChanges.Change::slug));
            teams.sort(Comparator.comparing(CatalogChanges.Change::slug));
            applyTeams(c, teams, now);
            applyProducts(c, products, now);
            long revision = Math.max(after, page.lastRevision());
            try (PreparedStatement store = c.prepareStatement(
                    "UPDATE sync_state SET last_revision = ?, last_applied_at = ? WHERE id = 1")) {
                store.setLong(1, revision);
                store.setTimestamp(2, Timestamp.from(now));
                store.executeUpdate();
            }
            return PageResult.APPLIED;
        });
    }

    private void applyProducts(Connection c, List<CatalogChanges.Change> changes, Instant now) throws SQLException {
        // A phase change is recorded with when it happened (the catalog's update time) and the phase it came from;
        // a product seen for the first time entered its phase when it was created in the catalog.
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO product (slug, name, description, owner, phase, tier, tags, links, annotations, revision,
                    created_at, updated_at, synced_at, phase_since, previous_phase)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, NULL)
                ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                    owner = EXCLUDED.owner, phase = EXCLUDED.phase, tier = EXCLUDED.tier, tags = EXCLUDED.tags,
                    links = EXCLUDED.links, annotations = EXCLUDED.annotations, revision = EXCLUDED.revision,
                    created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, synced_at = EXCLUDED.synced_at,
                    phase_since = CASE WHEN product.phase = EXCLUDED.phase THEN product.phase_since
                                       ELSE coalesce(EXCLUDED.updated_at, EXCLUDED.synced_at) END,
                    previous_phase = CASE WHEN product.phase = EXCLUDED.phase THEN product.previous_phase
                                          ELSE product.phase END
                WHERE product.revision < EXCLUDED.revision""");
                PreparedStatement delete = c.prepareStatement("DELETE FROM product WHERE slug = ? AND revision < ?");
                // Waivers asked "until the product changes phase" stop counting when it does.
                PreparedStatement endWaivers = c.prepareStatement("""
                        UPDATE waiver w SET ended_at = ? FROM product p
                        WHERE p.slug = ? AND w.product = p.slug AND w.phase IS NOT NULL AND w.phase <> p.phase
                          AND w.ended_at IS NULL AND w.status IN ('requested', 'approved')""")) {
            List<String> upserted = new ArrayList<>();
            for (CatalogChanges.Change change : changes) {
                if (change.isDelete()) {
                    batchDelete(delete, change);
                    continue;
                }
                CatalogProduct product = read(change, CatalogProduct.class);
                if (product == null || blank(product.owner()) || blank(product.phase())) {
                    Log.warnf("Ignoring catalog change %d of product %s: no owner or phase", change.revision(), change.slug());
                    continue;
                }
                upsert.setString(1, change.slug());
                upsert.setString(2, cut(product.name() == null ? change.slug() : product.name(), 200));
                upsert.setString(3, cut(product.description() == null ? "" : product.description(), 4000));
                upsert.setString(4, cut(product.owner(), 63));
                upsert.setString(5, cut(product.phase(), 63));
                if (product.tier() == null) {
                    upsert.setNull(6, Types.SMALLINT);
                } else {
                    upsert.setShort(6, product.tier().shortValue());
                }
                upsert.setArray(7, c.createArrayOf("text",
                        (product.tags() == null ? List.<String> of() : product.tags()).stream().filter(t -> t != null).toArray()));
                upsert.setString(8, json(product.links()));
                upsert.setString(9, json(product.annotations()));
                upsert.setLong(10, change.revision());
                upsert.setTimestamp(11, product.createdAt() == null ? null : Timestamp.from(product.createdAt()));
                upsert.setTimestamp(12, product.updatedAt() == null ? null : Timestamp.from(product.updatedAt()));
                upsert.setTimestamp(13, Timestamp.from(now));
                upsert.setTimestamp(14, Timestamp.from(product.createdAt() == null ? now : product.createdAt()));
                upsert.addBatch();
                upserted.add(change.slug());
            }
            upsert.executeBatch();
            delete.executeBatch();
            for (String slug : upserted) {
                endWaivers.setTimestamp(1, Timestamp.from(now));
                endWaivers.setString(2, slug);
                endWaivers.addBatch();
            }
            if (!upserted.isEmpty()) {
                endWaivers.executeBatch();
            }
        }
    }

    /** Deletes the mirror row of a deleted entity, unless it is newer than the deletion. */
    private static void batchDelete(PreparedStatement delete, CatalogChanges.Change change) throws SQLException {
        delete.setString(1, change.slug());
        delete.setLong(2, change.revision());
        delete.addBatch();
    }

    private void applyTeams(Connection c, List<CatalogChanges.Change> changes, Instant now) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO team (slug, name, contact_email, contact_chat, parent, revision, synced_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, contact_email = EXCLUDED.contact_email,
                    contact_chat = EXCLUDED.contact_chat, parent = EXCLUDED.parent, revision = EXCLUDED.revision,
                    synced_at = EXCLUDED.synced_at
                WHERE team.revision < EXCLUDED.revision""");
                PreparedStatement delete = c.prepareStatement("DELETE FROM team WHERE slug = ? AND revision < ?")) {
            for (CatalogChanges.Change change : changes) {
                if (change.isDelete()) {
                    batchDelete(delete, change);
                    continue;
                }
                CatalogTeam team = read(change, CatalogTeam.class);
                if (team == null) {
                    continue;
                }
                upsert.setString(1, change.slug());
                upsert.setString(2, cut(team.name() == null ? change.slug() : team.name(), 200));
                upsert.setString(3, team.contact() == null ? null : cut(team.contact().email(), 254));
                upsert.setString(4, team.contact() == null ? null : cut(team.contact().chat(), 200));
                upsert.setString(5, cut(team.parent(), 63));
                upsert.setLong(6, change.revision());
                upsert.setTimestamp(7, Timestamp.from(now));
                upsert.addBatch();
            }
            upsert.executeBatch();
            delete.executeBatch();
        }
    }

    private <T> T read(CatalogChanges.Change change, Class<T> type) {
        if (change.data() == null || !change.data().isObject()) {
            Log.warnf("Ignoring catalog change %d of %s %s: no data", change.revision(), change.kind(), change.slug());
            return null;
        }
        try {
            return mapper.readerFor(type).without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .treeToValue(change.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Log.warnf("Ignoring catalog change %d of %s %s: unreadable data (%s)", change.revision(), change.kind(),
                    change.slug(), e.getMessage());
            return null;
        }
    }

    private String json(Map<String, String> map) {
        try {
            return map == null ? "{}" : mapper.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
