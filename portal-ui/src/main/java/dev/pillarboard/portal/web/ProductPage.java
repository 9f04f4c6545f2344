package dev.pillarboard.portal.web;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pillarboard.portal.client.Catalog;
import dev.pillarboard.portal.client.CatalogData;
import dev.pillarboard.portal.client.Paged;
import dev.pillarboard.portal.client.Reply;
import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.client.Scorecards;
import dev.pillarboard.portal.view.TrendChart;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A product: owner, phase, tier, links; whether it meets its phase bar; Do next (P1 → P3, each with its fix and the
 * action that closes it); pillar scores against the bar; every check grouped by pillar, failures first; tasks,
 * waivers, the last review and a 90-day trend. {@code ?view=next} shows the next phase's readiness checklist.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ProductPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance product(ProductView view);
    }

    private final Catalog catalog;
    private final Scorecards scorecards;
    private final Parallel parallel;
    private final Pages pages;

    public ProductPage(Catalog catalog, Scorecards scorecards, Parallel parallel, Pages pages) {
        this.catalog = catalog;
        this.scorecards = scorecards;
        this.parallel = parallel;
        this.pages = pages;
    }

    @GET
    @Path("products/{slug}")
    public TemplateInstance product(@RestPath String slug, @RestQuery String view) {
        String product = Params.slug(slug);
        if (product == null) {
            throw new NotFoundException();
        }
        return pages.render(Templates.product(load(product, "next".equals(view))));
    }

    ProductView load(String slug, boolean nextView) {
        Instant now = Instant.now();
        Instant from = now.minus(TrendChart.PERIOD);
        var item = parallel.fetch(() -> catalog.product(slug));
        var card = parallel.fetch(() -> scorecards.scorecard(slug));
        var rubric = parallel.fetch(scorecards::rubric);
        var tasks = parallel.fetch(() -> scorecards.tasks(Scorecards.TaskQuery.ofProduct(slug, 100)));
        var waivers = parallel.fetch(() -> scorecards.waivers(slug, null, null, 0, 50));
        var history = parallel.fetch(() -> scorecards.history(slug, from.toString()));
        CompletableFuture.allOf(item, card, rubric, tasks, waivers, history).join();

        Reply<CatalogData.Product> productReply = item.join();
        Reply<ScorecardData.Scorecard> cardReply = card.join();
        boolean catalogSaysNo = productReply.notFound();
        boolean scorecardSaysNo = cardReply.notFound() && !"not-evaluated-yet".equals(problemType(cardReply));
        // Not found when one service says so and the other agrees or could not answer.
        if ((catalogSaysNo && (scorecardSaysNo || cardReply.unavailable()))
                || (scorecardSaysNo && productReply.unavailable())) {
            throw new NotFoundException();
        }
        ScorecardData.Scorecard scorecard = cardReply.found().orElse(null);
        ScorecardData.Rubric rules = rubric.join().orElse(null);
        List<ScorecardData.Task> taskList = tasks.join().items();
        List<ScorecardData.HistoryPoint> points = history.join().map(ScorecardData.History::items).orElse(List.of());
        TrendChart trend = trend(rules, scorecard, points, from, now);

        ScorecardData.Readiness readiness = null;
        String next = scorecard != null ? scorecard.nextPhase() : null;
        if (nextView && next != null) {
            readiness = scorecards.readiness(slug, next).found().orElse(null);
        }
        String cardProblem = cardReply.ok() || cardReply.unavailable() ? null : problemType(cardReply);
        Paged<ScorecardData.Waiver> waiverList = ScorecardData.Waiver.titledBy(waivers.join(), rules);
        return new ProductView(slug, productReply.found().orElse(null), productReply.etag(), scorecard, cardProblem, rules,
                ProductView.doNext(scorecard, rules, taskList), ProductView.groups(scorecard, rules), taskList,
                waiverList.items(), trend, points, readiness, nextView && next != null);
    }

    private TrendChart trend(ScorecardData.Rubric rubric, ScorecardData.Scorecard card,
            List<ScorecardData.HistoryPoint> points, Instant from, Instant to) {
        List<ScorecardData.Pillar> pillars = rubric != null ? rubric.pillars()
                : card == null ? List.of() : card.pillars().stream().map(p -> new ScorecardData.Pillar(p.id(), p.title(), "", null)).toList();
        return TrendChart.of(pillars.stream().map(ScorecardData.Pillar::id).toList(),
                pillars.stream().map(ScorecardData.Pillar::title).toList(), points, ScorecardData.HistoryPoint::takenAt,
                (point, pillar) -> point.pillars().get(pillar), from, to, pages.locale());
    }

    /** The problem type's last segment (not-evaluated-yet, unscorable), or the title. */
    static String problemType(Reply<?> reply) {
        if (reply.problem() == null) {
            return null;
        }
        String type = reply.problem().type();
        if (type != null && type.contains("/")) {
            return type.substring(type.lastIndexOf('/') + 1);
        }
        return type != null ? type : reply.problem().title();
    }
}
