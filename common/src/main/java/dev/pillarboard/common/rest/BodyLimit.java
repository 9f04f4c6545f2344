package dev.pillarboard.common.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.pillarboard.common.ApiProblem;

/**
 * Refuses bodies over the configured limits ({@link HttpLimits}) with 413 problem+json: before
 * they are read when the Content-Length says so, and while they are read when there is none
 * (a chunked HTTP/1.1 body, an HTTP/2 body): its bytes are counted, and the read that passes the limit fails with
 * {@link TooLarge}, which {@link ProblemMappers} answers with the same 413.
 */
public class BodyLimit {

    private final HttpLimits limits;

    public BodyLimit(HttpLimits limits) {
        this.limits = limits;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            // Chunked (HTTP/1.1) or framed (HTTP/2) without a declared length: count while reading.
            if (!HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())) {
                request.setEntityStream(new Counted(request.getEntityStream(), limitFor(request.getUriInfo().getPath())));
            }
            return null;
        }
        long limit = limitFor(request.getUriInfo().getPath());
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (bytes <= limit) {
            return null;
        }
        Problem problem = Problem.of(ApiProblem.tooLarge(limit)).at(request.getUriInfo().getPath());
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    long limitFor(String path) {
        return limitFor(limits, path);
    }

    /** The limit of the endpoint at {@code path}: its own, if it has one, else the JSON bodies' limit. */
    static long limitFor(HttpLimits limits, String path) {
        for (Map.Entry<String, Long> large : limits.largeBody().entrySet()) {
            if (path.startsWith(large.getKey())) {
                return large.getValue();
            }
        }
        return limits.jsonBodyBytes();
    }

    /**
     * A body that went over its limit while being read. An {@link IOException}, so that body
     * readers (Jackson included) pass it on as it is rather than as a malformed body.
     */
    public static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("The request body exceeds the limit of " + limit + " bytes", null);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /**
     * Counts the bytes read and fails the read that goes past the limit. Closing it reads what is left through the count,
     * so at most up to the limit: the stream underneath would read all of it, however long the client went on sending,
     * before the answer could be sent (a body reader closes its stream as it gives up: JSON malformed at its first byte,
     * a body over the limit). A body that goes past the limit while it is read or drained is left unread: what happens to
     * the rest is {@link HardBodyLimit}'s business, once the answer is out.
     */
    static final class Counted extends FilterInputStream {
        private final long limit;
        private long count;
        private boolean leftUnread;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        @Override
        public void close() throws IOException {
            byte[] rest = new byte[8192];
            try {
                while (!leftUnread && read(rest, 0, rest.length) >= 0) {
                    // dropped
                }
            } catch (IOException unread) {
                leftUnread = true;
            }
            if (!leftUnread) {
                super.close();
            }
        }

        private void counted(long n) throws TooLarge {
            count += n;
            if (count > limit) {
                leftUnread = true;
                throw new TooLarge(limit);
            }
        }
    }
}
