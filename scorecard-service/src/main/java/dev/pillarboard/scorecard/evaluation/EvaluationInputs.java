package dev.pillarboard.scorecard.evaluation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.SignalJson;
import dev.pillarboard.scorecard.engine.ApprovedWaiver;
import dev.pillarboard.scorecard.engine.Attested;
import dev.pillarboard.scorecard.engine.Evidence;
import dev.pillarboard.scorecard.engine.ProductFacts;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.agroal.api.AgroalDataSource;
/**
 * Reads what an evaluation needs, set-based ({@code = ANY(?)}): the products of the mirror,
 * their signals, latest attestations and approved waivers, and their stored results and tasks.
 * Runs on the caller's connection (and so in its transaction).
 */
@ApplicationScoped
public class EvaluationInputs {

    /** A product's inputs as stored now, for answers computed on the fly (readiness). */
    public record Inputs(RubricService.Loaded rubric, ProductFacts product, Evidence evidence, Instant now) {
    }


    /**
     * A product's stored results, as far as the next evaluation compares with them: with the digest its tasks
     * were last made to match ({@link TaskDigest}) and the count of their edits since.
     */
    record Prior(String owner, String phase, int rubricVersion, String problem, String checksHash,
            String fingerprint, Instant lastSnapshotAt, String tasksDigest, long taskEdits) {
    }

    record TaskRow(long id, String checkId, String priority, String status, String reason, String owner,
            String title, String checkStatus, java.time.LocalDate dueDate, String requirement) {
    }

    /**
     * The slugs of a call, matched as {@code product = ANY(?)} plus the range between the least and
     * the greatest of them. The range changes no answer, but the planner, which cannot see into the
     * array, then expects a few rows and reads the evidence tables by their primary keys instead of
     * scanning them whole (a job's batch of 500 slugs made it scan all 124,000 signals). The bounds are
     * computed by the database, so they follow its collation.
     */
    record Keys(Array array) {
        static final String MATCH = "product = ANY(?) AND product BETWEEN (SELECT min(k) FROM unnest(?::varchar[]) k)"
                + " AND (SELECT max(k) FROM unnest(?::varchar[]) k)";

        static Keys of(Connection c, String[] slugs) throws SQLException {
            return new Keys(c.createArrayOf("varchar", slugs));
        }

        /** Binds the three parameters of {@link #MATCH} from {@code index}. */
        void bind(PreparedStatement query, int index) throws SQLException {
            query.setArray(index, array);
            query.setArray(index + 1, array);
            query.setArray(index + 2, array);
        }
    }

    private final AgroalDataSource dataSource;
    private final RubricService rubrics;
    /** Reads the mirror's links and annotations; resolved once rather than per product. */
    private final ObjectReader stringMapReader;

    public EvaluationInputs(AgroalDataSource dataSource, RubricService rubrics, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.rubrics = rubrics;
        this.stringMapReader = mapper.readerFor(new TypeReference<Map<String, String>>() {
        });
    }

    /** Reads one product's inputs without storing anything; empty if the mirror does not know the product. */
    public Optional<Inputs> of(String slug) {
        Instant now = DatabaseTime.now();
        RubricService.Loaded rubric = rubrics.current();
        return Jdbc.query(dataSource, "read the inputs of " + slug, c -> {
            Keys keys = Keys.of(c, new String[] { slug });
            Map<String, ProductFacts> products = products(c, keys.array(), false);
            if (products.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Evidence.Builder> evidence = evidence(c, keys, List.of(slug), now);
            return Optional.of(new Inputs(rubric, products.get(slug), evidence.get(slug).build(), now));
        });
    }

    /** The evidence of the products in {@code keys}, one builder per product of {@code slugs}. */
    Map<String, Evidence.Builder> evidence(Connection c, Keys keys, Collection<String> slugs, Instant now) throws SQLException {
        Map<String, Evidence.Builder> evidence = new HashMap<>();
        slugs.forEach(slug -> evidence.put(slug, Evidence.builder()));
        signals(c, keys, evidence);
        attestations(c, keys, evidence);
        waivers(c, keys, evidence, now);
        return evidence;
    }

    Map<String, ProductFacts> products(Connection c, Array keys, boolean lock) throws SQLException {
        Map<String, ProductFacts> products = new LinkedHashMap<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT slug, name, description, owner, phase, tier, tags, links::text, annotations::text, phase_since,
                    previous_phase
                FROM product WHERE slug = ANY(?) ORDER BY slug""" + (lock ? " FOR NO KEY UPDATE" : ""))) {
            query.setArray(1, keys);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    int tier = rs.getInt(6);
                    Integer tierValue = rs.wasNull() ? null : tier;
                    Array tags = rs.getArray(7);
                    products.put(rs.getString(1), new ProductFacts(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), tierValue,
                            tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                            stringMap(rs.getString(8)), stringMap(rs.getString(9)), instant(rs, 10), rs.getString(11)));
                }
            }
        }
        return products;
    }

    static void signals(Connection c, Keys keys, Map<String, Evidence.Builder> evidence) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT product, key, value::text, observed_at, source FROM signal WHERE " + Keys.MATCH)) {
            keys.bind(query, 1);
            query.setFetchSize(5000);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Evidence.Builder builder = evidence.get(rs.getString(1));
                    if (builder != null) {
                        builder.signal(rs.getString(2), SignalJson.decode(rs.getString(3)),
                                instant(rs, 4), rs.getString(5));
                    }
                }
            }
        }
    }

    static void attestations(Connection c, Keys keys, Map<String, Evidence.Builder> evidence)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT DISTINCT ON (product, check_id) product, check_id, attested_by, attested_at, evidence_url, comment,
                    performed_at
                FROM attestation WHERE\s""" + Keys.MATCH + " ORDER BY product, check_id, performed_at DESC, attested_at DESC")) {
            keys.bind(query, 1);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Evidence.Builder builder = evidence.get(rs.getString(1));
                    if (builder != null) {
                        builder.attestation(rs.getString(2), new Attested(rs.getString(3),
                                instant(rs, 4), rs.getString(5), rs.getString(6), instant(rs, 7)));
                    }
                }
            }
        }
    }

    /**
     * Approved waivers, including those that stopped counting in the last 90 days (their results say so): per check
     * the one that counts in the product's phase and lasts longest. A waiver limited to a phase that the product left
     * ends then ({@code ended_at}), whatever phase the product is in later.
     */
    static void waivers(Connection c, Keys keys, Map<String, Evidence.Builder> evidence, Instant now)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT DISTINCT ON (w.product, w.check_id) w.product, w.check_id, w.id, w.decided_by,
                    least(w.expires_at, w.ended_at), w.phase
                FROM waiver w JOIN product p ON p.slug = w.product
                WHERE w.status = 'approved' AND least(w.expires_at, w.ended_at) > ? AND\s""" + Keys.MATCH.replace("product", "w.product")
                + """
                 ORDER BY w.product, w.check_id, (w.ended_at IS NULL AND (w.phase IS NULL OR w.phase = p.phase)) DESC,
                    w.expires_at DESC""")) {
            setInstant(query, 1, now.minus(Duration.ofDays(90)));
            keys.bind(query, 2);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Evidence.Builder builder = evidence.get(rs.getString(1));
                    if (builder != null) {
                        builder.waiver(rs.getString(2), new ApprovedWaiver(Long.toString(rs.getLong(3)), rs.getString(4),
                                instant(rs, 5), rs.getString(6)));
                    }
                }
            }
        }
    }

    static Map<String, Prior> priors(Connection c, Keys keys) throws SQLException {
        Map<String, Prior> priors = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT product, owner, phase, rubric_version, problem, checks_hash, fingerprint, last_snapshot_at,
                    tasks_digest, task_edits
                FROM scorecard WHERE\s""" + Keys.MATCH)) {
            keys.bind(query, 1);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    priors.put(rs.getString(1), new Prior(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), instant(rs, 8), rs.getString(9), rs.getLong(10)));
                }
            }
        }
        return priors;
    }

    static Map<String, Map<String, TaskRow>> tasks(Connection c, Keys keys) throws SQLException {
        Map<String, Map<String, TaskRow>> tasks = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, product, check_id, priority, status, reason, owner, title, check_status, due_date, requirement"
                        + " FROM task WHERE "
                        + Keys.MATCH)) {
            keys.bind(query, 1);
            query.setFetchSize(5000);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    tasks.computeIfAbsent(rs.getString(2), k -> new HashMap<>()).put(rs.getString(3),
                            new TaskRow(rs.getLong(1), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                    rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, LocalDate.class),
                                    rs.getString(11)));
                }
            }
        }
        return tasks;
    }

    private Map<String, String> stringMap(String json) {
        if (json == null || json.equals("{}")) {
            return Map.of();
        }
        try {
            return stringMapReader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt JSON in the product mirror", e);
        }
    }

    /** A timestamptz column as an instant (the driver's java.time path: no calendar, unlike getTimestamp). */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

}
