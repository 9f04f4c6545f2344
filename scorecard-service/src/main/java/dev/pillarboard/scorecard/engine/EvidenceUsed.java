package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check result was based on: the catalog fields and values seen, the signal used, or the
 * attestation used. Values are plain Java ({@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, {@code Integer}, {@code List<String>}, {@code Instant}) so a JSON serialiser
 * can write the records directly; {@link #toPlain()} gives the same as a map with a {@code kind}.
 */
public sealed interface EvidenceUsed {

    /** {@code catalog}, {@code signal} or {@code attestation}. */
    String kind();

    /** The evidence as a map: {@code kind} plus the record's fields (absent values left out). */
    Map<String, Object> toPlain();

    /**
     * The catalog fields a catalog rule read, with the values it saw.
     *
     * @param fields every field the rule names, in rule order, each once
     */
    record CatalogEvidence(List<FieldSeen> fields) implements EvidenceUsed {
        /** Copies the list. */
        public CatalogEvidence {
            fields = List.copyOf(fields);
        }

        @Override
        public String kind() {
            return "catalog";
        }

        @Override
        public Map<String, Object> toPlain() {
            List<Map<String, Object>> plainFields = new ArrayList<>(fields.size());
            for (FieldSeen field : fields) {
                Map<String, Object> plain = new LinkedHashMap<>();
                plain.put("field", field.field());
                plain.put("value", field.value());
                plainFields.add(Collections.unmodifiableMap(plain));
            }
            Map<String, Object> plain = startPlain(this);
            plain.put("fields", List.copyOf(plainFields));
            return Collections.unmodifiableMap(plain);
        }
    }

    /**
     * One catalog field and the value seen.
     *
     * @param field canonical field path, e.g. {@code links.runbook}
     * @param value the value ({@code String}, {@code Integer} for tier, {@code List<String>} for tags),
     *              or {@code null} if the product has none
     */
    record FieldSeen(String field, Object value) {
    }

    /**
     * The signal a signal rule read.
     *
     * @param key        the signal key
     * @param value      the value ({@code Long}, {@code Double}, {@code Boolean}, {@code String}),
     *                   or null if no signal was pushed
     * @param observedAt when it was observed, or null
     * @param source     who pushed it, or null
     * @param count      the sample count signal the rule weighed it by ({@code minCount}), or null
     */
    record SignalEvidence(String key, Object value, Instant observedAt, String source, SampleCount count)
            implements EvidenceUsed {

        /** Evidence of a rule without a minimum sample. */
        public SignalEvidence(String key, Object value, Instant observedAt, String source) {
            this(key, value, observedAt, source, null);
        }

        @Override
        public String kind() {
            return "signal";
        }

        @Override
        public Map<String, Object> toPlain() {
            Map<String, Object> plain = startPlain(this);
            plain.put("key", key);
            putIfPresent(plain, "value", value);
            putIfPresent(plain, "observedAt", observedAt);
            putIfPresent(plain, "source", source);
            if (count != null) {
                Map<String, Object> sample = new LinkedHashMap<>();
                sample.put("key", count.key());
                putIfPresent(sample, "value", count.value());
                putIfPresent(sample, "observedAt", count.observedAt());
                plain.put("count", Collections.unmodifiableMap(sample));
            }
            return Collections.unmodifiableMap(plain);
        }
    }

    /**
     * The sample count a signal was weighed by.
     *
     * @param key        its key
     * @param value      its value ({@code Long}, {@code Double}, ...), or null if it was never pushed
     * @param observedAt when it was observed, or null
     */
    record SampleCount(String key, Object value, Instant observedAt) {
    }

    /**
     * The attestation an attestation rule read; every field null if there is none.
     *
     * @param by          who attested
     * @param at          when
     * @param evidenceUrl the evidence link
     * @param comment     the comment
     * @param validUntil  when it lapses ({@code performedAt} + the check's validity)
     * @param performedAt when the practice happened, or null
     */
    record AttestationEvidence(String by, Instant at, String evidenceUrl, String comment, Instant validUntil,
                               Instant performedAt) implements EvidenceUsed {
        @Override
        public String kind() {
            return "attestation";
        }

        @Override
        public Map<String, Object> toPlain() {
            Map<String, Object> plain = startPlain(this);
            putIfPresent(plain, "by", by);
            putIfPresent(plain, "at", at);
            putIfPresent(plain, "evidenceUrl", evidenceUrl);
            putIfPresent(plain, "comment", comment);
            putIfPresent(plain, "validUntil", validUntil);
            putIfPresent(plain, "performedAt", performedAt);
            return Collections.unmodifiableMap(plain);
        }
    }

    /** A modifiable map that holds the evidence's {@code kind}, for its other fields to follow. */
    private static Map<String, Object> startPlain(EvidenceUsed evidence) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("kind", evidence.kind());
        return plain;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
