package dev.pillarboard.common.rest;

import java.net.URI;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * Answers that carry their entity's {@code ETag} (a quoted tag, as {@code IfMatch.etag} makes it), so that a client
 * can send it back in {@code If-Match} or {@code If-None-Match}.
 */
public final class ETagged {

    private ETagged() {
    }

    /** 200 with the entity and its ETag. */
    public static <T> RestResponse<T> ok(T entity, String etag) {
        return RestResponse.ResponseBuilder.ok(entity).header(HttpHeaders.ETAG, etag).build();
    }

    /** 201 with {@code Location}, the entity and its ETag. */
    public static <T> RestResponse<T> created(URI location, T entity, String etag) {
        return RestResponse.ResponseBuilder.<T> created(location).entity(entity).header(HttpHeaders.ETAG, etag).build();
    }

    /** 304 with the ETag and no body when {@code ifNoneMatch} is exactly that tag, else 200 with the entity and its ETag. */
    public static <T> RestResponse<T> unlessNoneMatch(T entity, String etag, String ifNoneMatch) {
        if (etag.equals(ifNoneMatch)) {
            return RestResponse.ResponseBuilder.<T> create(RestResponse.Status.NOT_MODIFIED).header(HttpHeaders.ETAG, etag).build();
        }
        return ok(entity, etag);
    }
}
