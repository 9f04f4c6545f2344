package dev.pillarboard.scorecard;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants at database precision (microseconds), so that what we return equals what we store. */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
