package dev.pillarboard.scorecard.client;

import java.time.Duration;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import dev.pillarboard.scorecard.config.ScorecardConfig;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;

/**
 * Adds a client-credentials bearer token (from the default {@code quarkus.oidc-client}) to catalog
 * requests, fetched once and renewed shortly before it expires. Does nothing when
 * {@code pillarboard.scorecard.sync.auth=none} (tests, where WireMock checks no token).
 */
@Singleton
public class CatalogAuthFilter implements ClientRequestFilter {

    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final boolean enabled;
    private final Instance<OidcClient> oidcClient;
    private volatile Tokens tokens;

    public CatalogAuthFilter(ScorecardConfig config, Instance<OidcClient> oidcClient) {
        this.enabled = "client-credentials".equals(config.sync().auth());
        this.oidcClient = oidcClient;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (!enabled) {
            return;
        }
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token());
    }

    private synchronized String token() {
        Tokens current = tokens;
        if (current == null || current.isAccessTokenWithinRefreshInterval() || expiresSoon(current)) {
            try {
                current = oidcClient.get().getTokens().await().atMost(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                tokens = null;
                throw new CatalogUnavailable("could not get a token for the catalog: " + e.getMessage());
            }
            tokens = current;
        }
        return current.getAccessToken();
    }

    private static boolean expiresSoon(Tokens tokens) {
        Long expiresAt = tokens.getAccessTokenExpiresAt();
        return expiresAt != null && expiresAt * 1000 - System.currentTimeMillis() < RENEW_BEFORE.toMillis();
    }
}
