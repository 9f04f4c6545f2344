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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.common.Page;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.Review;
import dev.pillarboard.scorecard.evidence.ReviewRequest;
import dev.pillarboard.scorecard.evidence.ReviewService;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;

@Path("/api/reviews")
@Tag(name = "Reviews", description = "A team lead signs off a product's scorecard")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class ReviewResource {

    private final ReviewService reviews;
    private final ProductMirror products;

    public ReviewResource(ReviewService reviews, ProductMirror products) {
        this.reviews = reviews;
        this.products = products;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.TEAM_LEAD, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Review a scorecard", description = "Team leads of the owning team or platform admins; "
            + "the scorecard shows review due again after the rubric's review interval")
    @APIResponse(responseCode = "201", description = "Recorded; Location set")
    @APIResponse(responseCode = "400", description = "decision must be approved or changes-requested")
    @APIResponse(responseCode = "403", description = "Not a team lead of the owning team")
    @APIResponse(responseCode = "422", description = "Unknown product")
    @Blocking
    public CompletionStage<RestResponse<Views.ReviewView>> review(@Valid @NotNull ReviewRequest request) {
        return products.whenKnown(List.of(request.product()), () -> {
            Review review = reviews.review(request);
            return RestResponse.ResponseBuilder.<Views.ReviewView> created(URI.create("/api/reviews/" + review.id))
                    .entity(Views.ReviewView.of(review)).build();
        });
    }

    @GET
    @Operation(summary = "Reviews, newest first")
    @APIResponse(responseCode = "200", description = "A page of reviews")
    @APIResponse(responseCode = "400", description = "Bad page or size")
    public PageView<Views.ReviewView> list(@RestQuery String product, @RestQuery String page, @RestQuery String size) {
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        Page<Review> found = reviews.list(QueryParams.optional(product), p, s);
        return PageView.of(found.map(Views.ReviewView::of), p, s);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One review")
    @APIResponse(responseCode = "200", description = "The review")
    @APIResponse(responseCode = "404", description = "No such review")
    public Views.ReviewView get(@RestPath String id) {
        return Views.ReviewView.of(reviews.get(QueryParams.id(id)));
    }
}
