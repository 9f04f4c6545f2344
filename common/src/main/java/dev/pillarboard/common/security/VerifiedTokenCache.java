package dev.pillarboard.common.security;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Remembers bearer tokens that OIDC has already verified, so that a client sending the same
 * token again does not pay, on every request, for parsing it, checking its signature and
 * building its identity.
 *
 * <p>The cache is itself an augmentor that runs after all others: it records each identity OIDC
 * produced, keyed by the exact token text. {@link Mechanism}, an HTTP authentication mechanism
 * tried before OIDC's, answers a known token from memory and otherwise steps aside, so that OIDC
 * verifies the token as usual (and answers the 401 challenge). Only tokens OIDC accepted are ever
 * recorded: one with an unknown key, another issuer, a bad signature or past its expiry never
 * reaches the augmentor. Only principal, roles and credentials are kept.
 *
 * <p>The trade-off, stated: an entry is answered until the token expires or
 * {@code pillarboard.security.token-cache-max-age} (default 60 s) has passed since OIDC verified it,
 * whichever comes first, so a token revoked at the identity provider keeps working that long on a
 * replica that has seen it (OIDC itself checks signature and expiry, not revocation, so without
 * the cache it would keep working until it expires). The catalog's read throughput depends on it:
 * it halves the CPU of an authenticated request. Bounded at {@link #MAX_ENTRIES}: when full,
 * expired entries go, and a new token is not recorded until there is room.
 */
@ApplicationScoped
public class VerifiedTokenCache implements SecurityIdentityAugmentor {

    static final int MAX_ENTRIES = 10_000;
    private static final String BEARER = "Bearer ";

    private record Entry(SecurityIdentity identity, long validUntil) {
    }

    private final Map<String, Entry> verified = new ConcurrentHashMap<>();
    private final long maxAgeMillis;
    private final LongSupplier clock;

    @Inject
    public VerifiedTokenCache(SecurityConfig config) {
        this(config.tokenCacheMaxAge().toMillis(), System::currentTimeMillis);
    }

    VerifiedTokenCache(long maxAgeMillis, LongSupplier clock) {
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    /** The identity OIDC verified for this token, if it is still valid. */
    SecurityIdentity lookup(String token) {
        Entry entry = verified.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.validUntil()) {
            verified.remove(token);
            return null;
        }
        return entry.identity();
    }

    void remember(String token, JsonWebToken jwt, SecurityIdentity identity) {
        if (maxAgeMillis <= 0 || verified.containsKey(token)) {
            return;
        }
        long now = clock.getAsLong();
        long validUntil = Math.min(jwt.getExpirationTime() * 1000, now + maxAgeMillis);
        if (validUntil <= now) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(entry -> entry.validUntil() <= now);
            if (verified.size() >= MAX_ENTRIES) {
                return;
            }
        }
        verified.put(token, new Entry(QuarkusSecurityIdentity.builder()
                .setPrincipal(jwt)
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .build(), validUntil));
    }

    /** Records what OIDC verified; runs after every other augmentor, so the identity is complete. */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
            remember(credential.getToken(), jwt, identity);
        }
        return Uni.createFrom().item(identity);
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    /** Answers requests whose bearer token is already verified; steps aside for all others. */
    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {

        private final VerifiedTokenCache cache;

        public Mechanism(VerifiedTokenCache cache) {
            this.cache = cache;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
            String header = context.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().item(cache.lookup(header.substring(BEARER.length()).trim()));
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Uni<Boolean> sendChallenge(RoutingContext context) {
            return Uni.createFrom().item(false);
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of();
        }

        @Override
        public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public int getPriority() {
            // Ahead of OIDC's own mechanism (quarkus.oidc.priority, DEFAULT_PRIORITY + 1 unless configured).
            return DEFAULT_PRIORITY + 100;
        }
    }
}
