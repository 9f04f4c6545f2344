package dev.pillarboard.portal.client;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;

/**
 * How {@link Catalog} and {@link Scorecards} turn a guarded call into what pages use: a value or empty plus a notice
 * for the page, or a {@link Reply} for writes. Callers never see a client exception.
 */
final class Calls {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Downstream service;

    Calls(Downstream service) {
        this.service = service;
    }

    /** A typed read: empty when refused (4xx) or when the service is unavailable (then the page gets a notice). */
    <T> Optional<T> read(Function<Supplier<T>, T> guard, Supplier<T> call) {
        try {
            return Optional.ofNullable(guard.apply(call));
        } catch (ClientError e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            down(e);
            return Optional.empty();
        }
    }

    /** A call answering a {@link Response}: its entity on 2xx, the problem on 4xx, or unavailable. */
    <T> Reply<T> reply(Function<Supplier<Response>, Response> guard, Supplier<Response> call, Class<T> type) {
        Response response;
        try {
            response = guard.apply(call);
        } catch (ClientError e) {
            if (e.response() == null) {
                return Reply.refused(new Problem(null, "HTTP " + e.status(), e.status(), null, null));
            }
            response = e.response();
        } catch (RuntimeException e) {
            down(e);
            return Reply.down();
        }
        try (Response answer = response) {
            int status = answer.getStatus();
            if (status >= 400) {
                return Reply.refused(problem(answer));
            }
            T value = type == Void.class || status == 204 || !answer.hasEntity() ? null : answer.readEntity(type);
            return Reply.ok(value, answer.getHeaderString(HttpHeaders.ETAG), status);
        } catch (RuntimeException e) {
            down(e);
            return Reply.down();
        }
    }

    private Problem problem(Response response) {
        int status = response.getStatus();
        try {
            // application/problem+json: read as text, then as JSON (the client has no reader for that media type).
            Problem problem = JSON.readValue(response.readEntity(String.class), Problem.class);
            return problem.status() == 0 ? new Problem(problem.type(), problem.title(), status, problem.detail(),
                    problem.violations()) : problem;
        } catch (RuntimeException | JsonProcessingException e) {
            return new Problem(null, "HTTP " + status, status, null, null);
        }
    }

    void down(RuntimeException e) {
        if (e instanceof CircuitBreakerOpenException) {
            Log.debugf("%s: circuit breaker open", service.id());
        } else if (Guarded.unavailable(e)) {
            Log.warnf("%s unavailable: %s", service.id(), e.toString());
        } else {
            Log.errorf(e, "%s call failed", service.id());
        }
        if (Arc.container().requestContext().isActive()) {
            Arc.container().instance(Notices.class).get().unavailable(service);
        }
    }
}
