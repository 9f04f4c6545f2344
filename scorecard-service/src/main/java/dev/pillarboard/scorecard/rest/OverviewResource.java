package dev.pillarboard.scorecard.rest;

import java.util.List;

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

import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.scorecard.query.OverviewQueries;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.quarkus.security.Authenticated;

@Path("/api/overview")
@Tag(name = "Scorecards", description = "Every product rated against the rubric for its phase")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class OverviewResource {

    private final OverviewQueries overview;
    private final RubricService rubrics;

    public OverviewResource(OverviewQueries overview, RubricService rubrics) {
        this.overview = overview;
        this.rubrics = rubrics;
    }

    @GET
    @Operation(summary = "The organisation at a glance", description = "Products per phase and how many meet their "
            + "phase bar; the checks failing most often where required; every team ranked by its products' distance to "
            + "their own phase bars (fair across phases). owner= limits the counts and checks to some teams.")
    @APIResponse(responseCode = "200", description = "The overview")
    @APIResponse(responseCode = "400", description = "A bad parameter")
    public RestResponse<OverviewQueries.Overview> get(
            @Parameter(description = "Team slugs separated by commas (default: all)") @RestQuery String owner,
            @Parameter(description = "How many failing checks to list, 0 to 100 (default 10)") @RestQuery String checks,
            @Parameter(description = "Languages for the check titles (best match, else English)")
            @RestHeader("Accept-Language") String acceptLanguage) {
        List<String> owners = ScorecardResource.owners(owner);
        int failingChecks = QueryParams.intParam("checks", checks, 10, 0, 100);
        return Languages.answer(acceptLanguage, rubrics.current().rubric().languages(),
                language -> overview.overview(owners, failingChecks, language));
    }
}
