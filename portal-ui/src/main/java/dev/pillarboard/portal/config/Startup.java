package dev.pillarboard.portal.config;

import jakarta.enterprise.event.Observes;

import dev.pillarboard.portal.view.Display;
import io.quarkus.runtime.StartupEvent;

/** Applies the display settings when the portal starts. */
public class Startup {

    void start(@Observes StartupEvent event, PortalConfig config) {
        Display.showTimesIn(config.zone());
    }
}
