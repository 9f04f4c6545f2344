package dev.pillarboard.scorecard.rest;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.common.rest.NoBody;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.sync.CatalogFollower;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/sync")
@Tag(name = "Catalog sync", description = "How far the scorecard has followed the catalog's change feed")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    private final CatalogFollower follower;

    public SyncResource(CatalogFollower follower) {
        this.follower = follower;
    }

    @POST
    @Path("/nudge")
    @Authenticated
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Ask for a catalog poll now", description = "Called by the catalog after every write, with the "
            + "token of the caller whose write it was; any authenticated caller may ask. No body: it carries no data, the "
            + "scorecard reads the feed itself. Nudges coalesce.")
    @APIResponse(responseCode = "202", description = "A poll is coming")
    @APIResponse(responseCode = "400", description = "A request body: this endpoint takes none")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public RestResponse<Void> nudge(@Context HttpHeaders headers) {
        NoBody.required(headers);
        follower.requestPoll();
        return RestResponse.status(RestResponse.Status.ACCEPTED);
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "The follower's state", description = "Last applied catalog revision, last success, whether the catalog is reachable")
    @APIResponse(responseCode = "200", description = "The state")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public CatalogFollower.SyncState status() {
        return follower.state();
    }

    @POST
    @RolesAllowed(Caller.PLATFORM_ADMIN)
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(summary = "Poll the catalog now and wait for it (platform admins)")
    @APIResponse(responseCode = "200", description = "The state after the poll")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not a platform admin")
    @APIResponse(responseCode = "400", description = "A request body: this endpoint takes none")
    @Blocking
    public CompletionStage<CatalogFollower.SyncState> poll(@Context HttpHeaders headers) {
        NoBody.required(headers);
        return follower.pollAndReport(Duration.ofSeconds(30));
    }
}
