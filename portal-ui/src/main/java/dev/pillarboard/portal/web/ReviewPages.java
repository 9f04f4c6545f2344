package dev.pillarboard.portal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import dev.pillarboard.portal.client.Paged;
import dev.pillarboard.portal.client.Reply;
import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.client.Scorecards;
import dev.pillarboard.portal.security.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The team lead's review queue — waiver requests waiting for their decision and products whose review is due, for
 * their teams (all teams for a platform admin) — and the sign-off page, which shows what changed since the last
 * review (checks that flipped, tasks opened and closed, waivers granted) and where the product stands today (the
 * required checks it does not meet, the waivers in force, its open tasks) before the lead decides.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ReviewPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(List<ScorecardData.Waiver> toDecide, List<ScorecardData.Waiver> ownRequests,
                Paged<ScorecardData.Summary> due, List<String> teams);

        static native TemplateInstance signOff(ScorecardData.Scorecard card, ScorecardData.Changes changes,
                Standing standing, Map<String, String> values, FormErrors errors);
    }

    private final Scorecards scorecards;
    private final Parallel parallel;
    private final Viewer viewer;
    private final Pages pages;

    public ReviewPages(Scorecards scorecards, Parallel parallel, Viewer viewer, Pages pages) {
        this.scorecards = scorecards;
        this.parallel = parallel;
        this.viewer = viewer;
        this.pages = pages;
    }

    @GET
    @Path("reviews")
    public TemplateInstance queue() {
        // A platform admin sees every team; a lead their own teams (the service checks the decisions either way).
        List<String> teams = viewer.isAdmin() ? List.of() : viewer.teams();
        boolean none = !viewer.isAdmin() && (!viewer.isLead() || teams.isEmpty());
        var waivers = parallel.fetch(() -> none ? Paged.<ScorecardData.Waiver> empty()
                : scorecards.waivers(null, teams, "requested", 0, 100));
        var rubric = parallel.fetch(scorecards::rubric);
        var due = parallel.fetch(() -> none ? Paged.<ScorecardData.Summary> empty()
                : scorecards.summaries(new Scorecards.SummaryQuery(teams, null, null, null, true, null, null, null,
                        "-distance", 0, 50)));
        CompletableFuture.allOf(waivers, due, rubric).join();
        String me = viewer.username();
        List<ScorecardData.Waiver> requested = ScorecardData.Waiver.titledBy(waivers.join(), rubric.join().orElse(null))
                .items();
        return pages.render(Templates.queue(requested.stream().filter(w -> !me.equals(w.requestedBy())).toList(),
                requested.stream().filter(w -> me.equals(w.requestedBy())).toList(), due.join(), viewer.teams()));
    }

    @GET
    @Path("products/{slug}/review")
    public TemplateInstance signOff(@RestPath String slug) {
        return signOffPage(slug, Map.of("decision", "approved"), FormErrors.NONE);
    }

    @POST
    @Path("products/{slug}/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object signedOff(@RestPath String slug, @RestForm String decision, @RestForm String comment) {
        String product = Params.slug(slug);
        if (product == null) {
            throw new NotFoundException();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product", product);
        body.put("decision", decision);
        body.put("comment", comment == null ? "" : comment.trim());
        Reply<ScorecardData.Review> reply = scorecards.review(body);
        if (!reply.ok()) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("decision", decision == null ? "" : decision);
            values.put("comment", comment == null ? "" : comment);
            return ProductForms.status(signOffPage(product, values, FormErrors.of(reply, f -> f)), reply);
        }
        return pages.redirect("/products/" + product + "#review", Flash.Kind.review_signed, product);
    }

    private TemplateInstance signOffPage(String slug, Map<String, String> values, FormErrors errors) {
        String product = Params.slug(slug);
        if (product == null) {
            throw new NotFoundException();
        }
        var rubric = parallel.fetch(scorecards::rubric);
        Reply<ScorecardData.Scorecard> reply = scorecards.scorecard(product);
        if (reply.notFound()) {
            throw new NotFoundException();
        }
        ScorecardData.Scorecard card = reply.found().orElseThrow(() -> new ServiceDown("scorecard"));
        String since = card.lastReview() == null ? null : card.lastReview().reviewedAt().toString();
        ScorecardData.Changes changes = since == null ? null : scorecards.changes(product, since).orElse(null);
        // The waivers granted titled as the rubric titles their checks in the page's language (the service titles the rest).
        ScorecardData.Rubric titles = rubric.join().orElse(null);
        if (changes != null) {
            changes = changes.titledBy(titles);
        }
        return pages.render(Templates.signOff(card, changes, Standing.of(card, titles), values, errors));
    }
}
