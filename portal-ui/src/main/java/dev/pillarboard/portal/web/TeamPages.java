package dev.pillarboard.portal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pillarboard.portal.client.Catalog;
import dev.pillarboard.portal.client.CatalogData;
import dev.pillarboard.portal.client.Notices;
import dev.pillarboard.portal.client.Paged;
import dev.pillarboard.portal.client.Reply;
import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.client.Scorecards;
import dev.pillarboard.portal.view.TrendChart;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The teams: a list in their hierarchy with the leaderboard, and one team's page — its products × pillars against
 * each product's own phase bar with next-phase readiness, what falls due in the next days, its tasks as a board (open / in progress / done), its
 * trend, and where it stands among all teams ranked by distance to their own bars (fair across phases).
 */
@Path("/teams")
@Produces(MediaType.TEXT_HTML)
public class TeamPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance teams(List<TeamNode> teams, List<ScorecardData.TeamStanding> standings);

        static native TemplateInstance team(TeamView view);

        static native TemplateInstance tasks(CatalogData.Team team, List<String> statuses, String status,
                String priority, Paged<ScorecardData.Task> tasks, Pager pager);
    }

    /** The statuses a team's task list shows, one tab each: not done (open or in progress), open, in progress, done. */
    static final List<String> TASK_STATUSES = List.of("active", "open", "in-progress", "done");
    static final int TASK_PAGE = 50;

    /** A team in the hierarchy, with its depth for indentation and its standing if it owns products. */
    public record TeamNode(CatalogData.Team team, int depth, ScorecardData.TeamStanding standing) {
    }

    public record TeamView(CatalogData.Team team, CatalogData.Team parent, List<CatalogData.Team> children,
            ScorecardData.TeamSummary summary, Paged<ScorecardData.Summary> products, List<ScorecardData.Pillar> pillars,
            Paged<ScorecardData.Task> open, Paged<ScorecardData.Task> inProgress, Paged<ScorecardData.Task> done,
            TrendChart trend, List<ScorecardData.TeamStanding> leaderboard, ScorecardData.TeamStanding standing,
            ComingDue comingDue) {
    }

    private final Catalog catalog;
    private final Scorecards scorecards;
    private final Parallel parallel;
    private final Notices notices;
    private final Pages pages;

    public TeamPages(Catalog catalog, Scorecards scorecards, Parallel parallel, Notices notices, Pages pages) {
        this.catalog = catalog;
        this.scorecards = scorecards;
        this.parallel = parallel;
        this.notices = notices;
        this.pages = pages;
    }

    @GET
    public TemplateInstance teams() {
        var teams = parallel.fetch(catalog::teams);
        var overview = parallel.fetch(() -> scorecards.overview(List.of(), 0));
        CompletableFuture.allOf(teams, overview).join();
        Map<String, ScorecardData.TeamStanding> standings = overview.join().teams().stream()
                .collect(Collectors.toMap(ScorecardData.TeamStanding::team, s -> s, (a, b) -> a));
        List<TeamNode> nodes = new ArrayList<>();
        List<CatalogData.Team> all = teams.join();
        all.stream().filter(t -> t.parent() == null || all.stream().noneMatch(p -> p.slug().equals(t.parent())))
                .forEach(root -> addTree(root, 0, all, standings, nodes));
        return pages.render(Templates.teams(nodes, overview.join().teams()));
    }

    @GET
    @Path("{slug}")
    public TemplateInstance team(@RestPath String slug) {
        String team = Params.slug(slug);
        if (team == null) {
            throw new NotFoundException();
        }
        Instant now = Instant.now();
        Instant from = now.minus(TrendChart.PERIOD);
        var teams = parallel.fetch(catalog::teams);
        var summary = parallel.fetch(() -> scorecards.teamSummary(team));
        var products = parallel.fetch(() -> scorecards.summaries(new Scorecards.SummaryQuery(List.of(team), null, null,
                null, null, null, null, null, "-distance", 0, 100)));
        var open = parallel.fetch(() -> scorecards.tasks(Scorecards.TaskQuery.ofTeams(List.of(team), "open", 30)));
        var doing = parallel.fetch(() -> scorecards.tasks(Scorecards.TaskQuery.ofTeams(List.of(team), "in-progress", 30)));
        var done = parallel.fetch(() -> scorecards.tasks(Scorecards.TaskQuery.ofTeams(List.of(team), "done", 15)));
        var due = parallel.fetch(() -> scorecards.deadlines(List.of(team), List.of(), ComingDue.DAYS, 100));
        var history = parallel.fetch(() -> scorecards.teamHistory(team, from.atZone(ZoneOffset.UTC).toLocalDate().toString()));
        var overview = parallel.fetch(() -> scorecards.overview(List.of(), 0));
        var rubric = parallel.fetch(scorecards::rubric);
        CompletableFuture.allOf(teams, summary, products, open, doing, done, due, history, overview, rubric).join();

        List<CatalogData.Team> all = teams.join();
        Optional<CatalogData.Team> found = find(all, team);
        Reply<ScorecardData.TeamSummary> summaryReply = summary.join();
        if (found.isEmpty() && (summaryReply.notFound() || notices.scorecardDown()) && !notices.catalogDown()) {
            throw new NotFoundException();
        }
        CatalogData.Team self = found.orElseGet(() -> unnamed(team));
        CatalogData.Team parent = self.parent() == null ? null
                : all.stream().filter(t -> t.slug().equals(self.parent())).findFirst().orElse(null);
        List<CatalogData.Team> children = all.stream().filter(t -> team.equals(t.parent())).toList();
        List<ScorecardData.TeamStanding> board = overview.join().teams();
        ScorecardData.TeamStanding standing = board.stream().filter(s -> s.team().equals(team)).findFirst().orElse(null);
        List<ScorecardData.TeamPoint> points = history.join().map(ScorecardData.TeamHistory::items).orElse(List.of());
        TrendChart trend = TrendChart.of(List.of("progress", "meeting"),
                List.of(pages.msg().team_trend_progress(), pages.msg().team_trend_meeting()), points,
                p -> p.day().atStartOfDay(ZoneOffset.UTC).toInstant(),
                (p, id) -> "progress".equals(id) ? p.progress()
                        : p.products() == 0 ? null : (int) Math.round(100.0 * p.meetingBar() / p.products()),
                from, now, pages.locale());
        return pages.render(Templates.team(new TeamView(self, parent, children, summaryReply.found().orElse(null),
                products.join(), rubric.join().map(ScorecardData.Rubric::pillars).orElse(List.of()),
                open.join(), doing.join(), done.join(), trend, board, standing,
                ComingDue.of(due.join()))));
    }

    /**
     * All of a team's tasks of one status (not done by default), P1 first, paged: what the board's lanes cut short; with
     * {@code priority}, those of one priority only (the home page's open P1 tasks).
     */
    @GET
    @Path("{slug}/tasks")
    public TemplateInstance tasks(@RestPath String slug, @RestQuery String status, @RestQuery String priority,
            @RestQuery String page) {
        String team = Params.slug(slug);
        if (team == null) {
            throw new NotFoundException();
        }
        String shown = status == null || status.isBlank() ? "active" : status;
        String only = priority == null || priority.isBlank() ? null : priority;
        if (!TASK_STATUSES.contains(shown) || only != null && !List.of("P1", "P2", "P3").contains(only)) {
            throw new NotFoundException();
        }
        int number = Params.page(page);
        var teams = parallel.fetch(catalog::teams);
        var tasks = parallel.fetch(() -> scorecards.tasks(new Scorecards.TaskQuery(List.of(team), null, only, shown, null,
                null, number, TASK_PAGE)));
        CompletableFuture.allOf(teams, tasks).join();
        Optional<CatalogData.Team> found = find(teams.join(), team);
        if (found.isEmpty() && !notices.catalogDown()) {
            throw new NotFoundException();
        }
        Paged<ScorecardData.Task> list = tasks.join();
        return pages.render(Templates.tasks(found.orElseGet(() -> unnamed(team)),
                TASK_STATUSES, shown, only, list, Pager.of(list, "/teams/" + team + "/tasks", "page",
                        "status=" + shown + (only == null ? "" : "&priority=" + only))));
    }

    private static Optional<CatalogData.Team> find(List<CatalogData.Team> teams, String slug) {
        return teams.stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /** A team the catalog could not name (it is down): its slug stands for its name. */
    private static CatalogData.Team unnamed(String slug) {
        return new CatalogData.Team(slug, slug, null, null, 0, null, null);
    }

    private static void addTree(CatalogData.Team team, int depth, List<CatalogData.Team> all,
            Map<String, ScorecardData.TeamStanding> standings, List<TeamNode> into) {
        if (depth > 10) {
            return;
        }
        into.add(new TeamNode(team, depth, standings.get(team.slug())));
        all.stream().filter(t -> team.slug().equals(t.parent())).forEach(child -> addTree(child, depth + 1, all, standings, into));
    }
}
