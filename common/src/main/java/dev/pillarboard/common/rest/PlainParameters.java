package dev.pillarboard.common.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.PlainText;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses a request whose path or query parameters, once decoded, contain a control character
 * ({@link PlainText}'s rule, single-line): a slug, a filter or a search term never does, and
 * PostgreSQL refuses U+0000 in any text it is asked to compare with. 400 problem+json naming the
 * parameter, before any resource method runs.
 */
public class PlainParameters {

    @ServerRequestFilter(preMatching = true)
    public Response refuse(ContainerRequestContext request, HttpServerRequest http) {
        // A control character can only arrive percent-encoded (the HTTP layer refuses raw ones):
        // most requests have nothing encoded, and are not decoded here at all.
        if (http.uri().indexOf('%') < 0) {
            return null;
        }
        UriInfo uri = request.getUriInfo();
        String rawPath = uri.getRequestUri().getRawPath();
        if (PlainText.refusedAt(uri.getPath(), false) >= 0) {
            return problem(ApiProblem.invalid("path", "contains a control character; path segments are slugs and ids"), rawPath);
        }
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            String name = parameter.getKey();
            if (PlainText.refusedAt(name, false) >= 0) {
                return problem(ApiProblem.badRequest("A query parameter name contains a control character"), rawPath);
            }
            for (String value : parameter.getValue()) {
                String refused = PlainText.problem(value, false);
                if (refused != null) {
                    return problem(ApiProblem.invalid(name, refused), rawPath);
                }
            }
        }
        return null;
    }

    private static Response problem(ApiProblem problem, String rawPath) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(Problem.of(problem).at(rawPath)).build();
    }
}
