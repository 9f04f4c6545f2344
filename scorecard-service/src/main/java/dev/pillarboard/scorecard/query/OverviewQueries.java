package dev.pillarboard.scorecard.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.Task;
import dev.pillarboard.scorecard.engine.Check;
import dev.pillarboard.scorecard.engine.CheckOverride;
import dev.pillarboard.scorecard.engine.Phase;
import dev.pillarboard.scorecard.engine.ProductFacts;
import dev.pillarboard.scorecard.engine.Requirement;
import dev.pillarboard.scorecard.engine.Rubric;
import dev.pillarboard.scorecard.engine.Status;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.agroal.api.AgroalDataSource;

/**
 * The organisation at a glance, from a few aggregate statements over the stored results (never one per product):
 * products per phase and how many meet their bar, the checks failing most often where they are required (from the
 * open tasks: an open P1 task is a required check not met), the teams ranked by their products' distance to their
 * own phase bars.
 */
@ApplicationScoped
public class OverviewQueries {

    /** {@code GET /api/overview}. */
    public record Overview(int products, int meetingBar, int unscorable, List<PhaseCount> phases,
            List<FailingCheck> failingChecks, List<TeamStanding> teams) {
    }

    public record PhaseCount(String phase, int products, int meetingBar) {
    }

    /**
     * A check and how often it is not met: {@code failingRequired} where the product's phase requires it (open tasks
     * of a required check: P1, or P2 within the grace of a newly required check), {@code failing} where it applies
     * at all (required or recommended now; not the tasks of checks only the next phase requires), out of
     * {@code applicable} products (those whose phase, by the rule that applies to each — a tier's or a tag's override,
     * or the check's own — makes the check required or recommended). Products whose signal for the check was never
     * pushed are counted apart, in {@code notConnected}: they need connecting, not fixing. The checks listed are
     * those required and not met somewhere.
     */
    public record FailingCheck(String check, String title, String pillar, int failingRequired, int failing,
            int applicable, int notConnected) {
    }

    /**
     * A team's standing: ranked by the average number of required checks its products still miss for their own
     * phases (fewest first), then by the share of its products at their bar, then by average progress.
     */
    public record TeamStanding(int rank, String team, String name, int products, int meetingBar, int distance,
            double averageDistance, Integer progress, int notConnected) {
    }

    private final AgroalDataSource dataSource;
    private final RubricService rubrics;

    public OverviewQueries(AgroalDataSource dataSource, RubricService rubrics) {
        this.dataSource = dataSource;
        this.rubrics = rubrics;
    }

    /** The overview, of some teams (empty: all); at most {@code checks} failing checks, titled in {@code language}. */
    public Overview overview(List<String> owners, int checks, String language) {
        Rubric rubric = rubrics.current().rubric();
        String[] teams = owners.toArray(String[]::new);
        String scope = owners.isEmpty() ? "" : " AND s.owner = ANY(?)";
        return Jdbc.query(dataSource, "read the overview", c -> {
            List<PhaseCount> phases = new ArrayList<>();
            List<ProductGroup> perPhase = new ArrayList<>();
            int[] totals = new int[3]; // products, meeting their bar, unscorable
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT s.phase, count(*) FILTER (WHERE s.problem IS NULL), count(*) FILTER (WHERE s.meets_bar),
                        count(*) FILTER (WHERE s.problem IS NOT NULL)
                    FROM scorecard s WHERE true""" + scope + " GROUP BY s.phase")) {
                Jdbc.bind(query, params(List.of(), teams));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        totals[0] += rs.getInt(2) + rs.getInt(4);
                        totals[1] += rs.getInt(3);
                        totals[2] += rs.getInt(4);
                        if (rs.getInt(2) > 0) {
                            perPhase.add(new ProductGroup(ProductFacts.builder("", rs.getString(1)).build(), rs.getInt(2)));
                            phases.add(new PhaseCount(rs.getString(1), rs.getInt(2), rs.getInt(3)));
                        }
                    }
                }
            }
            // In the rubric's order of phases.
            List<String> order = rubric.phases().stream().map(Phase::id).toList();
            phases.sort(Comparator.comparingInt(p -> order.indexOf(p.phase()) < 0 ? Integer.MAX_VALUE : order.indexOf(p.phase())));
            List<FailingCheck> failing = checks <= 0 ? List.of() : failingChecks(c, rubric, perPhase, scope, teams, checks,
                    language);
            return new Overview(totals[0], totals[1], totals[2], phases, failing, standings(c));
        });
    }

    private static List<FailingCheck> failingChecks(Connection c, Rubric rubric, List<ProductGroup> perPhase, String scope,
            String[] teams, int limit, String language) throws SQLException {
        List<FailingCheck> failing = new ArrayList<>();
        List<ProductGroup> byRule = null;
        try (PreparedStatement query = c.prepareStatement("""
                SELECT t.check_id,
                    count(*) FILTER (WHERE t.requirement = ? AND t.check_status IS DISTINCT FROM ?),
                    count(*) FILTER (WHERE t.requirement <> ? AND t.check_status IS DISTINCT FROM ?),
                    count(*) FILTER (WHERE t.requirement <> ? AND t.check_status = ?)
                FROM task t JOIN scorecard s ON s.product = t.product
                WHERE t.status <> ? AND s.problem IS NULL""" + scope.replace("s.owner", "t.owner") + """
                 GROUP BY t.check_id
                HAVING count(*) FILTER (WHERE t.requirement = ?) > 0
                ORDER BY 2 DESC, 3 DESC, 4 DESC, 1 LIMIT ?""")) {
            String required = Requirement.REQUIRED.label();
            String notApplicable = Requirement.NOT_APPLICABLE.label();
            String notConnected = Status.NOT_CONNECTED.label();
            Jdbc.bind(query, params(List.of(required, notConnected, notApplicable, notConnected, notApplicable, notConnected,
                    Task.DONE), teams, required, limit));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Check check = rubric.check(rs.getString(1)).orElse(null);
                    if (check == null) {
                        continue;
                    }
                    List<ProductGroup> groups = perPhase;
                    if (overridesApplicability(check)) {
                        if (byRule == null) {
                            byRule = byRule(c, rubric, scope, teams);
                        }
                        groups = byRule;
                    }
                    failing.add(new FailingCheck(check.id(), check.title().in(language), check.pillar(), rs.getInt(2),
                            rs.getInt(3), applicable(check, groups), rs.getInt(4)));
                }
            }
        }
        return failing;
    }

    /**
     * Scored products alike for the rubric's rules: the same phase, and (read only when a check needs them) the same
     * tier and the same of the tags the rubric's overrides name.
     */
    private record ProductGroup(ProductFacts facts, int products) {
    }

    /**
     * Whether an override of the check makes it apply where the check itself does not, or the other way round, so
     * that its applicable products depend on their tiers or tags, not on their phases alone. (No override of the
     * default rubric does: they raise recommended to required.)
     */
    private static boolean overridesApplicability(Check check) {
        for (CheckOverride override : check.overrides()) {
            for (Map.Entry<String, Requirement> changed : override.requirements().entrySet()) {
                Requirement own = check.requirements().get(changed.getKey());
                if (own != null && own.isApplicable() != changed.getValue().isApplicable()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<ProductGroup> byRule(Connection c, Rubric rubric, String scope, String[] teams) throws SQLException {
        String[] tags = rubric.checks().stream().flatMap(check -> check.overrides().stream())
                .flatMap(override -> override.when().tags().stream()).distinct().toArray(String[]::new);
        List<ProductGroup> groups = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT s.phase, p.tier, CASE WHEN p.tags && ?
                        THEN ARRAY(SELECT DISTINCT tag FROM unnest(p.tags) tag WHERE tag = ANY(?) ORDER BY tag) END,
                    count(*)
                FROM scorecard s LEFT JOIN product p ON p.slug = s.product
                WHERE s.problem IS NULL""" + scope + " GROUP BY 1, 2, 3")) {
            Jdbc.bind(query, params(List.of(tags, tags), teams));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    int tier = rs.getInt(2);
                    ProductFacts.Builder facts = ProductFacts.builder("", rs.getString(1)).tier(rs.wasNull() ? null : tier);
                    Array tagged = rs.getArray(3);
                    if (tagged != null) {
                        facts.tags((String[]) tagged.getArray());
                    }
                    groups.add(new ProductGroup(facts.build(), rs.getInt(4)));
                }
            }
        }
        return groups;
    }

    /** How many scored products the check applies to, by the rule that applies to each (its override's or its own). */
    private static int applicable(Check check, List<ProductGroup> groups) {
        int applicable = 0;
        for (ProductGroup group : groups) {
            String phase = group.facts().phase();
            if (!check.requirements().containsKey(phase)) {
                continue; // a phase the rubric in force no longer has, until the product is scored again
            }
            if (check.requirementIn(phase, check.overrideFor(group.facts())).isApplicable()) {
                applicable += group.products();
            }
        }
        return applicable;
    }

    private static List<TeamStanding> standings(Connection c) throws SQLException {
        List<TeamStanding> teams = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT s.owner, t.name, count(*), count(*) FILTER (WHERE s.meets_bar), sum(s.bar_gaps),
                    avg(s.bar_gaps), round(avg(s.progress)), coalesce(sum(s.not_connected), 0)
                FROM scorecard s LEFT JOIN team t ON t.slug = s.owner
                WHERE s.problem IS NULL
                GROUP BY s.owner, t.name
                ORDER BY avg(s.bar_gaps), count(*) FILTER (WHERE s.meets_bar)::float / count(*) DESC,
                    avg(s.progress) DESC NULLS LAST, s.owner""");
                ResultSet rs = query.executeQuery()) {
            int rank = 0;
            while (rs.next()) {
                double average = Math.round(rs.getDouble(6) * 10) / 10.0;
                int progress = rs.getInt(7);
                Integer shown = rs.wasNull() ? null : progress;
                teams.add(new TeamStanding(++rank, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        average, shown, rs.getInt(8)));
            }
        }
        return teams;
    }

    /** A statement's parameters: {@code before}, the teams when the overview is of some teams, then {@code after}. */
    private static List<Object> params(List<?> before, String[] teams, Object... after) {
        List<Object> params = new ArrayList<>(before);
        if (teams.length > 0) {
            params.add(teams);
        }
        params.addAll(List.of(after));
        return params;
    }
}
