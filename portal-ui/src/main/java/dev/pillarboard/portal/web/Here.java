package dev.pillarboard.portal.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.vertx.ext.web.RoutingContext;

/** Where the user is: the layout marks the current section, and forms return here. */
@RequestScoped
@Named("here")
public class Here {

    private final RoutingContext request;

    public Here(RoutingContext request) {
        this.request = request;
    }

    public String path() {
        return request.request().path();
    }

    /** The path with its query: where a form on this page sends the user back to. */
    public String pathAndQuery() {
        String query = request.request().query();
        return query == null || query.isEmpty() ? path() : path() + "?" + query;
    }

    /** Whether the page belongs to the section at this path ("/" only for the home page itself). */
    public boolean in(String section) {
        String path = path();
        if ("/".equals(section)) {
            return "/".equals(path);
        }
        return path.equals(section) || path.startsWith(section + "/") || path.startsWith(section + ".");
    }

    public boolean secure() {
        return request.request().isSSL() || "https".equalsIgnoreCase(request.request().getHeader("X-Forwarded-Proto"));
    }
}
