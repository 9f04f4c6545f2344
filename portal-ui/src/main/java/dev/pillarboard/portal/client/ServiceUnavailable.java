package dev.pillarboard.portal.client;

/** A service did not answer usefully: unreachable, too slow, a 5xx, or its circuit breaker is open. */
public class ServiceUnavailable extends RuntimeException {

    private final Downstream service;

    public ServiceUnavailable(Downstream service, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
    }

    public Downstream service() {
        return service;
    }
}
