package dev.pillarboard.portal.client;

/**
 * A 4xx answer to a typed read: the service is healthy, the request was refused. Neither retried nor counted by
 * the circuit breaker.
 */
public class ClientError extends RuntimeException {

    private final int status;
    private final transient jakarta.ws.rs.core.Response response;

    public ClientError(int status, jakarta.ws.rs.core.Response response) {
        super("HTTP " + status);
        this.status = status;
        this.response = response;
    }

    public int status() {
        return status;
    }

    /** The answer, with the problem document the service sent (may be null). */
    public jakarta.ws.rs.core.Response response() {
        return response;
    }
}
