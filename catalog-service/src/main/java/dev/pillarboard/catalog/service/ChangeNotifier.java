package dev.pillarboard.catalog.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.pillarboard.catalog.config.CatalogConfig;
import io.quarkus.logging.Log;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * After a catalog change commits, pings the services that follow the change feed
 * ({@code pillarboard.catalog.notify.urls}) so they pull right away instead of at their next
 * poll. Best effort: a ping carries no data, bursts of changes coalesce into one ping in
 * flight per URL, and a follower that misses one still catches up by polling.
 *
 * <p>A ping carries the bearer token of the caller whose write it follows (every write is
 * authenticated): followers accept pings only from authenticated callers, and the catalog needs
 * no credentials of its own for them.
 */
@ApplicationScoped
public class ChangeNotifier {

    private final List<Target> targets;
    private final SecurityIdentity identity;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public ChangeNotifier(CatalogConfig config, SecurityIdentity identity) {
        this.identity = identity;
        this.targets = config.notification().urls().orElse(List.of()).stream()
                .filter(url -> !url.isBlank())
                .map(url -> new Target(URI.create(url.trim())))
                .toList();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogChanged change) {
        if (targets.isEmpty()) {
            return;
        }
        String token = callerToken();
        for (Target target : targets) {
            if (token != null) {
                target.token.set(token);
            }
            ping(target);
        }
    }

    /** The bearer token of the request that wrote, if there is one. */
    private String callerToken() {
        try {
            AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
            return credential == null ? null : credential.getToken();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    private void ping(Target target) {
        if (target.inFlight.getAndSet(true)) {
            target.again.set(true);
            return;
        }
        target.again.set(false);
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri)
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.noBody());
        String token = target.token.get();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                Log.debugf("Could not ping %s: %s", target.uri, failure.getMessage());
            } else if (response.statusCode() >= 300) {
                Log.debugf("Ping to %s answered %d", target.uri, response.statusCode());
            }
            target.inFlight.set(false);
            if (target.again.getAndSet(false)) {
                ping(target);
            }
        });
    }

    private static final class Target {
        final URI uri;
        final AtomicBoolean inFlight = new AtomicBoolean();
        final AtomicBoolean again = new AtomicBoolean();
        /** The token of the latest write: a coalesced ping carries the newest one. */
        final AtomicReference<String> token = new AtomicReference<>();

        Target(URI uri) {
            this.uri = uri;
        }
    }
}
