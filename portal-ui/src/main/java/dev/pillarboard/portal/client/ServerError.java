package dev.pillarboard.portal.client;

/** A 5xx answer: retried once for reads, and counted by the circuit breaker. */
public class ServerError extends RuntimeException {

    public ServerError(int status) {
        super("HTTP " + status);
    }
}
