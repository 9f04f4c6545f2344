package dev.pillarboard.portal.client;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The fault-tolerance boundary around every call to a service: a short timeout for page reads so that a page renders
 * within a second when a service is slow, one quick retry of a read that could not connect or got a 5xx, and no retry
 * of writes (a POST is not repeated). 4xx answers are the service working: {@link ClientError} passes through without
 * counting as a failure.
 * <p>
 * The policy is written once, here; each service has its own bean ({@link ForCatalog}, {@link ForScorecard}), and
 * since a circuit breaker belongs to a bean's method, each service has one breaker for reads and one for writes: a
 * catalog that is down does not stop the scorecard's calls. Timeouts are per attempt. The read breaker opens when half
 * of a service's last 20 reads failed: a product page makes five or six reads at once, so one page caught in a burst of
 * load does not cut every page off for the next five seconds (a window of 4 did); a service that is down still opens
 * it within four pages.
 */
public abstract class Guarded {

    /** The guard of catalog-service's calls. */
    @ApplicationScoped
    public static class ForCatalog extends Guarded {
    }

    /** The guard of scorecard-service's calls. */
    @ApplicationScoped
    public static class ForScorecard extends Guarded {
    }

    @Timeout(value = 800, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 50, retryOn = { ProcessingException.class, ServerError.class })
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, skipOn = ClientError.class)
    public <T> T read(Supplier<T> call) {
        return checked(call);
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000, skipOn = ClientError.class)
    public <T> T write(Supplier<T> call) {
        return checked(call);
    }

    /** Turns HTTP errors into {@link ClientError} (4xx) or {@link ServerError} (5xx). */
    private static <T> T checked(Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status >= 500) {
                throw new ServerError(status);
            }
            throw new ClientError(status, e.getResponse());
        }
        if (result instanceof Response response && response.getStatus() >= 500) {
            int status = response.getStatus();
            response.close();
            throw new ServerError(status);
        }
        return result;
    }

    /** Whether a failure is the fault tolerance giving up on the service (as opposed to a refused request). */
    static boolean unavailable(Throwable t) {
        return t instanceof ProcessingException || t instanceof ServerError || t instanceof TimeoutException
                || t instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
    }
}
