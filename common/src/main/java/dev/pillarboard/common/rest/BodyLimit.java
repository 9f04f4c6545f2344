package dev.pillarboard.common.rest;

import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.pillarboard.common.ApiProblem;

/**
 * Refuses bodies over the configured limits ({@link HttpLimits}) with 413 problem+json before
 * they are read. (Bodies without a Content-Length stop at the HTTP layer's hard ceiling,
 * {@code quarkus.http.limits.max-body-size}.)
 */
public class BodyLimit {

    private final HttpLimits limits;

    public BodyLimit(HttpLimits limits) {
        this.limits = limits;
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
        long limit = limitFor(request.getUriInfo().getPath());
        if (bytes <= limit) {
            return null;
        }
        Problem problem = Problem.of(ApiProblem.tooLarge(limit)).at(request.getUriInfo().getPath());
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    long limitFor(String path) {
        for (Map.Entry<String, Long> large : limits.largeBody().entrySet()) {
            if (path.startsWith(large.getKey())) {
                return large.getValue();
            }
        }
        return limits.jsonBodyBytes();
    }
}
