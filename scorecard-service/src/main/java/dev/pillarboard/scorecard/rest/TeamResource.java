package dev.pillarboard.scorecard.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.pillarboard.scorecard.query.ScorecardQueries;
import io.quarkus.security.Authenticated;

@Path("/api/teams")
@Tag(name = "Teams", description = "A team's products and where they stand")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class TeamResource {

    private final ScorecardQueries queries;

    public TeamResource(ScorecardQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{slug}/summary")
    @Operation(summary = "A team's products", description = "Per product: phase, score, whether it meets its phase's bar and "
            + "its distance to it (required checks not met), next phase and readiness, open tasks by priority; and totals")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "404", description = "No such team in the catalog")
    public dev.pillarboard.scorecard.query.ScorecardViews.TeamSummary summary(@RestPath String slug) {
        return queries.team(slug);
    }
}
