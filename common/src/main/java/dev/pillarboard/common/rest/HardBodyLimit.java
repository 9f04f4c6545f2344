package dev.pillarboard.common.rest;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.ApiProblem;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The network layer's ceiling on request bodies ({@code quarkus.http.limits.max-body-size}), answered in the API's
 * words like every other refusal.
 * <ul>
 * <li>A {@code Content-Length} over the ceiling: Quarkus refuses it before anything else with a bare 413 (no body)
 * and closes the connection. This route runs just before Quarkus's and answers the same 413 as {@link BodyLimit}
 * does below the ceiling, a problem document quoting the endpoint's own limit, which is what the client has to stay
 * under; then the connection is closed as Quarkus would, without reading the body.</li>
 * <li>A body without {@code Content-Length} (chunked) never reaches the ceiling while it is read: {@link BodyLimit}
 * refuses it at the endpoint's limit, which {@link #install} requires to be below the ceiling. Once an answer is out
 * while the body is still arriving (refused, or never read: an unknown path, a body-less endpoint), the rest is read
 * and dropped so that the connection can serve the next request, up to the ceiling: past it the connection is closed.
 * Without this, the rest of a refused chunked body was read to its end, however long, before or after the answer.</li>
 * </ul>
 * HTTP/2 streams are left to Vert.x: closing the connection would end the client's other streams.
 */
@Singleton
public class HardBodyLimit {

    private final HttpLimits limits;
    private final Optional<MemorySize> ceiling;
    private final ObjectMapper json;

    public HardBodyLimit(HttpLimits limits,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> ceiling, ObjectMapper json) {
        this.limits = limits;
        this.ceiling = ceiling;
        this.json = json;
    }

    void install(@Observes Router router) {
        if (ceiling.isEmpty()) {
            return;
        }
        long max = ceiling.get().asLongValue();
        requireBelow(max, "pillarboard.http.json-body-bytes", limits.jsonBodyBytes());
        for (Map.Entry<String, Long> large : limits.largeBody().entrySet()) {
            requireBelow(max, "pillarboard.http.large-body.\"" + large.getKey() + "\"", large.getValue());
        }
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> limit(context, max));
    }

    /**
     * An endpoint's limit at or over the ceiling would let a chunked body reach the ceiling first, which Quarkus
     * answers with a bare 413: refuse to start instead.
     */
    private static void requireBelow(long ceiling, String property, long bytes) {
        if (bytes >= ceiling) {
            throw new IllegalStateException(property + " (" + bytes + " bytes) must be below quarkus.http.limits.max-body-size ("
                    + ceiling + " bytes): raise the ceiling or lower the limit");
        }
    }

    private void limit(RoutingContext context, long ceiling) {
        HttpServerRequest request = context.request();
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                // Not a length: left to the HTTP layer, which refuses it.
            }
        }
        if (declared > ceiling) {
            refuse(context, ceiling, http1);
            return;
        }
        if (http1 && (declared > 0 || request.getHeader(HttpHeaderNames.TRANSFER_ENCODING) != null)) {
            context.addEndHandler(answered -> dropRest(request, ceiling));
        }
        context.next();
    }

    private void refuse(RoutingContext context, long ceiling, boolean http1) {
        String path = context.normalizedPath();
        long limit = Math.min(BodyLimit.limitFor(limits, path), ceiling);
        byte[] body;
        try {
            body = json.writeValueAsBytes(Problem.of(ApiProblem.tooLarge(limit)).at(path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = context.response().setStatusCode(413).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (http1) {
            // The body is not read: the connection cannot carry another request.
            response.putHeader(HttpHeaderNames.CONNECTION, "close");
            context.addEndHandler(answered -> context.request().connection().close());
        }
        response.end(Buffer.buffer(body));
    }

    /** After the answer: the rest of the body is read and dropped, up to the ceiling; past it the connection closes. */
    private static void dropRest(HttpServerRequest request, long ceiling) {
        if (request.isEnded()) {
            return;
        }
        if (request.bytesRead() > ceiling) {
            request.connection().close();
            return;
        }
        try {
            request.handler(data -> {
                if (request.bytesRead() > ceiling) {
                    request.connection().close();
                }
            });
            request.resume();
        } catch (IllegalStateException ended) {
            // Ended meanwhile: nothing left to drop.
        }
    }
}
