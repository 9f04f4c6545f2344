package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest fact automation pushed for one key of one product.
 *
 * @param key        e.g. {@code slo.count}, {@code restore.last_tested_at}
 * @param value      the value
 * @param observedAt when the fact was observed (not when it was received)
 * @param source     who pushed it, e.g. {@code prometheus-exporter}; empty if unknown
 */
public record Signal(String key, SignalValue value, Instant observedAt, String source) {
    /** Requires key, value and observedAt; a null source becomes empty. */
    public Signal {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(observedAt, "observedAt");
        source = source == null ? "" : source;
    }
}
