package dev.pillarboard.scorecard.evaluation;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.pillarboard.scorecard.Clock;
import dev.pillarboard.scorecard.Task;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import dev.pillarboard.scorecard.engine.Attestation;
import dev.pillarboard.scorecard.engine.CheckResult;
import dev.pillarboard.scorecard.engine.Evidence;
import dev.pillarboard.scorecard.engine.Priority;
import dev.pillarboard.scorecard.engine.ProductFacts;
import dev.pillarboard.scorecard.engine.Requirement;
import dev.pillarboard.scorecard.engine.Scorecard;
import dev.pillarboard.scorecard.engine.ScoringEngine;
import dev.pillarboard.scorecard.engine.SignalValue;
import dev.pillarboard.scorecard.engine.Waiver;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;

/**
 * Evaluates a set of products against the current rubric and stores the results: a handful of
 * set-based reads ({@code = ANY(?)}) for products, signals, attestations, waivers, previous results
 * and tasks; the engine; then the writes, set-based too: {@code COPY} for rows that are always new
 * (first scorecards, history points, new tasks) and batched statements for changes to existing rows.
 *
 * <p>Runs inside the caller's transaction. The mirror rows of the products are locked
 * ({@code FOR NO KEY UPDATE}, in slug order) so that two evaluations of one product, on any
 * replicas, run one after the other and the later one wins with the later inputs.
 */
@ApplicationScoped
public class Evaluator {

    /** What one call did. */
    public record Result(int evaluated, int unscorable, int removed, int changed) {
    }

    private static final byte[] EMPTY_LIST = "[]".getBytes(StandardCharsets.UTF_8);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final RubricService rubrics;
    private final ObjectMapper mapper;
    /** Reads the mirror's links and annotations; resolved once rather than per product. */
    private final ObjectReader stringMapReader;
    private final Duration snapshotInterval;

    public Evaluator(AgroalDataSource dataSource, RubricService rubrics, ObjectMapper mapper, ScorecardConfig config) {
        this.dataSource = dataSource;
        this.rubrics = rubrics;
        this.mapper = mapper;
        this.stringMapReader = mapper.readerFor(STRING_MAP);
        this.snapshotInterval = config.evaluation().snapshotInterval();
    }

    private record Prior(String owner, String phase, int rubricVersion, String problem, String checksHash,
            String fingerprint, Instant lastSnapshotAt) {
    }

    private record TaskRow(long id, String checkId, String priority, String status, String reason, String owner,
            String title) {
    }

    /**
     * The slugs of a call, matched as {@code product = ANY(?)} plus the range between the least and
     * the greatest of them. The range changes no answer, but the planner, which cannot see into the
     * array, then expects a few rows and reads the evidence tables by their primary keys instead of
     * scanning them whole (a job's batch of 500 slugs made it scan all 124,000 signals). The bounds are
     * computed by the database, so they follow its collation.
     */
    private record Keys(Array array) {
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

    @Transactional(Transactional.TxType.MANDATORY)
    public Result evaluate(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return new Result(0, 0, 0, 0);
        }
        Instant now = Clock.now();
        RubricService.Loaded rubric = rubrics.current();
        ScoringEngine engine = rubric.engine();
        String[] sorted = new TreeSet<>(slugs).toArray(new String[0]);
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            Keys keys = Keys.of(c, sorted);
            Map<String, ProductFacts> products = loadProducts(c, keys.array(), true);
            List<String> gone = new ArrayList<>();
            for (String slug : sorted) {
                if (!products.containsKey(slug)) {
                    gone.add(slug);
                }
            }
            int removed = gone.isEmpty() ? 0 : removeResults(c, gone);
            if (products.isEmpty()) {
                return new Result(0, 0, removed, 0);
            }
            Map<String, Evidence.Builder> evidence = new HashMap<>();
            products.keySet().forEach(slug -> evidence.put(slug, Evidence.builder()));
            loadSignals(c, keys, evidence);
            loadAttestations(c, keys, evidence);
            loadWaivers(c, keys, evidence, now);
            Map<String, Prior> priors = loadPriors(c, keys);
            Map<String, Map<String, TaskRow>> tasks = loadTasks(c, keys);
            long read = System.nanoTime();

            Writes writes = new Writes(c, now, rubric.version());
            int unscorable = 0;
            int changed = 0;
            for (ProductFacts product : products.values()) {
                Evidence productEvidence = evidence.get(product.slug()).build();
                Prior prior = priors.get(product.slug());
                Map<String, TaskRow> productTasks = tasks.getOrDefault(product.slug(), Map.of());
                Scorecard card;
                try {
                    card = engine.evaluate(product, productEvidence, now);
                } catch (IllegalArgumentException e) {
                    unscorable++;
                    writes.unscorable(product, e.getMessage(), productTasks.values());
                    continue;
                }
                if (store(writes, engine, product, productEvidence, card, prior, productTasks, now)) {
                    changed++;
                }
            }
            long scored = System.nanoTime();
            writes.flush();
            if (Log.isDebugEnabled()) {
                long written = System.nanoTime();
                Log.debugf("Evaluated %d products in %d ms (reads %d ms, scoring %d ms, writes %d ms); wrote %s",
                        products.size(), (written - started) / 1_000_000, (read - started) / 1_000_000,
                        (scored - read) / 1_000_000, (written - scored) / 1_000_000, writes.summary());
            }
            return new Result(products.size(), unscorable, removed, changed);
        } catch (SQLException e) {
            throw new IllegalStateException("Evaluation failed: " + e.getMessage(), e);
        }
    }

    /** A product's inputs as stored now, for answers computed on the fly (readiness). */
    public record Inputs(RubricService.Loaded rubric, ProductFacts product, Evidence evidence, Instant now) {
    }

    /** Reads one product's inputs without storing anything; empty if the mirror does not know the product. */
    public java.util.Optional<Inputs> inputs(String slug) {
        Instant now = Clock.now();
        RubricService.Loaded rubric = rubrics.current();
        try (Connection c = dataSource.getConnection()) {
            Keys keys = Keys.of(c, new String[] { slug });
            Map<String, ProductFacts> products = loadProducts(c, keys.array(), false);
            if (products.isEmpty()) {
                return java.util.Optional.empty();
            }
            Map<String, Evidence.Builder> evidence = new HashMap<>();
            evidence.put(slug, Evidence.builder());
            loadSignals(c, keys, evidence);
            loadAttestations(c, keys, evidence);
            loadWaivers(c, keys, evidence, now);
            return java.util.Optional.of(new Inputs(rubric, products.get(slug), evidence.get(slug).build(), now));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the inputs of " + slug + ": " + e.getMessage(), e);
        }
    }

    /** Prepares the writes for one scored product; returns whether its stored results change. */
    private boolean store(Writes writes, ScoringEngine engine, ProductFacts product, Evidence evidence, Scorecard card,
            Prior prior, Map<String, TaskRow> tasks, Instant now) throws SQLException {
        int barGaps = 0;
        int[] open = new int[3];
        for (CheckResult result : card.checks()) {
            if (result.requirement() == Requirement.REQUIRED && !result.passesOrWaived()) {
                barGaps++;
            }
            if (result.priority() != null) {
                open[result.priority().ordinal()]++;
            }
        }
        ResultJson.Encoded checksJson = writes.json.checks(card.checks());
        String hash = checksJson.hash();
        String fingerprint = card.fingerprint();
        Instant nextChange = engine.nextChange(product, evidence, now);
        boolean changed = prior == null || prior.problem() != null || !hash.equals(prior.checksHash())
                || !fingerprint.equals(prior.fingerprint()) || !Objects.equals(prior.owner(), product.owner())
                || prior.rubricVersion() != writes.rubricVersion;
        boolean snapshot = prior == null || !fingerprint.equals(prior.fingerprint())
                || prior.rubricVersion() != writes.rubricVersion || prior.lastSnapshotAt() == null
                || !prior.lastSnapshotAt().plus(snapshotInterval).isAfter(now);
        Instant lastSnapshot = snapshot ? now : prior.lastSnapshotAt();
        ResultJson.Encoded pillarsJson = writes.json.pillars(card);
        if (changed) {
            writes.scorecard(card, product, prior != null, pillarsJson, checksJson, fingerprint, barGaps, open, lastSnapshot,
                    nextChange);
        } else {
            writes.touch(product.slug(), lastSnapshot, nextChange);
        }
        if (snapshot) {
            writes.history(card, pillarsJson);
        }
        writes.tasks(product, card, tasks);
        return changed;
    }

    // ---- reads -----------------------------------------------------------------------------------

    private Map<String, ProductFacts> loadProducts(Connection c, Array keys, boolean lock) throws SQLException {
        Map<String, ProductFacts> products = new LinkedHashMap<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT slug, name, description, owner, phase, tier, tags, links::text, annotations::text
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
                            stringMap(rs.getString(8)), stringMap(rs.getString(9))));
                }
            }
        }
        return products;
    }

    private static void loadSignals(Connection c, Keys keys, Map<String, Evidence.Builder> evidence) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT product, key, value::text, observed_at, source FROM signal WHERE " + Keys.MATCH)) {
            keys.bind(query, 1);
            query.setFetchSize(5000);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Evidence.Builder builder = evidence.get(rs.getString(1));
                    if (builder != null) {
                        builder.signal(rs.getString(2), SignalValues.parse(rs.getString(3)),
                                instant(rs, 4), rs.getString(5));
                    }
                }
            }
        }
    }

    private static void loadAttestations(Connection c, Keys keys, Map<String, Evidence.Builder> evidence)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT DISTINCT ON (product, check_id) product, check_id, attested_by, attested_at, evidence_url, comment
                FROM attestation WHERE\s""" + Keys.MATCH + " ORDER BY product, check_id, attested_at DESC")) {
            keys.bind(query, 1);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Evidence.Builder builder = evidence.get(rs.getString(1));
                    if (builder != null) {
                        builder.attestation(rs.getString(2), new Attestation(rs.getString(3),
                                instant(rs, 4), rs.getString(5), rs.getString(6)));
                    }
                }
            }
        }
    }

    /** Approved waivers, including those expired in the last 90 days (their results say so). */
    private static void loadWaivers(Connection c, Keys keys, Map<String, Evidence.Builder> evidence, Instant now)
            throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT product, check_id, id, decided_by, expires_at FROM waiver
                WHERE status = 'approved' AND expires_at > ? AND\s""" + Keys.MATCH)) {
            setInstant(query, 1, now.minus(Duration.ofDays(90)));
            keys.bind(query, 2);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Evidence.Builder builder = evidence.get(rs.getString(1));
                    if (builder != null) {
                        builder.waiver(rs.getString(2), new Waiver(Long.toString(rs.getLong(3)), rs.getString(4),
                                instant(rs, 5)));
                    }
                }
            }
        }
    }

    private static Map<String, Prior> loadPriors(Connection c, Keys keys) throws SQLException {
        Map<String, Prior> priors = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT product, owner, phase, rubric_version, problem, checks_hash, fingerprint, last_snapshot_at
                FROM scorecard WHERE\s""" + Keys.MATCH)) {
            keys.bind(query, 1);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    priors.put(rs.getString(1), new Prior(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), instant(rs, 8)));
                }
            }
        }
        return priors;
    }

    private static Map<String, Map<String, TaskRow>> loadTasks(Connection c, Keys keys) throws SQLException {
        Map<String, Map<String, TaskRow>> tasks = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, product, check_id, priority, status, reason, owner, title FROM task WHERE " + Keys.MATCH)) {
            keys.bind(query, 1);
            query.setFetchSize(5000);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    tasks.computeIfAbsent(rs.getString(2), k -> new HashMap<>()).put(rs.getString(3),
                            new TaskRow(rs.getLong(1), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                    rs.getString(7), rs.getString(8)));
                }
            }
        }
        return tasks;
    }

    /** A deleted product's scorecard and tasks go; its history and evidence stay. */
    private static int removeResults(Connection c, List<String> gone) throws SQLException {
        Array keys = c.createArrayOf("varchar", gone.toArray());
        try (PreparedStatement scorecards = c.prepareStatement("DELETE FROM scorecard WHERE product = ANY(?)");
                PreparedStatement tasks = c.prepareStatement("DELETE FROM task WHERE product = ANY(?)")) {
            scorecards.setArray(1, keys);
            tasks.setArray(1, keys);
            tasks.executeUpdate();
            return scorecards.executeUpdate();
        }
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

    // ---- writes ----------------------------------------------------------------------------------

    /**
     * The writes of one evaluation call, sent at {@link #flush()}. Rows that are always new go by
     * {@code COPY}: history points, new tasks, and the first scorecard of a product (the product's
     * mirror row is locked and its stored results were read under that lock, so no other evaluation
     * can create them meanwhile; the unique keys would refuse a duplicate rather than skip it).
     * Changes to existing rows are batched statements.
     */
    private final class Writes implements AutoCloseable {
        final Connection c;
        final Instant now;
        final OffsetDateTime nowTs;
        /** {@code now} as COPY text. */
        final String nowText;
        final int rubricVersion;
        final PreparedStatement upsert;
        final PreparedStatement touch;
        final PreparedStatement reopenTask;
        final PreparedStatement closeTask;
        final PreparedStatement updateTask;
        /** Statement batch sizes: upsert, touch, reopen, update, close. */
        final int[] counts = new int[5];
        final CopyRows newScorecards = new CopyRows();
        final CopyRows history = new CopyRows();
        final CopyRows newTasks = new CopyRows();
        /** The stored JSON of each product's results, written with one reused buffer. */
        final ResultJson json = new ResultJson(mapper);

        Writes(Connection c, Instant now, int rubricVersion) throws SQLException {
            this.c = c;
            this.now = now;
            this.nowTs = now.atOffset(ZoneOffset.UTC);
            this.nowText = ResultJson.instant(now);
            this.rubricVersion = rubricVersion;
            upsert = c.prepareStatement("""
                    INSERT INTO scorecard (product, owner, phase, rubric_version, problem, score, meets_bar, bar_gaps,
                        next_phase, next_phase_readiness, pillar_scores, checks, checks_hash, fingerprint,
                        open_p1, open_p2, open_p3, evaluated_at, changed_at, last_snapshot_at, next_change_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, convert_from(?, 'UTF8'), ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (product) DO UPDATE SET owner = EXCLUDED.owner, phase = EXCLUDED.phase,
                        rubric_version = EXCLUDED.rubric_version, problem = EXCLUDED.problem, score = EXCLUDED.score,
                        meets_bar = EXCLUDED.meets_bar, bar_gaps = EXCLUDED.bar_gaps, next_phase = EXCLUDED.next_phase,
                        next_phase_readiness = EXCLUDED.next_phase_readiness, pillar_scores = EXCLUDED.pillar_scores,
                        checks = EXCLUDED.checks, checks_hash = EXCLUDED.checks_hash, fingerprint = EXCLUDED.fingerprint,
                        open_p1 = EXCLUDED.open_p1, open_p2 = EXCLUDED.open_p2, open_p3 = EXCLUDED.open_p3,
                        evaluated_at = EXCLUDED.evaluated_at, changed_at = EXCLUDED.changed_at,
                        last_snapshot_at = EXCLUDED.last_snapshot_at, next_change_at = EXCLUDED.next_change_at""");
            touch = c.prepareStatement(
                    "UPDATE scorecard SET evaluated_at = ?, last_snapshot_at = ?, next_change_at = ? WHERE product = ?");
            reopenTask = c.prepareStatement("""
                    UPDATE task SET status = 'open', priority = ?, reason = ?, owner = ?, pillar = ?, title = ?,
                        closed_at = NULL, reopened_at = ?, reopen_count = reopen_count + 1, updated_at = ?
                    WHERE id = ? AND status = 'done'""");
            closeTask = c.prepareStatement("""
                    UPDATE task SET status = 'done', reason = ?, owner = ?, closed_at = ?, updated_at = ?
                    WHERE id = ? AND status <> 'done'""");
            updateTask = c.prepareStatement("""
                    UPDATE task SET priority = ?, reason = ?, owner = ?, pillar = ?, title = ?, updated_at = ?
                    WHERE id = ? AND status <> 'done'""");
        }

        /** A changed scorecard: a new row for a product without one (COPY), else an upsert. */
        void scorecard(Scorecard card, ProductFacts product, boolean exists, ResultJson.Encoded pillarsJson, ResultJson.Encoded checksJson,
                String fingerprint, int barGaps, int[] open, Instant lastSnapshot, Instant nextChange) throws SQLException {
            if (!exists) {
                newScorecards.text(product.slug()).text(product.owner()).text(product.phase()).number(rubricVersion)
                        .text(null).number(card.score()).bool(card.meetsPhaseBar()).number(barGaps).text(card.nextPhase())
                        .number(card.nextPhaseReadiness()).utf8(pillarsJson.buffer(), pillarsJson.length()).utf8(checksJson.buffer(), checksJson.length())
                        .text(checksJson.hash()).text(fingerprint).number(open[0]).number(open[1]).number(open[2])
                        .plain(nowText).plain(nowText).text(lastSnapshot == null ? null : ResultJson.instant(lastSnapshot))
                        .text(nextChange == null ? null : ResultJson.instant(nextChange));
                newScorecards.endRow();
                return;
            }
            upsert.setString(1, product.slug());
            upsert.setString(2, product.owner());
            upsert.setString(3, product.phase());
            upsert.setInt(4, rubricVersion);
            upsert.setNull(5, Types.VARCHAR);
            setInteger(upsert, 6, card.score());
            upsert.setBoolean(7, card.meetsPhaseBar());
            upsert.setInt(8, barGaps);
            upsert.setString(9, card.nextPhase());
            setInteger(upsert, 10, card.nextPhaseReadiness());
            upsert.setString(11, pillarsJson.text());
            upsert.setBytes(12, checksJson.copy());
            upsert.setString(13, checksJson.hash());
            upsert.setString(14, fingerprint);
            upsert.setInt(15, open[0]);
            upsert.setInt(16, open[1]);
            upsert.setInt(17, open[2]);
            upsert.setObject(18, nowTs);
            upsert.setObject(19, nowTs);
            setInstant(upsert, 20, lastSnapshot);
            setInstant(upsert, 21, nextChange);
            upsert.addBatch();
            counts[0]++;
        }

        /** A product the rubric cannot score (its phase is unknown): the row says why; tasks stay as they are. */
        void unscorable(ProductFacts product, String problem, Collection<TaskRow> tasks) throws SQLException {
            int[] open = new int[3];
            for (TaskRow task : tasks) {
                if (!Task.DONE.equals(task.status())) {
                    open[Priority.valueOf(task.priority()).ordinal()]++;
                }
            }
            upsert.setString(1, product.slug());
            upsert.setString(2, product.owner());
            upsert.setString(3, product.phase());
            upsert.setInt(4, rubricVersion);
            upsert.setString(5, problem.length() > 1000 ? problem.substring(0, 1000) : problem);
            upsert.setNull(6, Types.INTEGER);
            upsert.setNull(7, Types.BOOLEAN);
            upsert.setNull(8, Types.INTEGER);
            upsert.setNull(9, Types.VARCHAR);
            upsert.setNull(10, Types.INTEGER);
            upsert.setString(11, "{}");
            upsert.setBytes(12, EMPTY_LIST);
            upsert.setString(13, "");
            upsert.setString(14, "");
            upsert.setInt(15, open[0]);
            upsert.setInt(16, open[1]);
            upsert.setInt(17, open[2]);
            upsert.setObject(18, nowTs);
            upsert.setObject(19, nowTs);
            upsert.setNull(20, Types.TIMESTAMP_WITH_TIMEZONE);
            upsert.setNull(21, Types.TIMESTAMP_WITH_TIMEZONE);
            upsert.addBatch();
            counts[0]++;
        }

        void touch(String product, Instant lastSnapshot, Instant nextChange) throws SQLException {
            touch.setObject(1, nowTs);
            setInstant(touch, 2, lastSnapshot);
            setInstant(touch, 3, nextChange);
            touch.setString(4, product);
            touch.addBatch();
            counts[1]++;
        }

        void history(Scorecard card, ResultJson.Encoded pillarsJson) {
            history.text(card.product()).plain(nowText).number(rubricVersion).text(card.phase()).number(card.score())
                    .bool(card.meetsPhaseBar()).number(card.nextPhaseReadiness()).utf8(pillarsJson.buffer(), pillarsJson.length());
            history.endRow();
        }

        /** Opens, reopens, updates and closes the product's tasks to match its results. */
        void tasks(ProductFacts product, Scorecard card, Map<String, TaskRow> existing) throws SQLException {
            Map<String, Boolean> seen = existing.isEmpty() ? null : new HashMap<>();
            for (CheckResult result : card.checks()) {
                if (seen != null) {
                    seen.put(result.checkId(), Boolean.TRUE);
                }
                TaskRow task = existing.get(result.checkId());
                if (result.priority() == null && (task == null || Task.DONE.equals(task.status()))) {
                    continue;
                }
                String reason = truncate(result.reason(), 2000);
                String title = truncate(result.title() == null ? result.checkId() : result.title(), 500);
                if (result.priority() != null) {
                    String priority = result.priority().name();
                    if (task == null) {
                        newTasks.text(product.slug()).text(product.owner()).text(result.checkId()).text(result.pillar())
                                .text(title).plain(priority).plain(Task.OPEN).text(reason).plain(nowText).plain(nowText);
                        newTasks.endRow();
                    } else if (Task.DONE.equals(task.status())) {
                        reopenTask.setString(1, priority);
                        reopenTask.setString(2, reason);
                        reopenTask.setString(3, product.owner());
                        reopenTask.setString(4, result.pillar());
                        reopenTask.setString(5, title);
                        reopenTask.setObject(6, nowTs);
                        reopenTask.setObject(7, nowTs);
                        reopenTask.setLong(8, task.id());
                        reopenTask.addBatch();
                        counts[2]++;
                    } else if (!priority.equals(task.priority()) || !reason.equals(task.reason())
                            || !Objects.equals(product.owner(), task.owner()) || !title.equals(task.title())) {
                        updateTask.setString(1, priority);
                        updateTask.setString(2, reason);
                        updateTask.setString(3, product.owner());
                        updateTask.setString(4, result.pillar());
                        updateTask.setString(5, title);
                        updateTask.setObject(6, nowTs);
                        updateTask.setLong(7, task.id());
                        updateTask.addBatch();
                        counts[3]++;
                    }
                } else {
                    close(task, product.owner(), reason);
                }
            }
            // Tasks of checks the current rubric no longer has are closed too.
            for (TaskRow task : existing.values()) {
                if (!seen.containsKey(task.checkId()) && !Task.DONE.equals(task.status())) {
                    close(task, product.owner(), "the check is no longer part of the rubric");
                }
            }
        }

        private void close(TaskRow task, String owner, String reason) throws SQLException {
            closeTask.setString(1, reason);
            closeTask.setString(2, owner);
            closeTask.setObject(3, nowTs);
            closeTask.setObject(4, nowTs);
            closeTask.setLong(5, task.id());
            closeTask.addBatch();
            counts[4]++;
        }

        void flush() throws SQLException {
            try {
                newScorecards.copy(c, """
                        scorecard (product, owner, phase, rubric_version, problem, score, meets_bar, bar_gaps, next_phase,
                            next_phase_readiness, pillar_scores, checks, checks_hash, fingerprint, open_p1, open_p2, open_p3,
                            evaluated_at, changed_at, last_snapshot_at, next_change_at)""");
                if (counts[0] > 0) {
                    upsert.executeBatch();
                }
                if (counts[1] > 0) {
                    touch.executeBatch();
                }
                history.copy(c, "history (product, taken_at, rubric_version, phase, score, meets_bar, next_phase_readiness, pillar_scores)");
                newTasks.copy(c, "task (product, owner, check_id, pillar, title, priority, status, reason, created_at, updated_at)");
                PreparedStatement[] taskChanges = { reopenTask, updateTask, closeTask };
                for (int i = 0; i < taskChanges.length; i++) {
                    if (counts[2 + i] > 0) {
                        taskChanges[i].executeBatch();
                    }
                }
            } finally {
                close();
            }
        }

        String summary() {
            return String.format("%d new scorecards, %d upserts, %d touches, %d history points; tasks: %d new, %d reopened,"
                    + " %d updated, %d closed", newScorecards.rows(), counts[0], counts[1], history.rows(), newTasks.rows(),
                    counts[2], counts[3], counts[4]);
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : List.of(upsert, touch, reopenTask, closeTask, updateTask)) {
                statement.close();
            }
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** A timestamptz column as an instant (the driver's java.time path: no calendar, unlike getTimestamp). */
    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    /** Signal values as stored (a JSON scalar) back to engine values. */
    static final class SignalValues {
        private SignalValues() {
        }

        static SignalValue parse(String json) {
            if (json.isEmpty()) {
                return SignalValue.of("");
            }
            char first = json.charAt(0);
            if (first == '"') {
                return SignalValue.of(unquote(json));
            }
            if (json.equals("true") || json.equals("false")) {
                return SignalValue.of(Boolean.parseBoolean(json));
            }
            if (json.indexOf('.') < 0 && json.indexOf('e') < 0 && json.indexOf('E') < 0) {
                try {
                    return SignalValue.of(Long.parseLong(json));
                } catch (NumberFormatException tooBig) {
                    return SignalValue.of(Double.parseDouble(json));
                }
            }
            return SignalValue.of(Double.parseDouble(json));
        }

        private static String unquote(String json) {
            if (json.indexOf('\\') < 0) {
                return json.substring(1, json.length() - 1);
            }
            try {
                return new ObjectMapper().readValue(json, String.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Corrupt signal value " + json, e);
            }
        }
    }
}
