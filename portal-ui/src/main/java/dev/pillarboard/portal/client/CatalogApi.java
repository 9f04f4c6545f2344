package dev.pillarboard.portal.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/**
 * catalog-service's REST API, called with the signed-in user's access token. Reads of lists are typed; reads that
 * need the ETag and every write answer a {@link Response}, so {@link Catalog} can read the status, the ETag and a
 * problem document without exceptions (the default exception mapper is off for this client).
 */
@RegisterRestClient(configKey = "catalog")
@RegisterProvider(UserToken.class)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogApi {

    @GET
    @Path("/teams")
    Paged<CatalogData.Team> teams(@QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/teams/{slug}")
    Response team(@PathParam("slug") String slug);

    @GET
    @Path("/products")
    Paged<CatalogData.Product> products(@QueryParam("owner") String owner, @QueryParam("phase") String phase,
            @QueryParam("tier") Integer tier, @QueryParam("q") String q, @QueryParam("sort") String sort,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/products/{slug}")
    Response product(@PathParam("slug") String slug);

    @POST
    @Path("/products")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createProduct(Object body);

    @PUT
    @Path("/products/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response replaceProduct(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch, Object body);

    @DELETE
    @Path("/products/{slug}")
    Response deleteProduct(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch);

    @GET
    @Path("/changes/recent")
    List<CatalogData.Change> recentChanges(@QueryParam("limit") int limit);

    @POST
    @Path("/import")
    @Consumes("application/yaml")
    Response importYaml(@QueryParam("dryRun") boolean dryRun, String yaml);

    @PATCH
    @Path("/products/{slug}")
    @Consumes("application/merge-patch+json")
    Response patchProduct(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch, Object body);
}
