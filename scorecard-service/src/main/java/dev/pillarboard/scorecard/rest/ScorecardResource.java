package dev.pillarboard.scorecard.rest;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.evaluation.HistoryImport;
import dev.pillarboard.scorecard.evaluation.PastPoint;
import dev.pillarboard.scorecard.query.ReviewChanges;
import dev.pillarboard.scorecard.query.ScorecardQueries;
import dev.pillarboard.scorecard.query.ScorecardViews;
import dev.pillarboard.scorecard.sync.ProductMirror;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/scorecards")
@Tag(name = "Scorecards", description = "Every product rated against the rubric for its phase")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class ScorecardResource {

    private final ScorecardQueries queries;
    private final ReviewChanges changes;
    private final HistoryImport historyImport;
    private final ProductMirror products;
    private final RubricService rubrics;

    public ScorecardResource(ScorecardQueries queries, ReviewChanges changes, HistoryImport historyImport, ProductMirror products,
            RubricService rubrics) {
        this.queries = queries;
        this.changes = changes;
        this.historyImport = historyImport;
        this.products = products;
        this.rubrics = rubrics;
    }

    /** An answer in the language negotiated against the languages of the rubric in force. */
    private <T> RestResponse<T> inLanguage(String acceptLanguage, Function<String, T> entityIn) {
        return Languages.answer(acceptLanguage, rubrics.current().rubric().languages(), entityIn);
    }

    @GET
    @Operation(summary = "One summary per product", description = "Overall and per-pillar score, progress toward the "
            + "product's own phase bar and distance to it (required checks not met), next-phase readiness and open tasks. "
            + "With pillar=<id>, the score filter, meetsBar and sort=score refer to that pillar.")
    @APIResponse(responseCode = "200", description = "A page of summaries")
    @APIResponse(responseCode = "400", description = "Unknown sort field, pillar or check, or a bad parameter")
    public RestResponse<PageView<ScorecardViews.Summary>> list(
            @Parameter(description = "Languages for the pillar titles (best match, else English)")
            @RestHeader("Accept-Language") String acceptLanguage,
            @Parameter(description = "Owning team slug, or several separated by commas") @RestQuery String owner,
            @Parameter(description = "Phase") @RestQuery String phase,
            @Parameter(description = "A pillar id: meetsBar and sort=score then refer to that pillar") @RestQuery String pillar,
            @Parameter(description = "true or false") @RestQuery String meetsBar,
            @Parameter(description = "true: never reviewed, or the last review is a review interval old") @RestQuery String reviewDue,
            @Parameter(description = "A check id: each summary then carries that check's status (checkStatus)") @RestQuery String check,
            @Parameter(description = "Tier, 1 to 3") @RestQuery String tier,
            @Parameter(description = "Text in the product's slug, name or description (case-insensitive)") @RestQuery String q,
            @Parameter(description = "product, name, score, progress, distance, readiness, openTasks or evaluatedAt; "
                    + "prefix - for descending") @RestQuery String sort,
            @RestQuery String page, @RestQuery String size) {
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        Boolean bar = meetsBar == null || meetsBar.isBlank() ? null : QueryParams.bool("meetsBar", meetsBar);
        Boolean due = reviewDue == null || reviewDue.isBlank() ? null : QueryParams.bool("reviewDue", reviewDue);
        Integer tierValue = QueryParams.optionalInt("tier", tier, 1, 3);
        String text = QueryParams.optional(q);
        if (text != null && text.length() > 200) {
            throw ApiProblem.invalid("q", "at most 200 characters");
        }
        ScorecardQueries.ScorecardFilter filter = new ScorecardQueries.ScorecardFilter(owners(owner),
                QueryParams.optional(phase), QueryParams.optional(pillar), bar, due, QueryParams.optional(check), tierValue,
                text);
        return inLanguage(acceptLanguage, language -> PageView.of(queries.list(filter, sort, p, s, language), p, s));
    }

    /** Team slugs separated by commas (at most 100); blank entries are ignored. */
    static List<String> owners(String owner) {
        return QueryParams.list("owner", owner, 100);
    }

    @GET
    @Path("/{product}")
    @Operation(summary = "A product's full scorecard", description = "Every check with its status, requirement now and "
            + "in the next phase (and the override for the product's tier or tags that decided them), reason and evidence, "
            + "the end of its grace and how to connect a signal never pushed; pillar roll-ups; review status. Titles in "
            + "the best match of Accept-Language among the rubric's languages, else English (Content-Language says which).")
    @APIResponse(responseCode = "200", description = "The scorecard")
    @APIResponse(responseCode = "404", description = "No such product, or not evaluated yet (type not-evaluated-yet)")
    @APIResponse(responseCode = "409", description = "The product's phase is not a phase of the rubric (type unscorable)")
    public RestResponse<ScorecardViews.Full> get(@RestPath String product, @RestHeader("Accept-Language") String acceptLanguage) {
        return inLanguage(acceptLanguage, language -> queries.get(product, language));
    }

    @GET
    @Path("/{product}/history")
    @Operation(summary = "Scores over time", description = "A point whenever the scores change, and at least daily; "
            + "from/to are ISO timestamps or dates between 2000-01-01 and 2099-12-31 (default: the last 90 days); at most "
            + "1000 points")
    @APIResponse(responseCode = "200", description = "The history points, oldest first")
    @APIResponse(responseCode = "400", description = "Bad from or to, out of range, or from after to")
    @APIResponse(responseCode = "404", description = "No such product")
    public ScorecardViews.History history(@RestPath String product, @RestQuery String from, @RestQuery String to) {
        return queries.history(product, Times.bounded("from", from, false), Times.bounded("to", to, true));
    }

    @POST
    @Path("/{product}/history")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PLATFORM_ADMIN)
    @Operation(summary = "Import past history points (platform admins)", description = "For an organisation that brings "
            + "its trend from another tool: an array of at most " + HistoryImport.MAX_POINTS + " points {takenAt, phase, "
            + "score, progress, meetsPhaseBar, nextPhaseReadiness, pillars: {pillar id: score}}, all in the past and older "
            + "than the product's earliest stored point (an import only adds a past, never between or over what "
            + "Pillarboard recorded); phases and pillars of the rubric in force, whose version the points get; scores and "
            + "progress 0-100 or null (progress 100 where the bar is met). All or nothing.")
    @APIResponse(responseCode = "200", description = "Imported: how many points, the rubric version, their time span")
    @APIResponse(responseCode = "400", description = "Invalid points: violations name each, e.g. [3].pillars.security")
    @APIResponse(responseCode = "403", description = "Not a platform admin")
    @APIResponse(responseCode = "404", description = "No such product")
    @APIResponse(responseCode = "409", description = "A point is not older than the product's earliest stored point")
    @Blocking
    public CompletionStage<HistoryImport.Imported> importHistory(@RestPath String product, List<PastPoint> points) {
        // A product the catalog has just created may not be mirrored yet: one catalog poll first, no thread waiting.
        return products.whenKnown(List.of(product), () -> historyImport.importPoints(product, points));
    }

    @GET
    @Path("/{product}/changes")
    @Operation(summary = "What changed since the last review", description = "Checks whose status flipped since the "
            + "review (a review keeps every check's status when it is signed off), tasks opened and closed, waivers "
            + "granted and phase changes since then. since= (ISO date or timestamp) compares with the latest review "
            + "signed off at or before it instead, and lists what happened after it.")
    @APIResponse(responseCode = "200", description = "The changes")
    @APIResponse(responseCode = "400", description = "Bad since")
    @APIResponse(responseCode = "404", description = "No such product or scorecard, or never reviewed and no since= given")
    public RestResponse<ReviewChanges.Changes> changes(@RestPath String product, @RestQuery String since,
            @RestHeader("Accept-Language") String acceptLanguage) {
        Instant sinceTime = Times.bounded("since", since, false);
        return inLanguage(acceptLanguage, language -> changes.since(product, sinceTime, language));
    }

    @GET
    @Path("/{product}/readiness/{phase}")
    @Operation(summary = "What must change to meet a phase's bar", description = "Every check the phase requires that "
            + "is not met, with the reason and how to fix it (or how to connect its signal, when it was never pushed); "
            + "computed from the current evidence; titles and fixes in the best match of Accept-Language, else English")
    @APIResponse(responseCode = "200", description = "The readiness")
    @APIResponse(responseCode = "404", description = "No such product, or the rubric has no such phase (the detail lists the phases)")
    @APIResponse(responseCode = "409", description = "The product's own phase is not a phase of the rubric")
    public RestResponse<ScorecardViews.ReadinessView> readiness(@RestPath String product, @RestPath String phase,
            @RestHeader("Accept-Language") String acceptLanguage) {
        return inLanguage(acceptLanguage, language -> queries.readiness(product, phase, language));
    }
}
