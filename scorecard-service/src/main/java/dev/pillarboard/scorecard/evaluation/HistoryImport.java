package dev.pillarboard.scorecard.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.engine.Phase;
import dev.pillarboard.scorecard.engine.Pillar;
import dev.pillarboard.scorecard.rubric.RubricService;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.agroal.api.AgroalDataSource;

/**
 * Imports a product's past: history points from before Pillarboard rated it (an organisation moving
 * from another tool brings its trend; the demo brings its 90 days). The scorecard stamps the points
 * it records with the time of the evaluation, so a past cannot come from evidence; it comes from
 * here, and only before everything stored: every point must be older than the product's earliest
 * stored point, so an import never interleaves with (or rewrites) what Pillarboard recorded itself,
 * and importing the same points twice is refused instead of doubling them.
 *
 * <p>All or nothing, in one transaction that holds the product's mirror row ({@code FOR NO KEY
 * UPDATE}, the lock an evaluation of the product takes), so an evaluation cannot record a point
 * between the check and the insert.
 */
@ApplicationScoped
public class HistoryImport {

    /** The most points one request may bring: about ten years of weekly points. */
    public static final int MAX_POINTS = 500;
    /** How far back a past can reach: ten years (a point before it is a typo or a hostile date, not a history). */
    public static final Duration OLDEST = Duration.ofDays(3653);

    public record Imported(String product, int imported, int rubricVersion, Instant from, Instant to) {
    }

    private final AgroalDataSource dataSource;
    private final ProductMirror products;
    private final RubricService rubrics;
    private final ObjectMapper mapper;

    public HistoryImport(AgroalDataSource dataSource, ProductMirror products, RubricService rubrics, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.products = products;
        this.rubrics = rubrics;
        this.mapper = mapper;
    }

    @Transactional
    public Imported importPoints(String product, List<PastPoint> points) {
        if (products.owners(List.of(product)).isEmpty()) {
            throw ApiProblem.notFound("product", product);
        }
        RubricService.Loaded rubric = rubrics.current();
        List<PastPoint> sorted = validate(points, rubric, DatabaseTime.now());
        Jdbc.update(dataSource, "import history", c -> {
            lockMirrorRow(c, product);
            Instant earliest = earliestStored(c, product);
            Instant newest = sorted.get(sorted.size() - 1).takenAt();
            if (earliest != null && !newest.isBefore(earliest)) {
                throw ApiProblem.conflict("history of '" + product + "' is stored from " + earliest
                        + "; imported points must be older than that (the newest given is " + newest + ")");
            }
            insert(c, product, rubric.version(), sorted);
        });
        return new Imported(product, sorted.size(), rubric.version(), sorted.get(0).takenAt(), sorted.get(sorted.size() - 1).takenAt());
    }

    /** Every problem of the batch, named by index and field; the points in time order if there is none. */
    private static List<PastPoint> validate(List<PastPoint> points, RubricService.Loaded rubric, Instant now) {
        if (points == null || points.isEmpty()) {
            throw ApiProblem.invalid("body", "must be a non-empty array of history points");
        }
        if (points.size() > MAX_POINTS) {
            throw ApiProblem.invalid("body", "at most " + MAX_POINTS + " points per request (got " + points.size() + ")");
        }
        Set<String> phases = rubric.rubric().phases().stream().map(Phase::id).collect(Collectors.toSet());
        Set<String> pillars = rubric.rubric().pillars().stream().map(Pillar::id).collect(Collectors.toSet());
        List<Violation> violations = new ArrayList<>();
        Map<Instant, Integer> seen = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            PastPoint p = points.get(i);
            String at = "[" + i + "]";
            if (p == null) {
                violations.add(new Violation(at, "must be a history point, not null"));
                continue;
            }
            if (p.takenAt() == null) {
                violations.add(new Violation(at + ".takenAt", "is required"));
            } else if (!p.takenAt().isBefore(now)) {
                violations.add(new Violation(at + ".takenAt", "must be in the past"));
            } else if (p.takenAt().isBefore(now.minus(OLDEST))) {
                violations.add(new Violation(at + ".takenAt", "must be within the last ten years"));
            } else {
                Integer first = seen.putIfAbsent(p.takenAt(), i);
                if (first != null) {
                    violations.add(new Violation(at + ".takenAt", "the same time as [" + first + "]"));
                }
            }
            if (p.phase() == null || !phases.contains(p.phase())) {
                violations.add(new Violation(at + ".phase", (p.phase() == null ? "is required" : "'" + p.phase()
                        + "' is not a phase") + " of rubric version " + rubric.version() + " (" + String.join(", ",
                                rubric.rubric().phases().stream().map(Phase::id).toList()) + ")"));
            }
            percent(p.score(), at + ".score", violations);
            percent(p.progress(), at + ".progress", violations);
            percent(p.nextPhaseReadiness(), at + ".nextPhaseReadiness", violations);
            if (p.meetsPhaseBar() == null) {
                violations.add(new Violation(at + ".meetsPhaseBar", "is required (true or false)"));
            } else if (p.meetsPhaseBar() && p.progress() != null && p.progress() >= 0 && p.progress() < 100) {
                // Meeting the bar is every required check met: all of the required weight.
                violations.add(new Violation(at + ".progress", "must be 100 when meetsPhaseBar is true"));
            }
            if (p.pillars() == null) {
                violations.add(new Violation(at + ".pillars", "is required: {pillar id: score}"));
            } else {
                p.pillars().forEach((pillar, score) -> {
                    if (!pillars.contains(pillar)) {
                        violations.add(new Violation(at + ".pillars." + pillar, "not a pillar of rubric version "
                                + rubric.version() + " (" + String.join(", ", rubric.rubric().pillars().stream()
                                        .map(Pillar::id).toList()) + ")"));
                    } else {
                        percent(score, at + ".pillars." + pillar, violations);
                    }
                });
            }
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        List<PastPoint> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> a.takenAt().compareTo(b.takenAt()));
        return sorted;
    }

    private static void percent(Integer value, String field, List<Violation> violations) {
        if (value != null && (value < 0 || value > 100)) {
            violations.add(new Violation(field, "must be between 0 and 100 (or null)"));
        }
    }

    private static void lockMirrorRow(Connection c, String product) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT slug FROM product WHERE slug = ? FOR NO KEY UPDATE")) {
            lock.setString(1, product);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw ApiProblem.notFound("product", product);
                }
            }
        }
    }

    private static Instant earliestStored(Connection c, String product) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT min(taken_at) FROM history WHERE product = ?")) {
            query.setString(1, product);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                Timestamp earliest = rs.getTimestamp(1);
                return earliest == null ? null : earliest.toInstant();
            }
        }
    }

    private void insert(Connection c, String product, int rubricVersion, List<PastPoint> points) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO history (product, taken_at, rubric_version, phase, score, meets_bar, next_phase_readiness,
                                     pillar_scores, progress)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
            for (PastPoint p : points) {
                insert.setString(1, product);
                insert.setTimestamp(2, Timestamp.from(p.takenAt()));
                insert.setInt(3, rubricVersion);
                insert.setString(4, p.phase());
                setInteger(insert, 5, p.score());
                insert.setBoolean(6, p.meetsPhaseBar());
                setInteger(insert, 7, p.nextPhaseReadiness());
                insert.setString(8, pillarsJson(p.pillars()));
                setInteger(insert, 9, p.progress());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** As the evaluator stores pillar scores ({pillar: {score, ...}}), with only the score known. */
    private String pillarsJson(Map<String, Integer> pillars) {
        Map<String, Map<String, Integer>> stored = new LinkedHashMap<>();
        pillars.forEach((pillar, score) -> {
            Map<String, Integer> value = new LinkedHashMap<>();
            value.put("score", score);
            stored.put(pillar, value);
        });
        try {
            return mapper.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write pillar scores", e);
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
