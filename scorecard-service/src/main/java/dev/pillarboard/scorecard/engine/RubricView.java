package dev.pillarboard.scorecard.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rubric's essentials as plain records, lists and maps, ready for a JSON serialiser
 * ({@code GET /api/rubric}; the service adds the version it stores).
 *
 * @param title                   display title; may be empty
 * @param attestationValidityDays default validity of an attestation, in days
 * @param reviewIntervalDays      review interval, in days
 * @param phases                  in order, earliest first
 * @param pillars                 in display order
 * @param checks                  in display order
 */
public record RubricView(String title, int attestationValidityDays, int reviewIntervalDays,
                         List<Phase> phases, List<Pillar> pillars, List<CheckView> checks) {

    /** Copies the lists. */
    public RubricView {
        phases = List.copyOf(phases);
        pillars = List.copyOf(pillars);
        checks = List.copyOf(checks);
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
     */
    public record CheckView(String id, String pillar, String title, String why, String fix, int weight,
                            Map<String, String> requirements, Map<String, Object> evidence) {
        /** Copies the maps, keeping their order. */
        public CheckView {
            requirements = Collections.unmodifiableMap(new LinkedHashMap<>(requirements));
            evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        }
    }
}
