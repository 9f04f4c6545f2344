package dev.pillarboard.scorecard.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One practice in one pillar, with its requirement per phase and its evidence rule.
 *
 * @param id           identifier, unique in the rubric, e.g. {@code runbooks}
 * @param pillar       the id of the pillar it belongs to
 * @param title        short title, e.g. "Paging alerts have runbooks"
 * @param why          why it matters, for a developer who has never met an SRE (Markdown)
 * @param fix          the smallest step that makes it pass, with links (Markdown)
 * @param weight       positive; its share of the pillar and overall score
 * @param requirements requirement per phase id, in the rubric's phase order (every phase present)
 * @param evidence     how the outcome is decided
 */
public record Check(String id, String pillar, String title, String why, String fix, int weight,
                    Map<String, Requirement> requirements, EvidenceRule evidence) {

    /** Copies the requirements (keeping their order); rejects nulls and a non-positive weight. */
    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pillar, "pillar");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(evidence, "evidence");
        if (weight <= 0) {
            throw new IllegalArgumentException("check " + id + ": weight must be positive, got " + weight);
        }
        requirements = Collections.unmodifiableMap(new LinkedHashMap<>(requirements));
        requirements.forEach((phase, requirement) -> Objects.requireNonNull(requirement, "requirement of " + phase));
    }

    /**
     * The requirement in a phase.
     *
     * @throws IllegalArgumentException if the check lists no requirement for that phase
     */
    public Requirement requirementIn(String phaseId) {
        Requirement requirement = requirements.get(phaseId);
        if (requirement == null) {
            throw new IllegalArgumentException("check " + id + " has no requirement for phase '" + phaseId + "'");
        }
        return requirement;
    }

    /** Whether teams can satisfy this check by attesting it (its evidence rule is an attestation). */
    public boolean attestable() {
        return evidence instanceof EvidenceRule.AttestationRule;
    }
}
