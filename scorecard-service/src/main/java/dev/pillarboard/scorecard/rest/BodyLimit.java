package dev.pillarboard.scorecard.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.pillarboard.scorecard.ApiProblem;
import dev.pillarboard.scorecard.config.ScorecardConfig;

/**
 * Refuses bodies over the configured limits with 413 problem+json before they are read: rubric
 * YAML up to {@code limits.rubric-body-bytes}, JSON up to {@code limits.json-body-bytes}. (Bodies
 * without a Content-Length stop at the HTTP layer's ceiling, {@code quarkus.http.limits.max-body-size}.)
 */
public class BodyLimit {

    private final ScorecardConfig config;

    public BodyLimit(ScorecardConfig config) {
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
        long limit = request.getUriInfo().getPath().startsWith("/api/rubric")
                ? config.limits().rubricBodyBytes()
                : config.limits().jsonBodyBytes();
        if (bytes <= limit) {
            return null;
        }
        Problem problem = Problem.of(ApiProblem.tooLarge(limit)).at(request.getUriInfo().getPath());
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
