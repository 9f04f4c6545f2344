package dev.pillarboard.common.rest;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request body limits, under {@code pillarboard.http}. */
@ConfigMapping(prefix = "pillarboard.http")
public interface HttpLimits {

    /** Largest request body accepted, in bytes, unless a path has its own limit below. */
    @WithDefault("1048576")
    long jsonBodyBytes();

    /**
     * Paths (prefixes) that accept larger bodies, with their limit in bytes, e.g.
     * {@code pillarboard.http.large-body."/api/import"=33554432}.
     */
    Map<String, Long> largeBody();
}
