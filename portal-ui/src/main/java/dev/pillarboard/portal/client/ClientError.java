package dev.pillarboard.portal.client;

/**
 * A 4xx answer to a typed read: the service is healthy, the request was refused. Neither retried nor counted by
 * the circuit breaker.
 */
public class ClientError extends RuntimeException {

    private final int status;

    public ClientError(int status) {
        super("HTTP " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
