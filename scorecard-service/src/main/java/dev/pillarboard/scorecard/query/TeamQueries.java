package dev.pillarboard.scorecard.query;

import static dev.pillarboard.scorecard.query.Rows.bool;
import static dev.pillarboard.scorecard.query.Rows.integer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.query.ScorecardViews.OpenTasks;
import dev.pillarboard.scorecard.query.ScorecardViews.TeamProduct;
import dev.pillarboard.scorecard.query.ScorecardViews.TeamRef;
import dev.pillarboard.scorecard.query.ScorecardViews.TeamSummary;
import dev.pillarboard.scorecard.query.ScorecardViews.TeamTotals;
import io.agroal.api.AgroalDataSource;

/** One team's reads: its products where they stand now, and its trend per day. */
@ApplicationScoped
public class TeamQueries {

    /** {@code GET /api/teams/{slug}/history}: one point a day, from each product's latest history point of that day. */
    public record TeamHistory(String team, LocalDate from, LocalDate to, List<TeamPoint> items) {
    }

    public record TeamPoint(LocalDate day, int products, int meetingBar, Integer progress, Integer score) {
    }

    private final AgroalDataSource dataSource;

    public TeamQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code GET /api/teams/{slug}/summary}: the team's products with their standing, and totals. */
    public TeamSummary summary(String slug) {
        return Jdbc.query(dataSource, "read the team summary", c -> {
            TeamRef team;
            try (PreparedStatement query = c.prepareStatement("SELECT slug, name FROM team WHERE slug = ?")) {
                query.setString(1, slug);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiProblem.notFound("team", slug);
                    }
                    team = new TeamRef(rs.getString(1), rs.getString(2));
                }
            }
            List<TeamProduct> products = new ArrayList<>();
            int meeting = 0;
            int scored = 0;
            long scoreSum = 0;
            int progressed = 0;
            long progressSum = 0;
            int unconnected = 0;
            int tooLittle = 0;
            int[] open = new int[3];
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT p.slug, p.name, p.phase, s.score, s.meets_bar, s.bar_gaps, s.next_phase, s.next_phase_readiness,
                        s.open_p1, s.open_p2, s.open_p3, s.problem, s.product IS NOT NULL, s.progress, s.extra_credit,
                        s.not_connected, s.insufficient_data
                    FROM product p LEFT JOIN scorecard s ON s.product = p.slug
                    WHERE p.owner = ? ORDER BY p.slug""")) {
                query.setString(1, slug);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Integer score = integer(rs, 4);
                        Boolean meets = bool(rs, 5);
                        OpenTasks tasks = OpenTasks.of(rs.getInt(9), rs.getInt(10), rs.getInt(11));
                        Integer progress = integer(rs, 14);
                        Integer notConnected = integer(rs, 16);
                        Integer insufficient = integer(rs, 17);
                        products.add(new TeamProduct(rs.getString(1), rs.getString(2), rs.getString(3), score, meets,
                                integer(rs, 6), rs.getString(7), integer(rs, 8), tasks, rs.getString(12), rs.getBoolean(13),
                                progress, integer(rs, 15), notConnected, insufficient));
                        if (progress != null) {
                            progressed++;
                            progressSum += progress;
                        }
                        unconnected += notConnected == null ? 0 : notConnected;
                        tooLittle += insufficient == null ? 0 : insufficient;
                        if (Boolean.TRUE.equals(meets)) {
                            meeting++;
                        }
                        if (score != null) {
                            scored++;
                            scoreSum += score;
                        }
                        open[0] += tasks.P1();
                        open[1] += tasks.P2();
                        open[2] += tasks.P3();
                    }
                }
            }
            Integer average = scored == 0 ? null : (int) Math.round((double) scoreSum / scored);
            // Rounded down like each product's progress, so 100 means every product is at its bar.
            Integer averageProgress = progressed == 0 ? null : (int) (progressSum / progressed);
            return new TeamSummary(team, products, new TeamTotals(products.size(), meeting, average,
                    OpenTasks.of(open[0], open[1], open[2]), averageProgress, unconnected, tooLittle));
        });
    }

    /** A team's products per day between two dates (at most a year): how many, how many at their bar, averages. */
    public TeamHistory history(String team, LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw ApiProblem.invalid("from", "must not be after to (" + from + " is after " + to + ")");
        }
        if (from.plusDays(366).isBefore(to)) {
            throw ApiProblem.invalid("from", "at most a year before to");
        }
        List<TeamPoint> points = new ArrayList<>();
        Jdbc.update(dataSource, "read the team's history", c -> {
            try (PreparedStatement known = c.prepareStatement("SELECT 1 FROM team WHERE slug = ?")) {
                known.setString(1, team);
                try (ResultSet rs = known.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiProblem.notFound("team", team);
                    }
                }
            }
            // Days are UTC days whatever the session's time zone: the series is of plain timestamps (a series of
            // dates would be of timestamptz at midnight in the session's zone), each day ending at UTC midnight.
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT d.day::date, count(*), count(*) FILTER (WHERE h.meets_bar), round(avg(h.progress)), round(avg(h.score))
                    FROM generate_series(CAST(? AS date)::timestamp, CAST(? AS date)::timestamp, interval '1 day') AS d(day)
                    CROSS JOIN product p
                    JOIN LATERAL (SELECT x.meets_bar, x.progress, x.score FROM history x
                        WHERE x.product = p.slug AND x.taken_at < (d.day + interval '1 day') AT TIME ZONE 'UTC'
                        ORDER BY x.taken_at DESC LIMIT 1) h ON true
                    WHERE p.owner = ?
                    GROUP BY d.day ORDER BY d.day""")) {
                query.setObject(1, from);
                query.setObject(2, to);
                query.setString(3, team);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        int progress = rs.getInt(4);
                        Integer p = rs.wasNull() ? null : progress;
                        int score = rs.getInt(5);
                        points.add(new TeamPoint(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3), p,
                                rs.wasNull() ? null : score));
                    }
                }
            }
        });
        return new TeamHistory(team, from, to, points);
    }
}
