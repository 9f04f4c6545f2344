package dev.pillarboard.portal.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's readiness, for the portal's own readiness report. */
@RegisterRestClient(configKey = "catalog")
@Path("/q/health")
public interface CatalogProbe {

    @GET
    @Path("/ready")
    Response ready();
}
