package dev.pillarboard.scorecard.rest;

import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pillarboard.scorecard.query.ScorecardViews.TeamSummary;
import dev.pillarboard.scorecard.query.TeamQueries;
import io.quarkus.security.Authenticated;

@Path("/api/teams")
@Tag(name = "Teams", description = "A team's products and where they stand")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class TeamResource {

    private final TeamQueries teams;

    public TeamResource(TeamQueries teams) {
        this.teams = teams;
    }

    @GET
    @Path("/{slug}/history")
    @Operation(summary = "A team's trend", description = "One point a day (UTC): the team's products that day, how many "
            + "met their phase bar, their average progress toward it and average score, from each product's latest "
            + "history point of the day. from/to are ISO dates between 2000-01-01 and 2099-12-31 (default: the last 90 days), at most a year apart.")
    @APIResponse(responseCode = "200", description = "The points, oldest first")
    @APIResponse(responseCode = "400", description = "Bad from or to")
    @APIResponse(responseCode = "404", description = "No such team")
    public TeamQueries.TeamHistory history(@RestPath String slug, @RestQuery String from, @RestQuery String to) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(ZoneOffset.UTC) : Times.date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(90) : Times.date("from", from);
        return teams.history(slug, start, end);
    }

    @GET
    @Path("/{slug}/summary")
    @Operation(summary = "A team's products", description = "Per product: phase, score, whether it meets its phase's bar and "
            + "its distance to it (required checks not met), next phase and readiness, open tasks by priority; and totals")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "404", description = "No such team in the catalog")
    public TeamSummary summary(@RestPath String slug) {
        return teams.summary(slug);
    }
}
