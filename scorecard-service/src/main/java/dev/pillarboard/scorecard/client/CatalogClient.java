package dev.pillarboard.scorecard.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * The catalog's change feed ({@code quarkus.rest-client.catalog.url}), read with a client-credentials
 * token of the default {@code quarkus.oidc-client} (fetched, cached and refreshed by the filter; none
 * when that client is disabled, as in tests). Used through {@link CatalogFeed}.
 */
@RegisterRestClient(configKey = "catalog")
@OidcClientFilter
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    @GET
    @Path("/changes")
    CatalogChanges changes(@QueryParam("after") long after, @QueryParam("limit") int limit);
}
