package dev.pillarboard.catalog.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Remembers bearer tokens that OIDC has already verified, so that a client sending the same
 * token again does not pay for signature verification and claim parsing on every request.
 *
 * <p>As an augmentor (running last) it records each identity OIDC produced, keyed by the exact
 * token text and valid until the token expires (at most {@link #MAX_AGE_MILLIS}). As an identity
 * provider with a priority above OIDC's, it answers a known, unexpired token from memory and
 * otherwise returns nothing, so that OIDC verifies the token as usual. The cache is bounded and
 * keeps only principal, roles and credentials.
 */
@ApplicationScoped
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    static final long MAX_AGE_MILLIS = 5 * 60_000;
    static final int MAX_ENTRIES = 10_000;

    private record Entry(SecurityIdentity identity, long validUntil) {
    }

    private final Map<String, Entry> verified = new ConcurrentHashMap<>();

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return SYSTEM_FIRST + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        Entry entry = verified.get(request.getToken().getToken());
        if (entry == null) {
            return Uni.createFrom().nullItem();
        }
        if (System.currentTimeMillis() >= entry.validUntil()) {
            verified.remove(request.getToken().getToken());
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(entry.identity());
    }

    /** Remembers an identity OIDC verified for this token. */
    void remember(String token, JsonWebToken jwt, SecurityIdentity identity) {
        if (verified.containsKey(token)) {
            return;
        }
        long now = System.currentTimeMillis();
        long validUntil = Math.min(jwt.getExpirationTime() * 1000, now + MAX_AGE_MILLIS);
        if (validUntil <= now) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(token, new Entry(QuarkusSecurityIdentity.builder()
                .setPrincipal(jwt)
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .build(), validUntil));
    }

    /** Runs after every other augmentor and records what OIDC verified. */
    @ApplicationScoped
    public static class Recorder implements SecurityIdentityAugmentor {

        private final VerifiedTokenCache cache;

        public Recorder(VerifiedTokenCache cache) {
            this.cache = cache;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
            if (credential != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
                cache.remember(credential.getToken(), jwt, identity);
            }
            return Uni.createFrom().item(identity);
        }

        @Override
        public int priority() {
            return Integer.MIN_VALUE;
        }
    }
}
