package dev.pillarboard.portal.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The portal's own settings ({@code pillarboard.portal.*}). */
@ConfigMapping(prefix = "pillarboard.portal")
public interface PortalConfig {

    /** The time zone dates and times are shown in (named on the page), e.g. Asia/Tokyo. */
    @WithDefault("UTC")
    ZoneId zone();
}
