package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything besides catalog data that scoring one product uses. Immutable; maps are copied.
 *
 * @param signals      the latest signal per key
 * @param attestations the attestation per check id whose practice was performed last
 * @param waivers      an approved waiver per check id (the service passes the one that counts longest in the
 *                     product's phase)
 */
public record Evidence(Map<String, Signal> signals, Map<String, Attested> attestations,
                       Map<String, ApprovedWaiver> waivers) {

    private static final Evidence EMPTY = new Evidence(Map.of(), Map.of(), Map.of());

    /** Copies the maps; null maps become empty. */
    public Evidence {
        signals = signals == null ? Map.of() : Map.copyOf(signals);
        attestations = attestations == null ? Map.of() : Map.copyOf(attestations);
        waivers = waivers == null ? Map.of() : Map.copyOf(waivers);
    }

    /** No evidence at all. */
    public static Evidence empty() {
        return EMPTY;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Mutable builder that keeps the latest signal per key (by {@code observedAt}), the attestation per
     * check whose practice was performed last (by {@code performedAt}, then {@code at}) and the
     * longest-lasting waiver per check. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, Signal> signals = new HashMap<>();
        private final Map<String, Attested> attestations = new HashMap<>();
        private final Map<String, ApprovedWaiver> waivers = new HashMap<>();

        private Builder() {
        }

        /** Adds a signal; an older one for the same key is ignored. */
        public Builder signal(Signal signal) {
            signals.merge(signal.key(), signal,
                    (old, added) -> added.observedAt().isBefore(old.observedAt()) ? old : added);
            return this;
        }

        /** Adds a signal from its parts. */
        public Builder signal(String key, SignalValue value, Instant observedAt, String source) {
            return signal(new Signal(key, value, observedAt, source));
        }

        /** Adds an attestation of a check; one of a practice performed earlier (or equally, attested earlier) is ignored. */
        public Builder attestation(String checkId, Attested attestation) {
            attestations.merge(checkId, attestation, (old, added) -> {
                int byPractice = added.performedAt().compareTo(old.performedAt());
                return byPractice < 0 || byPractice == 0 && added.at().isBefore(old.at()) ? old : added;
            });
            return this;
        }

        /** Adds an approved waiver of a check; of two for the same check the one that expires last is kept. */
        public Builder waiver(String checkId, ApprovedWaiver waiver) {
            waivers.merge(checkId, waiver,
                    (old, added) -> added.expiresAt().isBefore(old.expiresAt()) ? old : added);
            return this;
        }

        /** Builds the evidence. */
        public Evidence build() {
            return new Evidence(signals, attestations, waivers);
        }
    }
}
