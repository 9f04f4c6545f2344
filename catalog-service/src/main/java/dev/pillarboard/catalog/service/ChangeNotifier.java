package dev.pillarboard.catalog.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.pillarboard.catalog.config.CatalogConfig;
import io.quarkus.logging.Log;

/**
 * After a catalog change commits, pings the services that follow the change feed
 * ({@code pillarboard.catalog.notify.urls}) so they pull right away instead of at their next
 * poll. Best effort: a ping carries no data, bursts of changes coalesce into one ping in
 * flight per URL, and a follower that misses one still catches up by polling.
 */
@ApplicationScoped
public class ChangeNotifier {

    private final List<Target> targets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public ChangeNotifier(CatalogConfig config) {
        this.targets = config.notification().urls().orElse(List.of()).stream()
                .filter(url -> !url.isBlank())
                .map(url -> new Target(URI.create(url.trim())))
                .toList();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogChanged change) {
        targets.forEach(this::ping);
    }

    private void ping(Target target) {
        if (target.inFlight.getAndSet(true)) {
            target.again.set(true);
            return;
        }
        target.again.set(false);
        HttpRequest request = HttpRequest.newBuilder(target.uri)
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                Log.debugf("Could not ping %s: %s", target.uri, failure.getMessage());
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

        Target(URI uri) {
            this.uri = uri;
        }
    }
}
