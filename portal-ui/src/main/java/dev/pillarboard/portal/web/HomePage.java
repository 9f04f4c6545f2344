package dev.pillarboard.portal.web;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import dev.pillarboard.portal.client.Catalog;
import dev.pillarboard.portal.client.CatalogData;
import dev.pillarboard.portal.client.Paged;
import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.client.Scorecards;
import dev.pillarboard.portal.security.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Home: the signed-in user's work first (their teams' products below their phase bar, open P1 tasks, what lapses or
 * ends in the next days, waivers waiting for them or for their decision, reviews due), then the organisation (products per phase and the share meeting
 * their bar, a products × pillars heatmap by distance to each product's own bar, the checks failing most, recent
 * catalog changes). Every list is one call; all calls run in parallel.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    static final int HEAT_SIZE = 12;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Home home);
    }

    /**
     * What the user has to do. Waivers are split into theirs (waiting for a lead) and those waiting for them.
     * {@code inGrace}: the open tasks of required checks that are not P1 yet (newly required, within their grace),
     * shown when no P1 task is open, so that a team just onboarded sees what falls due first.
     */
    public record MyWork(List<String> teams, Paged<ScorecardData.Summary> belowBar, Paged<ScorecardData.Task> p1,
            Paged<ScorecardData.Task> inGrace, List<ScorecardData.Waiver> myRequests, List<ScorecardData.Waiver> toDecide,
            Paged<ScorecardData.Summary> reviewsDue, ComingDue comingDue) {

        public boolean nothing() {
            return belowBar.total() == 0 && p1.total() == 0 && inGrace.total() == 0 && myRequests.isEmpty()
                    && toDecide.isEmpty() && reviewsDue.total() == 0 && comingDue.isEmpty();
        }
    }

    public record Home(MyWork work, ScorecardData.Overview overview, Paged<ScorecardData.Summary> heat,
            List<ScorecardData.Pillar> pillars, List<CatalogData.Change> changes, Pager heatPager) {
    }

    private final Catalog catalog;
    private final Scorecards scorecards;
    private final Parallel parallel;
    private final Viewer viewer;
    private final Pages pages;

    public HomePage(Catalog catalog, Scorecards scorecards, Parallel parallel, Viewer viewer, Pages pages) {
        this.catalog = catalog;
        this.scorecards = scorecards;
        this.parallel = parallel;
        this.viewer = viewer;
        this.pages = pages;
    }

    @GET
    public TemplateInstance home(@RestQuery("heat") String heatPage) {
        int heat = Params.page(heatPage);
        List<String> teams = viewer.teams();
        boolean mine = !teams.isEmpty();
        List<String> led = viewer.isAdmin() ? List.of() : viewer.isLead() ? teams : null;

        var belowBar = parallel.fetch(() -> mine ? scorecards.summaries(new Scorecards.SummaryQuery(teams, null, null,
                false, null, null, null, null, "-distance", 0, 6)) : Paged.<ScorecardData.Summary> empty());
        var p1 = parallel.fetch(() -> mine ? scorecards.tasks(new Scorecards.TaskQuery(teams, null, "P1", "active", null,
                null, 0, 5)) : Paged.<ScorecardData.Task> empty());
        var inGrace = parallel.fetch(() -> mine ? scorecards.tasks(new Scorecards.TaskQuery(teams, null, "P2", "active",
                "required", "dueDate", 0, 5)) : Paged.<ScorecardData.Task> empty());
        // What lapses or ends in the next days; the grace of newly required checks is the list of tasks in grace.
        var comingDue = parallel.fetch(() -> mine ? scorecards.deadlines(teams, List.of("attestation", "practice", "waiver"),
                ComingDue.DAYS, 6) : Paged.<ScorecardData.Deadline> empty());
        // Leads and admins decide waivers; everyone with teams sees their own requests.
        var waivers = parallel.fetch(() -> mine || viewer.isAdmin()
                ? scorecards.waivers(null, viewer.isAdmin() ? List.of() : teams, "requested", 0, 50)
                : Paged.<ScorecardData.Waiver> empty());
        var reviewsDue = parallel.fetch(() -> led == null ? Paged.<ScorecardData.Summary> empty()
                : scorecards.summaries(new Scorecards.SummaryQuery(led, null, null, null, true, null, null, null,
                        "-distance", 0, 8)));
        var overview = parallel.fetch(() -> scorecards.overview(List.of(), 6));
        var heatmap = parallel.fetch(() -> scorecards.summaries(new Scorecards.SummaryQuery(List.of(), null, null, null,
                null, null, null, null, "-distance", heat, HEAT_SIZE)));
        var rubric = parallel.fetch(scorecards::rubric);
        var changes = parallel.fetch(() -> catalog.recentChanges(8));
        CompletableFuture.allOf(belowBar, p1, inGrace, comingDue, waivers, reviewsDue, overview, heatmap, rubric, changes).join();

        ScorecardData.Rubric rules = rubric.join().orElse(null);
        List<ScorecardData.Waiver> requested = ScorecardData.Waiver.titledBy(waivers.join(), rules).items();
        String me = viewer.username();
        List<ScorecardData.Waiver> myRequests = requested.stream().filter(w -> me.equals(w.requestedBy())).toList();
        List<ScorecardData.Waiver> toDecide = viewer.isLead() || viewer.isAdmin()
                ? requested.stream().filter(w -> !me.equals(w.requestedBy())).toList() : List.of();
        MyWork work = new MyWork(teams, belowBar.join(), p1.join(), inGrace.join(), myRequests, toDecide, reviewsDue.join(),
                ComingDue.of(comingDue.join()));
        Paged<ScorecardData.Summary> heatItems = heatmap.join();
        List<ScorecardData.Pillar> pillars = rules == null ? List.of() : rules.pillars();
        return pages.render(Templates.home(new Home(work, overview.join(), heatItems, pillars, changes.join(),
                Pager.of(heatItems, "/", "heat", null))));
    }
}
