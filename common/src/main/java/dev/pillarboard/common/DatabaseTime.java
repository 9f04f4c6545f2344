package dev.pillarboard.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants at database precision (microseconds), so that what a service returns equals what it stores. */
public final class DatabaseTime {

    private DatabaseTime() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
