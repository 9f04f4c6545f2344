package dev.pillarboard.portal.web;

import java.util.Optional;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Error pages in the layout and the page's language, never a stack trace: not found, a form whose CSRF token is
 * missing or wrong (the CSRF filter answers a bare 400), a form whose text is not UTF-8, a form too large, and anything
 * unexpected (logged with an id the page shows).
 */
public class Errors {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String kind, String id);
    }

    private final Pages pages;

    public Errors(Pages pages) {
        this.pages = pages;
    }

    /** A page of the portal that does not exist, or a product, team or check that does not. */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "not_found", null);
    }

    @ServerExceptionMapper
    public Response forbidden(jakarta.ws.rs.ForbiddenException e) {
        return page(403, "forbidden", null);
    }

    /** A page that needs a service that is down: the layout's notice says which; nothing else to show. */
    @ServerExceptionMapper
    public Response serviceDown(ServiceDown e) {
        return page(503, "service_down", null);
    }

    /**
     * A form over the form reader's limits (a text field over {@code quarkus.http.limits.max-form-attribute-size}, 2 MiB;
     * a whole form over the ceiling is {@link BodyCeiling}'s): what the limits are, not "something went wrong".
     * Any other refusal of the REST layer (a form sent in a format its page does not use: 415; a method a path does not
     * take: 405) is the request's fault too, said as such; only a 5xx is unexpected.
     */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return page(413, "too_large", BodyCeiling.back(headers.getHeaderString("Referer")));
        }
        if (status >= 400 && status < 500) {
            Log.infof("Refused a request with %d: %s", status, e.getMessage());
            return page(status, "unreadable", null);
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        String id = Long.toString(System.nanoTime(), 36);
        Log.errorf(e, "Unexpected error %s", id);
        return page(500, "unexpected", id);
    }

    /** The CSRF filter refuses a form with a bare 400: explain it, so the user knows to reload the form. */
    @ServerResponseFilter
    public void formRefused(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity() && "POST".equals(request.getMethod())) {
            response.setEntity(pages.render(Templates.error(400, "form_expired", null)), null, MediaType.TEXT_HTML_TYPE);
        }
    }

    /**
     * A form (URL-encoded or multipart) whose text fields arrived as bytes that are not UTF-8: refused with a 400 page
     * naming the field, before any resource sends it on. The form reader decodes such bytes to U+FFFD replacement
     * characters without saying so, which a service would then store as they are; a browser submitting the portal's
     * (UTF-8) pages never sends them. Uploaded files are not text fields: the import page decodes its file strictly.
     */
    @ServerRequestFilter
    @WithFormRead
    public Optional<Response> formNotUtf8(ResteasyReactiveContainerRequestContext request) {
        if (!(request.getServerRequestContext() instanceof ResteasyReactiveRequestContext context)) {
            return Optional.empty();
        }
        FormData form = context.getFormData();
        if (form == null) {
            return Optional.empty();
        }
        for (String field : form) {
            for (FormValue value : form.get(field)) {
                if (!value.isFileItem() && value.getValue() != null && value.getValue().indexOf('\uFFFD') >= 0) {
                    Log.infof("Refused a form on %s: field %s is not UTF-8", request.getUriInfo().getPath(), field);
                    return Optional.of(Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                            .entity(pages.render(Templates.error(400, "form_encoding", field))).build());
                }
            }
        }
        return Optional.empty();
    }

    private Response page(int status, String kind, String id) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(pages.render(Templates.error(status, kind, id))).build();
    }
}
