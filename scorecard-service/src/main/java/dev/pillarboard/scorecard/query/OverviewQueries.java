package dev.pillarboard.scorecard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.engine.Check;
import dev.pillarboard.scorecard.engine.Phase;
import dev.pillarboard.scorecard.engine.Requirement;
import dev.pillarboard.scorecard.engine.Rubric;
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
     * {@code applicable} products (by the check's own requirements). Products whose signal for the check was never
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
            Map<String, Integer> perPhase = new LinkedHashMap<>();
            int[] totals = new int[3]; // products, meeting their bar, unscorable
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT s.phase, count(*) FILTER (WHERE s.problem IS NULL), count(*) FILTER (WHERE s.meets_bar),
                        count(*) FILTER (WHERE s.problem IS NOT NULL)
                    FROM scorecard s WHERE true""" + scope + " GROUP BY s.phase")) {
                bindTeams(query, 1, teams);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        perPhase.put(rs.getString(1), rs.getInt(2));
                        totals[0] += rs.getInt(2) + rs.getInt(4);
                        totals[1] += rs.getInt(3);
                        totals[2] += rs.getInt(4);
                        if (rs.getInt(2) > 0) {
                            phases.add(new PhaseCount(rs.getString(1), rs.getInt(2), rs.getInt(3)));
                        }
                    }
                }
            }
            // In the rubric's order of phases.
            List<String> order = rubric.phases().stream().map(Phase::id).toList();
            phases.sort(Comparator.comparingInt(p -> order.indexOf(p.phase()) < 0 ? Integer.MAX_VALUE : order.indexOf(p.phase())));
            List<FailingCheck> failing = checks <= 0 ? List.of()
                    : failingChecks(c, rubric, perPhase, scope, teams, checks, language);
            return new Overview(totals[0], totals[1], totals[2], phases, failing, standings(c));
        });
    }

    private static List<FailingCheck> failingChecks(Connection c, Rubric rubric, Map<String, Integer> perPhase, String scope,
            String[] teams, int limit, String language) throws SQLException {
        List<FailingCheck> failing = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT t.check_id,
                    count(*) FILTER (WHERE t.requirement = 'required' AND t.check_status IS DISTINCT FROM 'not-connected'),
                    count(*) FILTER (WHERE t.requirement <> 'n/a' AND t.check_status IS DISTINCT FROM 'not-connected'),
                    count(*) FILTER (WHERE t.requirement <> 'n/a' AND t.check_status = 'not-connected')
                FROM task t JOIN scorecard s ON s.product = t.product
                WHERE t.status <> 'done' AND s.problem IS NULL""" + scope.replace("s.owner", "t.owner") + """
                 GROUP BY t.check_id
                HAVING count(*) FILTER (WHERE t.requirement = 'required') > 0
                ORDER BY 2 DESC, 3 DESC, 4 DESC, 1 LIMIT ?""")) {
            int i = bindTeams(query, 1, teams);
            query.setInt(i, limit);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Check check = rubric.check(rs.getString(1)).orElse(null);
                    if (check == null) {
                        continue;
                    }
                    int applicable = 0;
                    for (Map.Entry<String, Integer> phase : perPhase.entrySet()) {
                        Requirement requirement = check.requirements().get(phase.getKey());
                        if (requirement != null && requirement.isApplicable()) {
                            applicable += phase.getValue();
                        }
                    }
                    failing.add(new FailingCheck(check.id(), check.title().in(language), check.pillar(), rs.getInt(2),
                            rs.getInt(3), applicable, rs.getInt(4)));
                }
            }
        }
        return failing;
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

    private static int bindTeams(PreparedStatement query, int index, String[] teams) throws SQLException {
        if (teams.length == 0) {
            return index;
        }
        query.setArray(index, query.getConnection().createArrayOf("text", teams));
        return index + 1;
    }
}
