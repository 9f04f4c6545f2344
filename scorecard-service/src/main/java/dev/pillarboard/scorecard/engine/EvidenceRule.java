package dev.pillarboard.scorecard.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a check decides its {@link Outcome}: exactly one of a catalog predicate, a signal predicate
 * or a team attestation.
 */
public sealed interface EvidenceRule {

    /** The rubric spelling of the kind: {@code catalog}, {@code signal} or {@code attestation}. */
    String kind();

    /**
     * The rule as plain maps mirroring the rubric YAML, for the REST view, e.g.
     * {@code {signal: {key: slo.count, op: gte, value: 1, maxAge: 30d}}}. Attestation rules show the
     * effective {@code validForDays} (the rubric default filled in).
     */
    Map<String, Object> toPlain();

    /** A predicate over the product's catalog data; never {@link Outcome#UNKNOWN}. */
    record CatalogRule(CatalogPredicate predicate) implements EvidenceRule {
        /** Rejects null. */
        public CatalogRule {
            Objects.requireNonNull(predicate, "predicate");
        }

        @Override
        public String kind() {
            return "catalog";
        }

        @Override
        public Map<String, Object> toPlain() {
            return Map.of("catalog", predicate.toPlain());
        }
    }

    /**
     * A predicate over the latest signal automation pushed for {@code key}.
     *
     * @param key       the signal key, e.g. {@code slo.count}
     * @param condition the test; every {@link Op} except {@code contains}
     * @param maxAge    signals observed longer ago than this count as missing ({@link Outcome#UNKNOWN});
     *                  {@code null} = a signal never goes stale
     * @param countKey  the signal with the size of the sample the value was computed from (e.g. the pages of
     *                  the window a ratio covers), or null
     * @param minCount  the smallest sample that is judged: below it the outcome is
     *                  {@link Outcome#INSUFFICIENT_DATA}; set exactly when {@code countKey} is
     */
    record SignalRule(String key, Condition condition, DurationSpec maxAge, String countKey, Long minCount)
            implements EvidenceRule {

        /** A rule without a minimum sample. */
        public SignalRule(String key, Condition condition, DurationSpec maxAge) {
            this(key, condition, maxAge, null, null);
        }

        /** Rejects a blank key, {@code contains}, and a count key without a minimum (or the reverse). */
        public SignalRule {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(condition, "condition");
            if (key.isBlank()) {
                throw new IllegalArgumentException("a signal rule needs a key");
            }
            if (condition.op() == Op.CONTAINS) {
                throw new IllegalArgumentException("'contains' applies to catalog tags only");
            }
            if ((countKey == null) != (minCount == null)) {
                throw new IllegalArgumentException("minCount and countKey go together");
            }
            if (minCount != null && minCount < 1) {
                throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
            }
        }

        @Override
        public String kind() {
            return "signal";
        }

        /**
         * For a dated practice ({@code op: within}), when the date {@code value} leaves the window (the check stops
         * passing then, unless a newer date arrives); null for another rule or a value that is not a date.
         */
        public Instant windowEndsFor(Object value) {
            if (!(condition instanceof Condition.Within within) || !(value instanceof String text)) {
                return null;
            }
            Instant date = RuleCompiler.instantOf(new SignalValue.Str(text));
            return date == null ? null : date.plus(within.maxAge().duration());
        }

        /** The shortest window of a dated practice that is a team's deadline rather than automation's. */
        public static final Duration PRACTICE_WINDOW = Duration.ofDays(30);

        /**
         * Whether the rule asks for a practice a team repeats: a date within a window of at least
         * {@link #PRACTICE_WINDOW} (the last restore test within 90 days), not a date automation renews every day or two
         * (the last backup, the last scan).
         */
        public boolean datedPractice() {
            return condition instanceof Condition.Within within && within.maxAge().duration().compareTo(PRACTICE_WINDOW) >= 0;
        }

        @Override
        public Map<String, Object> toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            plain.put("key", key);
            condition.putPlain(plain);
            if (maxAge != null) {
                plain.put("maxAge", maxAge.text());
            }
            if (countKey != null) {
                plain.put("minCount", minCount);
                plain.put("countKey", countKey);
            }
            return Map.of("signal", Collections.unmodifiableMap(plain));
        }
    }

    /**
     * A member of the owning team states the practice is in place, with an evidence URL.
     *
     * @param validForDays how long an attestation counts (the check's {@code validForDays}, else the
     *                     rubric's {@code attestationValidityDays}); positive
     */
    record AttestationRule(int validForDays) implements EvidenceRule {
        /** Requires a positive number of days. */
        public AttestationRule {
            if (validForDays <= 0) {
                throw new IllegalArgumentException("validForDays must be positive, got " + validForDays);
            }
        }

        @Override
        public String kind() {
            return "attestation";
        }

        @Override
        public Map<String, Object> toPlain() {
            return Map.of("attestation", Map.of("validForDays", validForDays));
        }
    }
}
