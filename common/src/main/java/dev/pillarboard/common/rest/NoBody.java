package dev.pillarboard.common.rest;

import jakarta.ws.rs.core.HttpHeaders;

import dev.pillarboard.common.ApiProblem;

/**
 * For the endpoints that take no request body (start a job, poll, nudge): a body is refused rather than ignored,
 * as a misspelt or unknown field is elsewhere, since a client that sends one meant something by it (evaluate only
 * these products?) that the endpoint would silently not do.
 */
public final class NoBody {

    private NoBody() {
    }

    /** A 400 problem when the request declares a body: a Content-Length other than 0, or a chunked body. */
    public static void required(HttpHeaders headers) {
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = headers.getHeaderString("Transfer-Encoding") != null;
        if (chunked || (length != null && !length.trim().equals("0"))) {
            throw ApiProblem.badRequest("This endpoint takes no request body; send the request without one");
        }
    }
}
