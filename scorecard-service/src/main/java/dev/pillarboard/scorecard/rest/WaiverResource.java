package dev.pillarboard.scorecard.rest;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.Waiver;
import dev.pillarboard.scorecard.evidence.WaiverDecision;
import dev.pillarboard.scorecard.evidence.WaiverRequest;
import dev.pillarboard.scorecard.evidence.WaiverService;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/waivers")
@Tag(name = "Waivers", description = "A team asks to waive a check until a date; a team lead decides")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class WaiverResource {

    private final WaiverService waivers;
    private final ProductMirror products;

    public WaiverResource(WaiverService waivers, ProductMirror products) {
        this.waivers = waivers;
        this.products = products;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.DEVELOPER, Caller.TEAM_LEAD, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Request a waiver", description = "Members of the owning team; expiresAt in the future and within a year")
    @APIResponse(responseCode = "201", description = "Requested (status requested); Location set")
    @APIResponse(responseCode = "400", description = "Invalid request or expiry")
    @APIResponse(responseCode = "403", description = "Not a member of the owning team")
    @APIResponse(responseCode = "409", description = "A request for this check is already awaiting a decision")
    @APIResponse(responseCode = "422", description = "Unknown product or check")
    @Blocking
    public CompletionStage<RestResponse<Views.WaiverView>> request(@Valid @NotNull WaiverRequest request) {
        return products.whenKnown(List.of(request.product()), () -> {
            Waiver waiver = waivers.request(request);
            return RestResponse.ResponseBuilder.<Views.WaiverView> created(URI.create("/api/waivers/" + waiver.id))
                    .entity(Views.WaiverView.of(waiver, DatabaseTime.now())).build();
        });
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.TEAM_LEAD, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Approve or reject a waiver", description = "Team leads of the owning team (not the requester) or "
            + "platform admins, once. An approved waiver counts until it expires.")
    @APIResponse(responseCode = "200", description = "Decided")
    @APIResponse(responseCode = "400", description = "decision must be approve or reject")
    @APIResponse(responseCode = "403", description = "Not a team lead of the owning team, or you requested it")
    @APIResponse(responseCode = "404", description = "No such waiver")
    @APIResponse(responseCode = "409", description = "Already decided, or expired before the decision")
    public Views.WaiverView decide(@RestPath String id, @Valid @NotNull WaiverDecision decision) {
        return Views.WaiverView.of(waivers.decide(QueryParams.id(id), decision), DatabaseTime.now());
    }

    @GET
    @Operation(summary = "Waivers, newest first", description = "Filter by product, by owning teams, by status and by expiry")
    @APIResponse(responseCode = "200", description = "A page of waivers")
    @APIResponse(responseCode = "400", description = "Unknown status or a bad page")
    public PageView<Views.WaiverView> list(@RestQuery String product,
            @Parameter(description = "Owning team of the product, or several separated by commas") @RestQuery String owner,
            @Parameter(description = "requested, approved (and not expired), rejected or expired") @RestQuery String status,
            @Parameter(description = "Only waivers that stop counting before this ISO date or timestamp (e.g. "
                    + "status=approved&expiresBefore=2027-01-31: expiring soon)") @RestQuery String expiresBefore,
            @RestQuery String page, @RestQuery String size) {
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        Page<Waiver> found = waivers.list(QueryParams.optional(product), ScorecardResource.owners(owner),
                QueryParams.optional(status), Times.bounded("expiresBefore", expiresBefore, false), p, s);
        var now = DatabaseTime.now();
        return PageView.of(found.map(w -> Views.WaiverView.of(w, now)), p, s);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One waiver")
    @APIResponse(responseCode = "200", description = "The waiver")
    @APIResponse(responseCode = "404", description = "No such waiver")
    public Views.WaiverView get(@RestPath String id) {
        return Views.WaiverView.of(waivers.get(QueryParams.id(id)), DatabaseTime.now());
    }
}
