package dev.pillarboard.scorecard.config;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a service that is to read the catalog's feed with a client-credentials token
 * but has no client secret (production has no default: a known secret must never be a fallback).
 */
@ApplicationScoped
public class CatalogCredentials {

    private final ScorecardConfig config;
    private final boolean clientEnabled;
    private final Optional<String> secret;

    public CatalogCredentials(ScorecardConfig config,
            @ConfigProperty(name = "quarkus.oidc-client.client-enabled", defaultValue = "true") boolean clientEnabled,
            @ConfigProperty(name = "quarkus.oidc-client.credentials.secret") Optional<String> secret) {
        this.config = config;
        this.clientEnabled = clientEnabled;
        this.secret = secret;
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (config.sync().enabled() && clientEnabled
                && secret.filter(value -> !value.isBlank()).isEmpty()) {
            throw new IllegalStateException("CATALOG_CLIENT_SECRET is not set: the scorecard reads the catalog's change feed "
                    + "with the client credentials of quarkus.oidc-client.client-id and needs that client's secret "
                    + "(scripts/run.sh passes the local realm's)");
        }
    }
}
