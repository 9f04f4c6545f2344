package dev.pillarboard.scorecard.query;

import static dev.pillarboard.scorecard.query.Rows.bool;
import static dev.pillarboard.scorecard.query.Rows.instant;
import static dev.pillarboard.scorecard.query.Rows.integer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.request.SortParam;
import dev.pillarboard.scorecard.StoredCheck;
import dev.pillarboard.scorecard.engine.Check;
import dev.pillarboard.scorecard.engine.CheckOverride;
import dev.pillarboard.scorecard.engine.Status;
import dev.pillarboard.scorecard.engine.Phase;
import dev.pillarboard.scorecard.engine.Pillar;
import dev.pillarboard.scorecard.engine.Readiness;
import dev.pillarboard.scorecard.engine.Reasons;
import dev.pillarboard.scorecard.engine.Rubric;
import dev.pillarboard.scorecard.engine.Scorecard;
import dev.pillarboard.scorecard.evaluation.EvaluationInputs;
import dev.pillarboard.scorecard.query.ScorecardViews.CheckResultView;
import dev.pillarboard.scorecard.query.ScorecardViews.Full;
import dev.pillarboard.scorecard.query.ScorecardViews.GapView;
import dev.pillarboard.scorecard.query.ScorecardViews.History;
import dev.pillarboard.scorecard.query.ScorecardViews.HistoryPoint;
import dev.pillarboard.scorecard.query.ScorecardViews.LastReview;
import dev.pillarboard.scorecard.query.ScorecardViews.OpenTasks;
import dev.pillarboard.scorecard.query.ScorecardViews.PillarView;
import dev.pillarboard.scorecard.query.ScorecardViews.ReadinessView;
import dev.pillarboard.scorecard.query.ScorecardViews.RuleView;
import dev.pillarboard.scorecard.query.ScorecardViews.Summary;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.agroal.api.AgroalDataSource;

/** The read side of one product or a list of them: stored scorecards, history and readiness (computed on the fly). */
@ApplicationScoped
public class ScorecardQueries {

    /**
     * Filters of the scorecard list; null (or an empty list) means any. {@code owners} may name several teams;
     * {@code q} searches slug, name and description; {@code check} adds that check's status to each summary.
     */
    public record ScorecardFilter(List<String> owners, String phase, String pillar, Boolean meetsBar, Boolean reviewDue,
            String check, Integer tier, String q) {

        public ScorecardFilter {
            owners = owners == null ? List.of() : List.copyOf(owners);
        }
    }

    private static final int MAX_HISTORY = 1000;
    private static final TypeReference<Map<String, Map<String, Object>>> PILLARS = new TypeReference<>() {
    };
    private static final List<String> SORT_KEYS = List.of("product", "name", "score", "progress", "distance", "readiness",
            "openTasks", "evaluatedAt");
    /**
     * ORDER BY per sort key: %1$s is the direction, %3$s the opposite one (a descending sort is the exact reverse of
     * the ascending one), %2$s the score expression. Names compare ignoring case, as the catalog sorts them. Equal
     * distance puts the product further along first; equal progress the one with more required checks missing.
     */
    private static final Map<String, String> SORTS = Map.of(
            "product", "s.product %1$s",
            "name", "lower(p.name) %1$s NULLS LAST, s.product %1$s",
            "score", "%2$s %1$s NULLS LAST, s.product %1$s",
            "progress", "s.progress %1$s NULLS LAST, s.bar_gaps %3$s NULLS LAST, s.product %1$s",
            "distance", "s.bar_gaps %1$s NULLS LAST, s.progress %3$s NULLS LAST, s.product %1$s",
            "readiness", "s.next_phase_readiness %1$s NULLS LAST, s.product %1$s",
            "openTasks", "(s.open_p1 + s.open_p2 + s.open_p3) %1$s, s.product %1$s",
            "evaluatedAt", "s.evaluated_at %1$s, s.product %1$s");

    private final AgroalDataSource dataSource;
    private final RubricService rubrics;
    private final EvaluationInputs inputs;
    private final ObjectMapper mapper;

    public ScorecardQueries(AgroalDataSource dataSource, RubricService rubrics, EvaluationInputs inputs, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.rubrics = rubrics;
        this.inputs = inputs;
        this.mapper = mapper;
    }

    // ---- list ----------------------------------------------------------------------------------

    /** A page of summaries, with pillar titles in {@code language} (English where the rubric has no such version). */
    public Page<Summary> list(ScorecardFilter filter, String sort, int page, int size, String language) {
        Rubric current = rubrics.current().rubric();
        List<Object> params = new ArrayList<>();
        String scoreExpr = "s.score";
        String barExpr = "s.meets_bar";
        if (filter.pillar() != null) {
            if (current.pillar(filter.pillar()).isEmpty()) {
                throw ApiProblem.invalid("pillar", "unknown pillar '" + filter.pillar() + "'; pillars are "
                        + String.join(", ", current.pillars().stream().map(Pillar::id).toList()));
            }
            String key = filter.pillar().replace("'", "''");
            scoreExpr = "(s.pillar_scores -> '" + key + "' ->> 'score')::int";
            barExpr = "(s.pillar_scores -> '" + key + "' ->> 'meetsPhaseBar')::boolean";
        }
        if (filter.check() != null && current.check(filter.check()).isEmpty()) {
            throw ApiProblem.invalid("check", "unknown check '" + filter.check() + "' in rubric version "
                    + rubrics.current().version());
        }
        StringBuilder where = new StringBuilder(" WHERE true");
        if (!filter.owners().isEmpty()) {
            where.append(" AND s.owner = ANY(?)");
            params.add(filter.owners().toArray(String[]::new));
        }
        if (filter.phase() != null) {
            where.append(" AND s.phase = ?");
            params.add(filter.phase());
        }
        if (filter.meetsBar() != null) {
            where.append(" AND ").append(barExpr).append(" = ?");
            params.add(filter.meetsBar());
        }
        if (filter.tier() != null) {
            where.append(" AND p.tier = ?");
            params.add(filter.tier());
        }
        if (filter.q() != null) {
            where.append(" AND (p.slug ILIKE ? ESCAPE '\\' OR p.name ILIKE ? ESCAPE '\\' OR p.description ILIKE ? ESCAPE '\\')");
            String like = "%" + filter.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (filter.reviewDue() != null) {
            // Due when never reviewed, or last reviewed a review interval (of the rubric in force) ago or more.
            where.append(filter.reviewDue() ? " AND " : " AND NOT ").append("""
                    COALESCE((SELECT max(r.reviewed_at) FROM review r WHERE r.product = s.product) <= ?, true)""");
            params.add(Timestamp.from(DatabaseTime.now().minus(Duration.ofDays(current.reviewIntervalDays()))));
        }
        String orderBy = orderBy(sort, scoreExpr);
        // With check=, that check's status and reason from the stored results.
        String checkResult = filter.check() == null ? ""
                : " LEFT JOIN LATERAL (SELECT e ->> 'status' AS status, e ->> 'reason' AS reason"
                        + " FROM jsonb_array_elements(s.checks::jsonb) e WHERE e ->> 'id' = ? LIMIT 1) c ON true";
        String checkColumns = filter.check() == null ? "NULL::text, NULL::text" : "c.status, c.reason";
        // The catalog's mirror is joined only where a filter or the sort needs it.
        boolean byProduct = filter.tier() != null || filter.q() != null || orderBy.contains("p.name");
        String from = " FROM scorecard s" + (byProduct ? " LEFT JOIN product p ON p.slug = s.product" : "");
        List<Summary> items = new ArrayList<>();
        // The page's keys first (a narrow sort, however deep the page), then the wide rows of those only.
        String sql = "WITH page AS MATERIALIZED (SELECT s.product" + from + where + " ORDER BY " + orderBy
                + " LIMIT ? OFFSET ?)" + """
                SELECT s.product, s.owner, s.phase, s.rubric_version, s.problem, s.score, s.meets_bar, s.bar_gaps,
                    s.next_phase, s.next_phase_readiness, s.pillar_scores::text, s.open_p1, s.open_p2, s.open_p3,
                    s.evaluated_at, (SELECT max(r.reviewed_at) FROM review r WHERE r.product = s.product),
                    p.name, p.tier, s.progress, s.required_checks, s.extra_credit, s.not_connected, s.insufficient_data,\s""" + checkColumns
                + " FROM page JOIN scorecard s ON s.product = page.product LEFT JOIN product p ON p.slug = s.product" + checkResult
                + " ORDER BY " + orderBy;
        long total = Jdbc.query(dataSource, "list scorecards", c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                int i = Jdbc.bind(query, params);
                query.setInt(i++, size);
                query.setLong(i++, (long) page * size);
                if (filter.check() != null) {
                    query.setString(i, filter.check());
                }
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        items.add(summary(rs, language));
                    }
                }
            }
            if (page == 0 && items.size() < size) {
                return (long) items.size();
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*)" + from + where)) {
                Jdbc.bind(count, params);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Page<>(items, total);
    }

    private static String orderBy(String sort, String scoreExpr) {
        SortParam order = SortParam.parse(sort, "product", SORT_KEYS);
        String opposite = "ASC".equals(order.direction()) ? "DESC" : "ASC";
        return SORTS.get(order.key()).formatted(order.direction(), scoreExpr, opposite);
    }

    private Summary summary(ResultSet rs, String language) throws SQLException {
        RubricService.Loaded rubric = rubrics.version(rs.getInt(4));
        Instant lastReview = instant(rs.getTimestamp(16));
        Instant now = DatabaseTime.now();
        return new Summary(rs.getString(1), rs.getString(17), rs.getString(2), rs.getString(3), integer(rs, 18),
                rs.getInt(4), integer(rs, 6), integer(rs, 19), bool(rs, 7), integer(rs, 8), integer(rs, 20), rs.getString(9),
                integer(rs, 10), pillars(rubric.rubric(), rs.getString(11), language),
                OpenTasks.of(rs.getInt(12), rs.getInt(13), rs.getInt(14)), reviewDue(rubric.rubric(), lastReview, now),
                lastReview, instant(rs.getTimestamp(15)), rs.getString(5), rs.getString(24), integer(rs, 21), integer(rs, 22),
                integer(rs, 23), Reasons.in(rs.getString(25), language, rubric.rubric()));
    }

    // ---- one scorecard ----------------------------------------------------------------------------

    /** One product's full scorecard, its texts in {@code language} (English where the rubric has no such version). */
    public Full get(String product, String language) {
        return Jdbc.query(dataSource, "read the scorecard", c -> {
            try (PreparedStatement query = c.prepareStatement("""
                            SELECT s.owner, s.phase, s.rubric_version, s.problem, s.score, s.meets_bar, s.bar_gaps, s.next_phase,
                                s.next_phase_readiness, s.pillar_scores::text, s.checks, s.open_p1, s.open_p2, s.open_p3,
                                s.evaluated_at, s.changed_at, p.name, s.progress, s.required_checks, s.extra_credit,
                                s.not_connected, s.insufficient_data
                            FROM scorecard s LEFT JOIN product p ON p.slug = s.product WHERE s.product = ?""")) {
                query.setString(1, product);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        throw notScored(c, product);
                    }
                    if (rs.getString(4) != null) {
                        throw unscorable(product, rs.getString(4));
                    }
                    RubricService.Loaded loaded = rubrics.version(rs.getInt(3));
                    Rubric rubric = loaded.rubric();
                    String phase = rs.getString(2);
                    String nextPhase = rs.getString(8);
                    Instant evaluatedAt = instant(rs.getTimestamp(15));
                    List<CheckResultView> checks = new ArrayList<>();
                    for (StoredCheck stored : Rows.checks(mapper, rs.getString(11))) {
                        Check check = rubric.check(stored.id()).orElse(null);
                        int override = stored.override() == null ? -1 : stored.override();
                        CheckOverride applied = check == null ? null : check.override(override);
                        String connect = check == null || !Status.NOT_CONNECTED.label().equals(stored.outcome()) ? null
                                : rubric.howToConnect(check.evidenceFor(override), product, evaluatedAt).in(language);
                        checks.add(new CheckResultView(stored.id(), check == null ? null : check.pillar(),
                                check == null ? stored.id() : check.title().in(language), check == null ? 0 : check.weight(),
                                stored.status(), stored.outcome(), check == null ? null : label(check, phase, override),
                                check == null || nextPhase == null ? null : label(check, nextPhase, override), stored.priority(),
                                Reasons.in(stored.reason(), language, rubric), stored.evidence(), stored.waiver(), evaluatedAt,
                                applied == null ? null : new RuleView(override, applied.label(), applied.why().in(language)),
                                stored.graceUntil(), connect));
                    }
                    LastReview review = lastReview(c, product);
                    Instant now = DatabaseTime.now();
                    Instant dueAt = review == null ? null : review.reviewedAt().plus(Duration.ofDays(rubric.reviewIntervalDays()));
                    return new Full(product, rs.getString(17), rs.getString(1), phase, nextPhase, loaded.version(),
                            integer(rs, 5), integer(rs, 18), rs.getBoolean(6), rs.getInt(7), integer(rs, 19), integer(rs, 9),
                            pillars(rubric, rs.getString(10), language),
                            checks, OpenTasks.of(rs.getInt(12), rs.getInt(13), rs.getInt(14)), dueAt == null || !now.isBefore(dueAt),
                            dueAt, review, evaluatedAt, instant(rs.getTimestamp(16)), integer(rs, 20), integer(rs, 21),
                            integer(rs, 22), language);
                }
            }
        });
    }

    /** The requirement in a phase under the override that applied (-1: none), or null if the rubric lacks the phase. */
    private static String label(Check check, String phase, int override) {
        return check.requirements().containsKey(phase) ? check.requirementIn(phase, override).label() : null;
    }

    private static ApiProblem notScored(Connection c, String product) throws SQLException {
        try (PreparedStatement known = c.prepareStatement("SELECT 1 FROM product WHERE slug = ?")) {
            known.setString(1, product);
            try (ResultSet rs = known.executeQuery()) {
                if (rs.next()) {
                    return new ApiProblem(404, "not-evaluated-yet", "Not evaluated yet",
                            "The product '" + product + "' has not been evaluated yet; its scorecard appears within seconds", null);
                }
            }
        }
        return ApiProblem.notFound("product", product);
    }

    private static ApiProblem unscorable(String product, String problem) {
        return new ApiProblem(409, "unscorable", "Cannot be scored",
                "The scorecard of '" + product + "' cannot be computed: " + problem
                        + ". Move the product to a phase the rubric defines, or publish a rubric that defines its phase.",
                null);
    }

    private LastReview lastReview(Connection c, String product) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT id, decision, comment, reviewed_by, reviewed_at, rubric_version FROM review
                WHERE product = ? ORDER BY reviewed_at DESC, id DESC LIMIT 1""")) {
            query.setString(1, product);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? new LastReview(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getInt(6)) : null;
            }
        }
    }

    // ---- history ---------------------------------------------------------------------------------

    /** A product's history between {@code from} and {@code to} (the REST layer keeps both within its bounds). */
    public History history(String product, Instant from, Instant to) {
        Instant now = DatabaseTime.now();
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(Duration.ofDays(90)) : from;
        if (start.isAfter(end)) {
            throw ApiProblem.invalid("from", "must not be after to (" + start + " is after " + end + ")");
        }
        List<HistoryPoint> points = new ArrayList<>();
        Jdbc.update(dataSource, "read history", c -> {
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT taken_at, rubric_version, phase, score, meets_bar, next_phase_readiness, pillar_scores::text,
                        progress
                    FROM history WHERE product = ? AND taken_at >= ? AND taken_at <= ? ORDER BY taken_at, id LIMIT ?""")) {
                query.setString(1, product);
                query.setTimestamp(2, Timestamp.from(start));
                query.setTimestamp(3, Timestamp.from(end));
                query.setInt(4, MAX_HISTORY + 1);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Integer> scores = new LinkedHashMap<>();
                        readPillars(rs.getString(7)).forEach((pillar, values) -> scores.put(pillar,
                                values.get("score") instanceof Number n ? n.intValue() : null));
                        points.add(new HistoryPoint(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getString(3),
                                integer(rs, 4), integer(rs, 8), rs.getBoolean(5), integer(rs, 6), scores));
                    }
                }
            }
            if (points.isEmpty()) {
                try (PreparedStatement known = c.prepareStatement(
                        "SELECT 1 FROM product WHERE slug = ? UNION ALL SELECT 1 FROM history WHERE product = ? LIMIT 1")) {
                    known.setString(1, product);
                    known.setString(2, product);
                    try (ResultSet rs = known.executeQuery()) {
                        if (!rs.next()) {
                            throw ApiProblem.notFound("product", product);
                        }
                    }
                }
            }
        });
        boolean truncated = points.size() > MAX_HISTORY;
        return new History(product, start, end, truncated ? points.subList(0, MAX_HISTORY) : points, truncated);
    }

    // ---- readiness -------------------------------------------------------------------------------

    /** What must change for the product to meet a phase's bar, computed from the current inputs. */
    public ReadinessView readiness(String product, String targetPhase, String language) {
        EvaluationInputs.Inputs inputs = this.inputs.of(product).orElseThrow(() -> ApiProblem.notFound("product", product));
        Rubric rubric = inputs.rubric().rubric();
        if (rubric.phase(targetPhase).isEmpty()) {
            throw new ApiProblem(404, "unknown-phase", "Unknown phase", "Rubric version " + inputs.rubric().version()
                    + " has no phase '" + targetPhase + "'; its phases are "
                    + String.join(", ", rubric.phases().stream().map(Phase::id).toList()), null);
        }
        Scorecard card;
        try {
            card = inputs.rubric().engine().evaluate(inputs.product(), inputs.evidence(), inputs.now());
        } catch (IllegalArgumentException e) {
            throw unscorable(product, e.getMessage());
        }
        Readiness readiness = inputs.rubric().engine().readiness(card, targetPhase);
        List<GapView> gaps = readiness.gaps().stream().map(gap -> new GapView(gap.checkId(), gap.pillar(),
                gap.title().in(language), gap.weight(), gap.outcome().label(), Reasons.in(gap.reason(), language, rubric), gap.fix().in(language))).toList();
        return new ReadinessView(product, readiness.currentPhase(), targetPhase, inputs.rubric().version(), readiness.meets(),
                readiness.readiness(), readiness.requiredChecks(), readiness.satisfiedChecks(), gaps, inputs.now(), language);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private List<PillarView> pillars(Rubric rubric, String json, String language) {
        Map<String, Map<String, Object>> stored = readPillars(json);
        List<PillarView> pillars = new ArrayList<>();
        for (Pillar pillar : rubric.pillars()) {
            Map<String, Object> values = stored.get(pillar.id());
            if (values == null) {
                continue;
            }
            pillars.add(new PillarView(pillar.id(), pillar.title().in(language), number(values.get("score")),
                    values.get("meetsPhaseBar") instanceof Boolean b ? b : null, number(values.get("nextPhaseReadiness")),
                    number(values.get("distance")), number(values.get("progress")), number(values.get("extraCredit"))));
        }
        return pillars;
    }

    private Map<String, Map<String, Object>> readPillars(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, PILLARS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt pillar scores", e);
        }
    }

    static boolean reviewDue(Rubric rubric, Instant lastReview, Instant now) {
        return lastReview == null || !now.isBefore(lastReview.plus(Duration.ofDays(rubric.reviewIntervalDays())));
    }

    private static Integer number(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }
}
