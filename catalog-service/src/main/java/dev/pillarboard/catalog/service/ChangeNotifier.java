package dev.pillarboard.catalog.service;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.pillarboard.catalog.config.CatalogConfig;
import dev.pillarboard.common.CoalescingTask;
import io.quarkus.logging.Log;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * After a catalog change commits, pings the services that follow the change feed
 * ({@code pillarboard.catalog.notify.urls}) so they pull right away instead of at their next
 * poll. Best effort: a ping carries no data, bursts of changes coalesce into one ping in
 * flight per URL (a {@link CoalescingTask} on Quarkus's worker pool), and a follower that misses
 * one still catches up by polling.
 *
 * <p>A ping carries the bearer token of the caller whose write it follows (every write is
 * authenticated): followers accept pings only from authenticated callers, and the catalog needs
 * no credentials of its own for them.
 */
@ApplicationScoped
public class ChangeNotifier {

    private final List<Target> targets;
    private final SecurityIdentity identity;

    public ChangeNotifier(CatalogConfig config, SecurityIdentity identity, ExecutorService executor) {
        this.identity = identity;
        this.targets = config.notification().urls().orElse(List.of()).stream()
                .filter(url -> !url.isBlank())
                .map(url -> new Target(URI.create(url.trim()), executor))
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
            target.pings.request();
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

    private static final class Target {
        final URI uri;
        /** Built on the first ping, so that a catalog without followers never builds a client. */
        private FollowerNudge client;
        final CoalescingTask pings;
        /** The token of the latest write: a coalesced ping carries the newest one. */
        final AtomicReference<String> token = new AtomicReference<>();

        Target(URI uri, ExecutorService executor) {
            this.uri = uri;
            this.pings = new CoalescingTask(executor, this::ping);
        }

        private void ping() {
            String bearer = token.get();
            try {
                if (client == null) {
                    client = QuarkusRestClientBuilder.newBuilder().baseUri(uri)
                            .connectTimeout(1, TimeUnit.SECONDS).readTimeout(2, TimeUnit.SECONDS)
                            .build(FollowerNudge.class);
                }
                client.nudge(bearer == null ? null : "Bearer " + bearer);
            } catch (RuntimeException e) {
                Log.debugf("Could not ping %s: %s", uri, e.getMessage());
            }
        }
    }
}
