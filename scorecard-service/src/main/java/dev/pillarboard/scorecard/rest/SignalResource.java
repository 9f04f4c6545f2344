package dev.pillarboard.scorecard.rest;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.evidence.SignalRequest;
import dev.pillarboard.scorecard.evidence.SignalService;
import io.smallrye.common.annotation.Blocking;

@Path("/api/signals")
@Tag(name = "Signals", description = "Facts that automation pushes (SLO counts, scan dates, alert ratios...)")
@SecurityRequirement(name = "SecurityScheme")
public class SignalResource {

    private final SignalService signals;
    private final Caller caller;

    public SignalResource(SignalService signals, Caller caller) {
        this.signals = signals;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.AUTOMATION, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Push a batch of signals (automation)", description = "[{product, key, value, observedAt, source}], "
            + "at most 1000; value is a number, a boolean or a string; observedAt an ISO timestamp, not in the future. "
            + "All or nothing: any invalid item rejects the batch. The latest observation per product and key counts; an "
            + "older one than stored is ignored (counted in ignoredAsOlder). Scorecards reflect it within seconds.")
    @APIResponse(responseCode = "202", description = "Stored; the products are being re-evaluated")
    @APIResponse(responseCode = "400", description = "Invalid batch: violations name each item and field, e.g. [3].value")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Only automation clients and platform admins push signals")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "422", description = "Some products are not in the catalog: violations name them")
    @Blocking
    public CompletionStage<RestResponse<SignalService.Accepted>> push(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = SignalRequest.class,
                    minItems = 1, maxItems = 1000))) JsonNode body) {
        // Read as a tree, checked against SignalRequest's constraints by SignalBatch: every problem of every item at once.
        return signals.push(body, caller.name())
                .thenApply(accepted -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, accepted).build());
    }
}
