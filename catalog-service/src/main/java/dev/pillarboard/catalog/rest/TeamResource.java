package dev.pillarboard.catalog.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.catalog.Team;
import dev.pillarboard.catalog.service.TeamRequest;
import dev.pillarboard.catalog.service.TeamService;
import dev.pillarboard.catalog.service.TeamView;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.request.IfMatch;
import dev.pillarboard.common.rest.ETagged;
import dev.pillarboard.common.rest.NoBody;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import io.quarkus.security.Authenticated;

@Path("/api/teams")
@Tag(name = "Teams", description = "The teams that own products")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class TeamResource {

    private final TeamService teams;

    public TeamResource(TeamService teams) {
        this.teams = teams;
    }

    @GET
    @Operation(summary = "List teams", description = "Sorted by name; q searches slug and name")
    @APIResponse(responseCode = "200", description = "A page of teams")
    @APIResponse(responseCode = "400", description = "Bad query parameter")
    public PageView<TeamView> list(@RestQuery String q, @RestQuery String page, @RestQuery String size) {
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        Page<Team> result = teams.list(QueryParams.optional(q), p, s);
        return PageView.of(result.map(TeamView::of), p, s);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "Read a team", description = "The ETag header carries the team's revision")
    @APIResponse(responseCode = "200", description = "The team")
    @APIResponse(responseCode = "404", description = "No such team")
    public RestResponse<TeamView> get(@RestPath String slug) {
        return ok(teams.get(slug));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PLATFORM_ADMIN)
    @Operation(summary = "Create a team (platform-admin)")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers set")
    @APIResponse(responseCode = "400", description = "Invalid team")
    @APIResponse(responseCode = "403", description = "Not a platform admin")
    @APIResponse(responseCode = "409", description = "Slug taken")
    @APIResponse(responseCode = "422", description = "Unknown parent team")
    public RestResponse<TeamView> create(@Valid @NotNull TeamRequest request) {
        Team team = teams.create(request);
        return ETagged.created(URI.create("/api/teams/" + team.slug), TeamView.of(team), IfMatch.etag(team.revision));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PLATFORM_ADMIN)
    @Operation(summary = "Replace a team (platform-admin); needs If-Match")
    @APIResponse(responseCode = "200", description = "Updated; new ETag")
    @APIResponse(responseCode = "400", description = "Invalid team")
    @APIResponse(responseCode = "403", description = "Not a platform admin")
    @APIResponse(responseCode = "404", description = "No such team")
    @APIResponse(responseCode = "422", description = "Unknown parent or a cycle")
    @NeedsIfMatch
    public RestResponse<TeamView> replace(@RestPath String slug, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull TeamRequest request) {
        return ok(teams.replace(slug, request, ifMatch));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed(Caller.PLATFORM_ADMIN)
    @Operation(summary = "Delete a team (platform-admin); needs If-Match")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not a platform admin")
    @APIResponse(responseCode = "404", description = "No such team")
    @APIResponse(responseCode = "409", description = "Team still owns products or has child teams")
    @APIResponse(responseCode = "400", description = "A request body: a delete takes none")
    @NeedsIfMatch
    public RestResponse<Void> delete(@RestPath String slug, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        NoBody.required(headers);
        teams.delete(slug, ifMatch);
        return RestResponse.noContent();
    }

    private static RestResponse<TeamView> ok(Team team) {
        return ETagged.ok(TeamView.of(team), IfMatch.etag(team.revision));
    }
}
