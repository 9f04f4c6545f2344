package dev.pillarboard.scorecard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The catalog's change feed ({@code quarkus.rest-client.catalog.url}). Used through {@link CatalogFeed}. */
@RegisterRestClient(configKey = "catalog")
@RegisterProvider(CatalogAuthFilter.class)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    @GET
    @Path("/changes")
    CatalogChanges changes(@QueryParam("after") long after, @QueryParam("limit") int limit);
}
