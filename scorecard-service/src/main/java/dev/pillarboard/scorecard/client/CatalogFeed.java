package dev.pillarboard.scorecard.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The catalog's change feed with a timeout, one quick retry and a circuit breaker. Every failure
 * reaches callers as {@link CatalogUnavailable} with a one-line reason.
 */
@ApplicationScoped
public class CatalogFeed {

    private final Guarded guarded;

    public CatalogFeed(Guarded guarded) {
        this.guarded = guarded;
    }

    /** Changes after a revision, oldest first. */
    public CatalogChanges changes(long after, int limit) {
        try {
            CatalogChanges changes = guarded.changes(after, limit);
            if (changes == null) {
                throw new CatalogUnavailable("the catalog answered with an empty body");
            }
            return changes;
        } catch (CatalogUnavailable e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new CatalogUnavailable("the catalog failed repeatedly; not asking again for a few seconds");
        } catch (TimeoutException e) {
            throw new CatalogUnavailable("the catalog did not answer in time");
        } catch (WebApplicationException e) {
            throw new CatalogUnavailable("the catalog answered HTTP " + e.getResponse().getStatus());
        } catch (RuntimeException e) {
            throw new CatalogUnavailable(describe(e));
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (e instanceof ProcessingException) {
            return "the catalog cannot be reached: " + message;
        }
        return "the catalog could not be read: " + message;
    }

    /** The fault-tolerance layer (a separate bean, so that the interceptors apply). */
    @ApplicationScoped
    public static class Guarded {

        private final CatalogClient client;

        public Guarded(@RestClient CatalogClient client) {
            this.client = client;
        }

        @Timeout(value = 5, unit = ChronoUnit.SECONDS)
        @Retry(maxRetries = 1, delay = 200, abortOn = CatalogUnavailable.class)
        @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
                skipOn = CatalogUnavailable.class)
        public CatalogChanges changes(long after, int limit) {
            return client.changes(after, limit);
        }
    }
}
