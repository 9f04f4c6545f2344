package dev.pillarboard.catalog.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Catalog settings, under {@code pillarboard.catalog}.
 */
@ConfigMapping(prefix = "pillarboard.catalog")
public interface CatalogConfig {

    /** The known product phases, in order (the default rubric's three). */
    @WithDefault("pre-launch,pre-pmf,pmf")
    List<String> phases();

    Limits limits();

    @WithName("import")
    Import importing();

    @WithName("notify")
    Notify notification();

    interface Limits {
        /** Largest Backstage import body accepted, in bytes. */
        @WithDefault("33554432")
        long importBodyBytes();
    }

    interface Import {
        /** Tier given to imported products without a {@code pillarboard.dev/tier} annotation. */
        @WithDefault("3")
        int defaultTier();

        /** Backstage {@code spec.lifecycle} value to Pillarboard phase. */
        Map<String, String> lifecycle();
    }

    interface Notify {
        /** URLs pinged (POST, no body) after every committed catalog change. */
        Optional<List<String>> urls();
    }
}
