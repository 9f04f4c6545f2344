package dev.pillarboard.common.security;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** How long a verified token is answered from memory: the shorter of its expiry and the configured age. */
class VerifiedTokenCacheTest {

    private static final long START = 1_800_000_000_000L;

    private final AtomicLong now = new AtomicLong(START);
    private final VerifiedTokenCache cache = new VerifiedTokenCache(60_000, now::get);

    @Test
    void aTokenIsAnsweredForTheConfiguredAgeAtMost() {
        JsonWebToken jwt = token("dana", START / 1000 + 3600);
        cache.remember("t1", jwt, identity(jwt));
        now.set(START + 59_999);
        assertNotNull(cache.lookup("t1"));
        now.set(START + 60_000);
        assertNull(cache.lookup("t1"));
    }

    @Test
    void aTokenIsNeverAnsweredPastItsOwnExpiry() {
        JsonWebToken jwt = token("dana", START / 1000 + 10);
        cache.remember("t2", jwt, identity(jwt));
        now.set(START + 9_999);
        assertNotNull(cache.lookup("t2"));
        now.set(START + 10_000);
        assertNull(cache.lookup("t2"));
    }

    @Test
    void anExpiredTokenIsNotRecordedAndOnlyTheExactTextMatches() {
        JsonWebToken expired = token("dana", START / 1000 - 1);
        cache.remember("old", expired, identity(expired));
        assertNull(cache.lookup("old"));
        JsonWebToken jwt = token("dana", START / 1000 + 3600);
        cache.remember("header.payload.signature", jwt, identity(jwt));
        assertNull(cache.lookup("header.payload.signaturf"));
        assertNull(cache.lookup("header.payload."));
    }

    @Test
    void aMaximumAgeOfZeroTurnsTheCacheOff() {
        VerifiedTokenCache off = new VerifiedTokenCache(0, now::get);
        JsonWebToken jwt = token("dana", START / 1000 + 3600);
        off.remember("t3", jwt, identity(jwt));
        assertNull(off.lookup("t3"));
    }

    private static SecurityIdentity identity(JsonWebToken jwt) {
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("developer").build();
    }

    private static JsonWebToken token(String name, long expiresAtSeconds) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of(Claims.exp.name(), Claims.sub.name());
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return (T) (claim.equals(Claims.exp.name()) ? (Object) expiresAtSeconds : (Object) name);
            }
        };
    }
}
