package dev.pillarboard.scorecard.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.scorecard.query.DeadlineQueries;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.quarkus.security.Authenticated;

@Path("/api/deadlines")
@Tag(name = "Scorecards", description = "Every product rated against the rubric for its phase")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class DeadlineResource {

    /** How far ahead the list looks when the caller does not say. */
    static final Duration DEFAULT_HORIZON = Duration.ofDays(30);

    private final DeadlineQueries deadlines;
    private final RubricService rubrics;

    public DeadlineResource(DeadlineQueries deadlines, RubricService rubrics) {
        this.deadlines = deadlines;
        this.rubrics = rubrics;
    }

    @GET
    @Operation(summary = "What falls due for some teams, soonest first", description = "The moments the teams' products' "
            + "results change by time alone unless someone acts: an attestation lapses (kind attestation), a dated practice "
            + "such as a restore test leaves its window (practice; windows of 30 days or more), an approved waiver ends "
            + "(waiver), the grace of a newly required check ends and its task becomes P1 (grace). Only checks the "
            + "product's phase requires or recommends. Titles in the best match of Accept-Language.")
    @APIResponse(responseCode = "200", description = "A page of deadlines, soonest first")
    @APIResponse(responseCode = "400", description = "No owner, a bad before, or a bad page")
    public RestResponse<PageView<DeadlineQueries.Deadline>> list(
            @Parameter(description = "Team slugs separated by commas (required, at most 100)") @RestQuery String owner,
            @Parameter(description = "Only what falls due before this ISO date (through its end, UTC) or timestamp "
                    + "(default: 30 days from now)") @RestQuery String before,
            @Parameter(description = "Kinds separated by commas: attestation, practice, waiver, grace (default: all)")
            @RestQuery String kind,
            @RestQuery String page, @RestQuery String size,
            @Parameter(description = "Languages for the check titles (best match, else English)")
            @RestHeader("Accept-Language") String acceptLanguage) {
        List<String> owners = ScorecardResource.owners(owner);
        if (owners.isEmpty()) {
            throw ApiProblem.invalid("owner", "name the team, or several separated by commas, e.g. owner=payments,search");
        }
        Set<DeadlineQueries.DueKind> kinds = EnumSet.noneOf(DeadlineQueries.DueKind.class);
        for (String label : QueryParams.list("kind", kind, 4)) {
            kinds.add(DeadlineQueries.DueKind.of(label).orElseThrow(() -> ApiProblem.invalid("kind",
                    "'" + label + "' is not a kind of deadline: attestation, practice, waiver or grace")));
        }
        Instant until = Times.bounded("before", before, true);
        Instant horizon = until != null ? until : DatabaseTime.now().plus(DEFAULT_HORIZON);
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        return Languages.answer(acceptLanguage, rubrics.current().rubric().languages(),
                language -> PageView.of(deadlines.list(owners, kinds, horizon, language, p, s), p, s));
    }
}
