package dev.pillarboard.catalog.rest;

import java.util.List;

import dev.pillarboard.common.rest.QueryParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pillarboard.catalog.service.ChangeFeed;
import io.quarkus.security.Authenticated;

@Path("/api/changes")
@Tag(name = "Change feed", description = "Every committed change to teams and products, in revision order")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class ChangeResource {

    private final ChangeFeed feed;

    public ChangeResource(ChangeFeed feed) {
        this.feed = feed;
    }

    @GET
    @Operation(summary = "Changes after a revision",
            description = "Keep asking with after=<lastRevision of the previous answer>: no committed change is ever skipped. "
                    + "Each team or product appears at its latest revision (the feed is compacted); deletions appear as op=delete.")
    @APIResponse(responseCode = "200", description = "{items:[{revision, kind, slug, op, data}], lastRevision}")
    @APIResponse(responseCode = "400", description = "Bad after or limit")
    public ChangeFeed.Batch changes(
            @Parameter(description = "Last revision already seen (0 for everything)") @RestQuery String after,
            @Parameter(description = "At most this many changes (1-1000, default 100)") @RestQuery String limit) {
        long from = QueryParams.longParam("after", after, 0, 0, Long.MAX_VALUE);
        int max = QueryParams.intParam("limit", limit, 100, 1, ChangeFeed.MAX_LIMIT);
        return feed.after(from, max);
    }

    @GET
    @Path("/recent")
    @Operation(summary = "The latest changes, newest first",
            description = "For people (the portal's \"recent changes\"): each team or product at its latest change, with its "
                    + "name, whether it was created, updated or deleted, and when. Followers use the feed above instead.")
    @APIResponse(responseCode = "200", description = "[{revision, kind, slug, name, op: created|updated|deleted, at}]")
    @APIResponse(responseCode = "400", description = "Bad limit")
    public List<ChangeFeed.Recent> recent(
            @Parameter(description = "At most this many (1-100, default 10)") @RestQuery String limit) {
        return feed.recent(QueryParams.intParam("limit", limit, 10, 1, 100));
    }
}
