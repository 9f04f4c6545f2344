package dev.pillarboard.scorecard.rest;

import java.net.URI;
import java.time.Instant;
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
import dev.pillarboard.scorecard.Attestation;
import dev.pillarboard.scorecard.evidence.AttestationRequest;
import dev.pillarboard.scorecard.evidence.AttestationService;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/attestations")
@Tag(name = "Attestations", description = "A team member states that a practice is in place, with evidence")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class AttestationResource {

    private final AttestationService attestations;
    private final ProductMirror products;

    public AttestationResource(AttestationService attestations, ProductMirror products) {
        this.attestations = attestations;
        this.products = products;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.DEVELOPER, Caller.TEAM_LEAD, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Attest a check", description = "Members of the owning team (or platform admins) attest checks "
            + "whose evidence is an attestation; it counts from when the practice was performed (performedAt, default now) "
            + "until the check's validity ends (validUntil)")
    @APIResponse(responseCode = "201", description = "Attested; Location set")
    @APIResponse(responseCode = "400", description = "Invalid request (evidenceUrl must be an absolute http(s) URL; "
            + "performedAt not in the future, not before the product was created, not so long ago it would have lapsed)")
    @APIResponse(responseCode = "403", description = "Not a member of the owning team")
    @APIResponse(responseCode = "422", description = "Unknown product or check, or the check is not decided by attestation")
    @Blocking
    public CompletionStage<RestResponse<Views.AttestationView>> attest(@Valid @NotNull AttestationRequest request) {
        Instant performedAt = Times.instant("performedAt", request.performedAt(), false);
        return products.whenKnown(List.of(request.product()), () -> {
            Attestation attestation = attestations.attest(request, performedAt);
            return RestResponse.ResponseBuilder.<Views.AttestationView> created(URI.create("/api/attestations/" + attestation.id))
                    .entity(Views.AttestationView.of(attestation, DatabaseTime.now())).build();
        });
    }

    @GET
    @Operation(summary = "Attestations, newest first")
    @APIResponse(responseCode = "200", description = "A page of attestations")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    public PageView<Views.AttestationView> list(@RestQuery String product, @RestQuery String check, @RestQuery String page,
            @RestQuery String size) {
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        Page<Attestation> found = attestations.list(QueryParams.optional(product), QueryParams.optional(check), p, s);
        var now = DatabaseTime.now();
        return PageView.of(found.map(a -> Views.AttestationView.of(a, now)), p, s);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One attestation")
    @APIResponse(responseCode = "200", description = "The attestation")
    @APIResponse(responseCode = "404", description = "No such attestation")
    public Views.AttestationView get(@RestPath String id) {
        return Views.AttestationView.of(attestations.get(QueryParams.id(id)), DatabaseTime.now());
    }
}
