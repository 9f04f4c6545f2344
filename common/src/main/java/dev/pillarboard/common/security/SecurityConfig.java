package dev.pillarboard.common.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Identity settings, under {@code pillarboard.security}. */
@ConfigMapping(prefix = "pillarboard.security")
public interface SecurityConfig {

    /** Name of the token claim that lists the caller's team slugs. */
    @WithDefault("teams")
    String teamsClaim();

    /**
     * How long a verified bearer token is answered from memory ({@link VerifiedTokenCache}), at most:
     * never past the token's own expiry. A token revoked at the identity provider keeps working this
     * long on a replica that has seen it; zero turns the cache off.
     */
    @WithDefault("60s")
    Duration tokenCacheMaxAge();
}
