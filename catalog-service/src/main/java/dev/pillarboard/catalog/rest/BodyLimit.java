package dev.pillarboard.catalog.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.pillarboard.catalog.ApiProblem;
import dev.pillarboard.catalog.config.CatalogConfig;

/**
 * Refuses bodies over the configured limits with 413 problem+json before they are read: JSON
 * bodies up to {@code limits.json-body-bytes}, Backstage imports up to
 * {@code limits.import-body-bytes}. (Bodies without a Content-Length stop at the HTTP layer's
 * hard ceiling, {@code quarkus.http.limits.max-body-size}.)
 */
public class BodyLimit {

    private final CatalogConfig config;

    public BodyLimit(CatalogConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        long limit = request.getUriInfo().getPath().startsWith("/api/import")
                ? config.limits().importBodyBytes()
                : config.limits().jsonBodyBytes();
        if (bytes <= limit) {
            return null;
        }
        Problem problem = Problem.of(ApiProblem.tooLarge(limit)).at(request.getUriInfo().getPath());
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
