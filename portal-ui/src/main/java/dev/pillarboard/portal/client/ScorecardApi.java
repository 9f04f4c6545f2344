package dev.pillarboard.portal.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** scorecard-service's REST API, called with the signed-in user's access token (see {@link CatalogApi}). */
@RegisterRestClient(configKey = "scorecard")
@RegisterProvider(UserToken.class)
@RegisterProvider(PageLanguage.class)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface ScorecardApi {

    @GET
    @Path("/rubric")
    ScorecardData.Rubric rubric();

    @GET
    @Path("/rubric")
    @Produces("application/yaml")
    String rubricYaml();

    @GET
    @Path("/rubric/versions")
    Paged<ScorecardData.RubricVersion> rubricVersions(@QueryParam("page") int page, @QueryParam("size") int size);

    /** Publishes a rubric; with {@code dryRun=true} it is checked and its impact reported, and nothing is stored. */
    @PUT
    @Path("/rubric")
    @Consumes("application/yaml")
    Response putRubric(String yaml, @QueryParam("dryRun") Boolean dryRun);

    @GET
    @Path("/scorecards")
    Paged<ScorecardData.Summary> scorecards(@QueryParam("owner") String owner, @QueryParam("phase") String phase,
            @QueryParam("pillar") String pillar, @QueryParam("meetsBar") Boolean meetsBar,
            @QueryParam("reviewDue") Boolean reviewDue, @QueryParam("check") String check, @QueryParam("tier") Integer tier,
            @QueryParam("q") String q, @QueryParam("sort") String sort, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/scorecards/{product}")
    Response scorecard(@PathParam("product") String product);

    @GET
    @Path("/scorecards/{product}/history")
    ScorecardData.History history(@PathParam("product") String product, @QueryParam("from") String from);

    @GET
    @Path("/overview")
    ScorecardData.Overview overview(@QueryParam("owner") String owner, @QueryParam("checks") int checks);

    @GET
    @Path("/deadlines")
    Paged<ScorecardData.Deadline> deadlines(@QueryParam("owner") String owner, @QueryParam("kind") String kind,
            @QueryParam("before") String before, @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/teams/{slug}/history")
    ScorecardData.TeamHistory teamHistory(@PathParam("slug") String slug, @QueryParam("from") String from);

    @GET
    @Path("/scorecards/{product}/changes")
    ScorecardData.Changes changes(@PathParam("product") String product, @QueryParam("since") String since);

    @GET
    @Path("/scorecards/{product}/readiness/{phase}")
    Response readiness(@PathParam("product") String product, @PathParam("phase") String phase);

    @GET
    @Path("/teams/{slug}/summary")
    Response teamSummary(@PathParam("slug") String slug);

    @GET
    @Path("/tasks")
    Paged<ScorecardData.Task> tasks(@QueryParam("owner") String owner, @QueryParam("product") String product,
            @QueryParam("priority") String priority, @QueryParam("status") String status,
            @QueryParam("requirement") String requirement, @QueryParam("sort") String sort, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/tasks/{id}")
    Response task(@PathParam("id") long id);

    @PATCH
    @Path("/tasks/{id}")
    @Consumes("application/merge-patch+json")
    Response patchTask(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, Object body);

    @GET
    @Path("/waivers")
    Paged<ScorecardData.Waiver> waivers(@QueryParam("product") String product, @QueryParam("owner") String owner,
            @QueryParam("status") String status, @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/waivers/{id}")
    Response waiver(@PathParam("id") long id);

    @POST
    @Path("/waivers")
    @Consumes(MediaType.APPLICATION_JSON)
    Response requestWaiver(Object body);

    @POST
    @Path("/waivers/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    Response decideWaiver(@PathParam("id") long id, Object body);

    @GET
    @Path("/reviews")
    Paged<ScorecardData.Review> reviews(@QueryParam("product") String product, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @POST
    @Path("/reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    Response review(Object body);

    @GET
    @Path("/attestations")
    Paged<ScorecardData.Attestation> attestations(@QueryParam("product") String product, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @POST
    @Path("/attestations")
    @Consumes(MediaType.APPLICATION_JSON)
    Response attest(Object body);

    @POST
    @Path("/evaluations")
    Response startEvaluation();

    @GET
    @Path("/evaluations/{id}")
    Response evaluation(@PathParam("id") String id);

    @GET
    @Path("/evaluations")
    Paged<ScorecardData.Job> evaluations(@QueryParam("page") int page, @QueryParam("size") int size);
}
