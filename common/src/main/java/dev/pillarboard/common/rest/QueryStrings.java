package dev.pillarboard.common.rest;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.pillarboard.common.ApiProblem;
import io.vertx.core.http.HttpServerRequest;

/**
 * A query string means what it says, as URLs define it:
 * <ul>
 * <li>a {@code ;} is part of the value it is in (only {@code &} separates parameters): {@code sort=name;drop} asks
 * to sort by "name;drop", an unknown field, a 400 naming the fields there are. The HTTP layer underneath splits
 * parameters at {@code ;} too (an HTML 4 habit), so that {@code sort=name;drop} read as {@code sort=name} and junk
 * after a valid value went unseen. A query with a raw {@code ;} is given again with the {@code ;} percent-encoded,
 * before anything reads a parameter;</li>
 * <li>a parameter is given once: every parameter of the API takes one value ({@code owner} takes several, separated
 * by commas), and of {@code owner=a&owner=b} the resources saw only {@code a}. A second one is a 400 naming it.</li>
 * </ul>
 */
public class QueryStrings {

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Response check(ContainerRequestContext request, HttpServerRequest http) {
        String query = http.query();
        if (query == null || query.isEmpty()) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
            if (name != null && !names.add(name)) {
                ApiProblem twice = ApiProblem.invalid(name, "is given more than once; give each parameter once "
                        + "(several values, where a parameter takes them, separated by commas)");
                return Response.status(400).type(Problem.MEDIA_TYPE)
                        .entity(Problem.of(twice).at(request.getUriInfo().getRequestUri().getRawPath())).build();
            }
        }
        if (query.indexOf(';') >= 0) {
            String uri = request.getUriInfo().getRequestUri().toString();
            int start = uri.indexOf('?');
            if (start >= 0) {
                request.setRequestUri(URI.create(uri.substring(0, start + 1) + uri.substring(start + 1).replace(";", "%3B")));
            }
        }
        return null;
    }

    /** A parameter's name as the resources see it; null when it cannot be decoded (PlainParameters names that). */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
