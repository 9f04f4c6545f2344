package dev.pillarboard.scorecard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.scorecard.engine.Check;
import dev.pillarboard.scorecard.engine.Rubric;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.agroal.api.AgroalDataSource;

/**
 * What changed in a product's scorecard since an instant, usually its last review: the checks whose status flipped
 * (a review keeps the status of every check when it is signed off), tasks opened (or reopened) and closed, waivers
 * granted, and phase changes. A team lead reads it before signing off again.
 */
@ApplicationScoped
public class ReviewChanges {

    /** {@code GET /api/scorecards/{product}/changes}. {@code checksRecorded} is false when the review predates snapshots. */
    public record Changes(String product, Instant since, Long reviewId, boolean checksRecorded, List<CheckChange> checks,
            List<TaskChange> tasksOpened, List<TaskChange> tasksClosed, List<WaiverGranted> waiversGranted,
            List<PhaseChange> phases) {
    }

    public record CheckChange(String check, String title, String pillar, String from, String to) {
    }

    public record TaskChange(long id, String check, String title, String priority, String status, Instant at) {
    }

    public record WaiverGranted(long id, String check, String reason, String decidedBy, Instant decidedAt,
            Instant expiresAt) {
    }

    public record PhaseChange(Instant at, String from, String to) {
    }

    private static final TypeReference<Map<String, String>> STATUSES = new TypeReference<>() {
    };
    private static final int MAX_ITEMS = 200;

    private final AgroalDataSource dataSource;
    private final RubricService rubrics;
    private final ObjectMapper mapper;

    public ReviewChanges(AgroalDataSource dataSource, RubricService rubrics, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.rubrics = rubrics;
        this.mapper = mapper;
    }

    /**
     * Changes since {@code since}; without it, since the product's last review (and with no review at all, a 404
     * problem saying so). Check flips compare the statuses kept by the latest review signed off at or before that
     * instant with the current results.
     */
    public Changes since(String product, Instant since, String language) {
        return Jdbc.query(dataSource, "read the changes", c -> {
            Map<String, String> current = currentStatuses(c, product);
            if (current == null) {
                throw ApiProblem.notFound("scorecard", product);
            }
            Long reviewId = null;
            Instant reviewedAt = null;
            String snapshot = null;
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT id, reviewed_at, checks::text FROM review WHERE product = ? AND reviewed_at <= ?
                    ORDER BY reviewed_at DESC, id DESC LIMIT 1""")) {
                query.setString(1, product);
                query.setTimestamp(2, Timestamp.from(since == null ? DatabaseTime.now() : since));
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        reviewId = rs.getLong(1);
                        reviewedAt = rs.getTimestamp(2).toInstant();
                        snapshot = rs.getString(3);
                    }
                }
            }
            Instant from = since != null ? since : reviewedAt;
            if (from == null) {
                throw new ApiProblem(404, "never-reviewed", "Never reviewed",
                        "The product '" + product + "' has no review yet; give since= to see the changes since an instant",
                        null);
            }
            Rubric rubric = rubrics.current().rubric();
            List<CheckChange> checks = new ArrayList<>();
            if (snapshot != null) {
                Map<String, String> then = read(snapshot);
                // In rubric order (the stored statuses come in jsonb's key order), then any check the rubric lacks.
                Map<String, String> ordered = new LinkedHashMap<>();
                for (Check check : rubric.checks()) {
                    if (current.containsKey(check.id())) {
                        ordered.put(check.id(), current.get(check.id()));
                    }
                }
                current.forEach(ordered::putIfAbsent);
                ordered.forEach((id, status) -> {
                    String before = then.get(id);
                    if (before != null && !before.equals(status)) {
                        Check check = rubric.check(id).orElse(null);
                        checks.add(new CheckChange(id, rubric.titleOf(id, language, id), check == null ? null : check.pillar(),
                                before, status));
                    }
                });
            }
            return new Changes(product, from, reviewId, snapshot != null, checks,
                    tasks(c, product, from, true, rubric, language), tasks(c, product, from, false, rubric, language),
                    waivers(c, product, from), phases(c, product, from));
        });
    }

    /**
     * Tasks opened or reopened since (opened), or closed since and still done (closed), titled as the rubric titles
     * their checks in {@code language} (the title they were opened with where it no longer has the check).
     */
    private static List<TaskChange> tasks(Connection c, String product, Instant since, boolean opened, Rubric rubric,
            String language) throws SQLException {
        String sql = opened ? """
                SELECT id, check_id, title, priority, status, greatest(created_at, coalesce(reopened_at, created_at))
                FROM task WHERE product = ? AND greatest(created_at, coalesce(reopened_at, created_at)) > ?
                ORDER BY priority, check_id LIMIT ?"""
                : """
                SELECT id, check_id, title, priority, status, closed_at
                FROM task WHERE product = ? AND status = 'done' AND closed_at > ?
                ORDER BY closed_at DESC, id LIMIT ?""";
        List<TaskChange> tasks = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, product);
            query.setTimestamp(2, Timestamp.from(since));
            query.setInt(3, MAX_ITEMS);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String check = rs.getString(2);
                    tasks.add(new TaskChange(rs.getLong(1), check, rubric.titleOf(check, language, rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return tasks;
    }

    private static List<WaiverGranted> waivers(Connection c, String product, Instant since) throws SQLException {
        List<WaiverGranted> waivers = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT id, check_id, reason, decided_by, decided_at, expires_at FROM waiver
                WHERE product = ? AND status = 'approved' AND decided_at > ? ORDER BY decided_at DESC, id LIMIT ?""")) {
            query.setString(1, product);
            query.setTimestamp(2, Timestamp.from(since));
            query.setInt(3, MAX_ITEMS);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    waivers.add(new WaiverGranted(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return waivers;
    }

    private static List<PhaseChange> phases(Connection c, String product, Instant since) throws SQLException {
        List<PhaseChange> phases = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT taken_at, before, phase FROM (
                    SELECT taken_at, phase, lag(phase) OVER (ORDER BY taken_at, id) AS before FROM history
                    WHERE product = ? AND taken_at >= coalesce(
                        (SELECT max(taken_at) FROM history WHERE product = ? AND taken_at <= ?), ?)) points
                WHERE taken_at > ? AND before IS NOT NULL AND before <> phase ORDER BY taken_at""")) {
            Timestamp at = Timestamp.from(since);
            query.setString(1, product);
            query.setString(2, product);
            query.setTimestamp(3, at);
            query.setTimestamp(4, at);
            query.setTimestamp(5, at);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    phases.add(new PhaseChange(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return phases;
    }

    /** {check: status} of the stored results, or null when the product has no scorecard. */
    private Map<String, String> currentStatuses(Connection c, String product) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT jsonb_object_agg(e ->> 'id', e ->> 'status')
                FROM scorecard s, jsonb_array_elements(s.checks::jsonb) e WHERE s.product = ?""")) {
            query.setString(1, product);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return null;
                }
                return read(rs.getString(1));
            }
        }
    }

    private Map<String, String> read(String json) {
        try {
            return mapper.readValue(json, STATUSES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt check statuses", e);
        }
    }
}
