package dev.pillarboard.portal.web;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.pillarboard.portal.i18n.Languages;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A form or upload over the portal's ceiling on request bodies ({@code quarkus.http.limits.max-body-size}, 34 MiB: an
 * import file of 32 MiB and the rest of its form). Quarkus refuses it with a bare 413 and closes the connection while
 * the browser is still sending, which a browser shows as a connection reset, not as an answer. This route, just before
 * Quarkus's, answers a 413 page in the user's language that says what the limits are, then reads and drops the rest of
 * the upload before closing the connection (for at most {@link #LINGER_MILLIS}: a browser reads the answer only once
 * it has sent the form). The page stands alone, without the layout: it is answered before the user is known.
 */
@Singleton
public class BodyCeiling {

    /** How long the rest of a refused upload is read, at most, before the connection is closed anyway. */
    static final long LINGER_MILLIS = 30_000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tooLarge(String lang, String back);
    }

    private final Optional<MemorySize> ceiling;

    public BodyCeiling(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> ceiling) {
        this.ceiling = ceiling;
    }

    void install(@Observes Router router) {
        ceiling.ifPresent(max -> router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(context -> limit(context, max.asLongValue())));
    }

    /** Where "back to the form" goes: the page the form was on (the Referer's path), else the home page. */
    static String back(String referer) {
        if (referer == null) {
            return "/";
        }
        try {
            URI uri = URI.create(referer);
            String path = uri.getRawPath() == null ? null : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return LocalPath.orHome(path);
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    private void limit(RoutingContext context, long ceiling) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1; // not a length: left to the HTTP layer, which refuses it
        }
        if (declared <= ceiling) {
            context.next();
            return;
        }
        String page = Templates.tooLarge(Languages.of(request).getLanguage(), back(request.getHeader(HttpHeaderNames.REFERER)))
                .setLocale(Languages.of(request)).render();
        var response = context.response().setStatusCode(413).putHeader(HttpHeaderNames.CONTENT_TYPE, "text/html;charset=UTF-8");
        if (request.version() == HttpVersion.HTTP_2) {
            response.end(page);
            return;
        }
        response.putHeader(HttpHeaderNames.CONNECTION, "close").end(page);
        long timer = context.vertx().setTimer(LINGER_MILLIS, expired -> request.connection().close());
        request.handler(data -> {
            // dropped
        });
        request.endHandler(done -> {
            context.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.resume();
    }
}
