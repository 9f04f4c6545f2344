package dev.pillarboard.portal.client;

import java.util.Optional;

/**
 * A service's answer to a write, or to a read whose ETag matters: the value with its ETag, a problem document the
 * service sent (4xx), or nothing because the service is unavailable.
 */
public record Reply<T>(T value, String etag, Problem problem, int status, boolean unavailable) {

    public static <T> Reply<T> ok(T value, String etag, int status) {
        return new Reply<>(value, etag, null, status, false);
    }

    public static <T> Reply<T> refused(Problem problem) {
        return new Reply<>(null, null, problem, problem.status(), false);
    }

    public static <T> Reply<T> down() {
        return new Reply<>(null, null, null, 503, true);
    }

    public boolean ok() {
        return !unavailable && problem == null;
    }

    public boolean notFound() {
        return status == 404;
    }

    /** The value, when the read succeeded. */
    public Optional<T> found() {
        return Optional.ofNullable(ok() ? value : null);
    }
}
