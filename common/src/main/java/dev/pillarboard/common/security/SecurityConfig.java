package dev.pillarboard.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Identity settings, under {@code pillarboard.security}. */
@ConfigMapping(prefix = "pillarboard.security")
public interface SecurityConfig {

    /** Name of the token claim that lists the caller's team slugs. */
    @WithDefault("teams")
    String teamsClaim();
}
