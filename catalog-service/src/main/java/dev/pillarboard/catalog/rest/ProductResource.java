package dev.pillarboard.catalog.rest;

import java.util.List;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.catalog.Product;
import dev.pillarboard.catalog.service.ProductRequest;
import dev.pillarboard.catalog.service.ProductService;
import dev.pillarboard.catalog.service.ProductView;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.request.IfMatch;
import dev.pillarboard.common.rest.ETagged;
import dev.pillarboard.common.rest.MediaTypes;
import dev.pillarboard.common.rest.NoBody;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import io.quarkus.security.Authenticated;

@Path("/api/products")
@Tag(name = "Products", description = "The products the scorecard rates")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class ProductResource {

    private final ProductService products;
    private final ObjectMapper mapper;

    public ProductResource(ProductService products, ObjectMapper mapper) {
        this.products = products;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "List products", description = "Filtered, sorted and paged (page is 0-based, size at most 100)")
    @APIResponse(responseCode = "200", description = "A page of products with the total count")
    @APIResponse(responseCode = "400", description = "Unknown sort field or a bad parameter")
    public PageView<ProductView> list(
            @Parameter(description = "Owning team slug, or several separated by commas") @RestQuery String owner,
            @Parameter(description = "Phase, e.g. pre-launch, pre-pmf, pmf") @RestQuery String phase,
            @Parameter(description = "Tier 1-3") @RestQuery String tier,
            @Parameter(description = "Has this tag") @RestQuery String tag,
            @Parameter(description = "Case-insensitive text in name or description") @RestQuery String q,
            @Parameter(description = "name, updatedAt or tier; prefix - for descending") @RestQuery String sort,
            @RestQuery String page, @RestQuery String size) {
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        var filter = new ProductService.Filter(owners(owner), QueryParams.optional(phase),
                QueryParams.optionalInt("tier", tier, 1, 3), QueryParams.optional(tag), QueryParams.optional(q));
        Page<ProductView> result = products.list(filter, sort, p, s);
        return PageView.of(result, p, s);
    }

    /** Team slugs separated by commas (at most 100); blank entries are ignored. */
    static List<String> owners(String owner) {
        return QueryParams.list("owner", owner, 100);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "Read a product", description = "The ETag header carries the product's revision; If-None-Match gives 304")
    @APIResponse(responseCode = "200", description = "The product")
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such product")
    public RestResponse<ProductView> get(@RestPath String slug, @RestHeader(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ProductView product = products.get(slug);
        return ETagged.unlessNoneMatch(product, IfMatch.etag(product.revision()), ifNoneMatch);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.DEVELOPER, Caller.TEAM_LEAD, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Create a product", description = "Developers and team leads may create products owned by one of their teams")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag headers set")
    @APIResponse(responseCode = "400", description = "Invalid product (field-level violations)")
    @APIResponse(responseCode = "403", description = "Not allowed to write products of that team")
    @APIResponse(responseCode = "409", description = "Slug taken")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "422", description = "Unknown owner team")
    public RestResponse<ProductView> create(@Valid @NotNull ProductRequest request) {
        Product product = products.create(request);
        return ETagged.created(URI.create("/api/products/" + product.slug), ProductView.of(product), IfMatch.etag(product.revision));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.DEVELOPER, Caller.TEAM_LEAD, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Replace a product; needs If-Match")
    @APIResponse(responseCode = "200", description = "Updated; new ETag")
    @APIResponse(responseCode = "400", description = "Invalid product")
    @APIResponse(responseCode = "403", description = "Not allowed to write this product or to give it to that team")
    @APIResponse(responseCode = "404", description = "No such product")
    @APIResponse(responseCode = "422", description = "Unknown owner team")
    @NeedsIfMatch
    public RestResponse<ProductView> replace(@RestPath String slug, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ProductRequest request) {
        return updated(products.replace(slug, request, ifMatch));
    }

    @PATCH
    @Path("/{slug}")
    @Consumes({ MediaTypes.MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Caller.DEVELOPER, Caller.TEAM_LEAD, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Change some fields of a product (JSON merge patch, RFC 7386); needs If-Match",
            description = "e.g. {\"phase\": \"pmf\"}; null removes a link or annotation: {\"links\": {\"runbook\": null}}")
    @APIResponse(responseCode = "200", description = "Updated; new ETag")
    @APIResponse(responseCode = "400", description = "Not a JSON object, or the result is an invalid product")
    @APIResponse(responseCode = "403", description = "Not allowed to write this product")
    @APIResponse(responseCode = "404", description = "No such product")
    @APIResponse(responseCode = "422", description = "Unknown owner team")
    @NeedsIfMatch
    public RestResponse<ProductView> patch(@RestPath String slug, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            String body) throws JsonProcessingException {
        JsonNode patch = body == null || body.isBlank() ? null : mapper.readTree(body);
        return updated(products.patch(slug, patch, ifMatch));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed({ Caller.DEVELOPER, Caller.TEAM_LEAD, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Delete a product; needs If-Match")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not allowed to write this product")
    @APIResponse(responseCode = "404", description = "No such product")
    @APIResponse(responseCode = "400", description = "A request body: a delete takes none")
    @NeedsIfMatch
    public RestResponse<Void> delete(@RestPath String slug, @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Context HttpHeaders headers) {
        NoBody.required(headers);
        products.delete(slug, ifMatch);
        return RestResponse.noContent();
    }

    private static RestResponse<ProductView> updated(Product product) {
        return ETagged.ok(ProductView.of(product), IfMatch.etag(product.revision));
    }
}
