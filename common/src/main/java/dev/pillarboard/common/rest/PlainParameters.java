package dev.pillarboard.common.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.pillarboard.common.ApiProblem;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses a request whose path or query parameters, once decoded, contain a control character
 * (anything below U+0020, and U+007F): a slug, a filter or a search term never does, and
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
        if (controlAt(uri.getPath()) >= 0) {
            return problem(ApiProblem.invalid("path", "contains a control character; path segments are slugs and ids"), rawPath);
        }
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            String name = parameter.getKey();
            if (controlAt(name) >= 0) {
                return problem(ApiProblem.badRequest("A query parameter name contains a control character"), rawPath);
            }
            for (String value : parameter.getValue()) {
                int at = controlAt(value);
                if (at >= 0) {
                    return problem(ApiProblem.invalid(name, "contains the control character U+%04X at position %d"
                            .formatted((int) value.charAt(at), at + 1)), rawPath);
                }
            }
        }
        return null;
    }

    /** The index of the first control character of {@code text}, or -1. */
    static int controlAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    private static Response problem(ApiProblem problem, String rawPath) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(Problem.of(problem).at(rawPath)).build();
    }
}
