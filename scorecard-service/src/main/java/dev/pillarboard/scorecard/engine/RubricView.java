package dev.pillarboard.scorecard.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rubric's essentials as plain records, lists and maps in one language, ready for a JSON serialiser
 * ({@code GET /api/rubric}; the service adds the version it stores).
 *
 * @param title                   display title; may be empty
 * @param languages               the languages the rubric is written in, English first
 * @param attestationValidityDays default validity of an attestation, in days
 * @param reviewIntervalDays      review interval, in days
 * @param graceDays               days a newly required check stays P2 (0: no grace)
 * @param nextPhasePriority       priority of the tasks of checks the next phase requires: P2 or P3
 * @param phases                  in order, earliest first
 * @param pillars                 in display order
 * @param checks                  in display order
 * @param signals                 the declared signal keys: {key, source, means, connect, example}
 */
public record RubricView(String title, List<String> languages, int attestationValidityDays, int reviewIntervalDays,
                         int graceDays, String nextPhasePriority, List<EntryView> phases, List<PillarEntryView> pillars,
                         List<CheckView> checks, List<Map<String, Object>> signals) {

    /** Copies the lists. */
    public RubricView {
        languages = List.copyOf(languages);
        phases = List.copyOf(phases);
        pillars = List.copyOf(pillars);
        checks = List.copyOf(checks);
        signals = List.copyOf(signals);
    }

    /** A phase. */
    public record EntryView(String id, String title, String description) {
    }

    /** A pillar; {@code shortTitle} (a tile's label, e.g. "Obs") is null when the rubric gives none. */
    public record PillarEntryView(String id, String title, String description, String shortTitle) {
    }

    /**
     * One check as the API shows it.
     *
     * @param id           check id
     * @param pillar       pillar id
     * @param title        short title
     * @param why          why it matters (Markdown)
     * @param fix          how to make it pass (Markdown)
     * @param weight       positive weight
     * @param requirements phase id to {@code required}, {@code recommended} or {@code n/a}, in phase order
     * @param evidence     the evidence rule as plain maps mirroring the YAML, e.g.
     *                     {@code {catalog: {any: [{field: links.on-call, op: present}, ...]}}}
     * @param overrides    the check's rules for some tiers or tags, in order
     */
    public record CheckView(String id, String pillar, String title, String why, String fix, int weight,
                            Map<String, String> requirements, Map<String, Object> evidence, List<OverrideView> overrides) {
        /** Copies the maps, keeping their order. */
        public CheckView {
            requirements = Collections.unmodifiableMap(new LinkedHashMap<>(requirements));
            evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
        }
    }

    /**
     * An override as the API shows it.
     *
     * @param label        which products, e.g. {@code tier 1}
     * @param when         the condition as the YAML gives it, e.g. {@code {tier: [1]}}
     * @param requirements the phases it changes
     * @param evidence     its evidence rule, or null when it keeps the check's
     * @param why          why these products are treated differently
     */
    public record OverrideView(String label, Map<String, Object> when, Map<String, String> requirements,
                               Map<String, Object> evidence, String why) {
    }
}
