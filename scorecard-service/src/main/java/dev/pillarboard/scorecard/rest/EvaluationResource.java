package dev.pillarboard.scorecard.rest;

import java.net.URI;
import java.util.UUID;

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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.rest.NoBody;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.EvaluationJob;
import dev.pillarboard.scorecard.evaluation.EvaluationJobs;
import io.quarkus.security.Authenticated;

@Path("/api/evaluations")
@Tag(name = "Evaluations", description = "Re-evaluating every product, as a job you can follow")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class EvaluationResource {

    private final EvaluationJobs jobs;
    private final Caller caller;

    public EvaluationResource(EvaluationJobs jobs, Caller caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Caller.PLATFORM_ADMIN)
    @Operation(summary = "Re-evaluate every product (platform admins)", description = "Starts a job; follow it at Location")
    @APIResponse(responseCode = "202", description = "Started: {id, status, done, total}")
    @APIResponse(responseCode = "400", description = "A request body: this endpoint takes none")
    @APIResponse(responseCode = "403", description = "Not a platform admin")
    public RestResponse<Views.JobView> start(@Context HttpHeaders headers) {
        NoBody.required(headers);
        EvaluationJob job = jobs.request("manual", caller.name());
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, Views.JobView.of(job))
                .location(URI.create("/api/evaluations/" + job.id())).build();
    }

    @GET
    @Operation(summary = "The jobs, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "{items, page, size, total}")
    @APIResponse(responseCode = "400", description = "A bad page or size")
    public PageView<Views.JobView> list(@RestQuery String page, @RestQuery String size) {
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        Page<EvaluationJob> found = jobs.page(p, s);
        return PageView.of(found.map(Views.JobView::of), p, s);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job's progress", description = "status queued, running, done or failed; done of total products")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job")
    public Views.JobView get(@RestPath String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("evaluation job", id);
        }
        return Views.JobView.of(jobs.get(uuid));
    }
}
