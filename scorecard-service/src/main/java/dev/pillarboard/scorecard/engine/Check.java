package dev.pillarboard.scorecard.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One practice in one pillar, with its requirement per phase, its evidence rule and the overrides
 * for products of some tiers or tags.
 *
 * @param id           identifier, unique in the rubric, e.g. {@code runbooks}
 * @param pillar       the id of the pillar it belongs to
 * @param title        short title, e.g. "Paging alerts have runbooks"
 * @param why          why it matters, for a developer who has never met an SRE (Markdown)
 * @param fix          the smallest step that makes it pass, with links (Markdown)
 * @param weight       positive; its share of the pillar and overall score
 * @param requirements requirement per phase id, in the rubric's phase order (every phase present)
 * @param evidence     how the outcome is decided
 * @param overrides    rules for products of some tiers or tags, tried in order (the first that matches applies)
 */
public record Check(String id, String pillar, Text title, Text why, Text fix, int weight,
                    Map<String, Requirement> requirements, EvidenceRule evidence, List<CheckOverride> overrides) {

    /** Copies the requirements (keeping their order) and overrides; rejects nulls and a non-positive weight. */
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
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        for (CheckOverride override : overrides) {
            if (!requirements.keySet().containsAll(override.requirements().keySet())) {
                throw new IllegalArgumentException("check " + id + ": an override names a phase the check has no requirement for");
            }
            if (override.evidence() != null && !override.evidence().kind().equals(evidence.kind())) {
                throw new IllegalArgumentException("check " + id + ": an override's evidence must be " + evidence.kind()
                        + " evidence like the check's");
            }
        }
    }

    /** A check without overrides, with English texts only. */
    public Check(String id, String pillar, String title, String why, String fix, int weight,
                 Map<String, Requirement> requirements, EvidenceRule evidence) {
        this(id, pillar, Text.of(Objects.requireNonNull(title, "title")), Text.of(Objects.requireNonNull(why, "why")),
                Text.of(Objects.requireNonNull(fix, "fix")), weight, requirements, evidence, List.of());
    }

    /**
     * The check's own requirement in a phase (what products that no override matches get).
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

    /**
     * The requirement in a phase under an override (its own for the phases it names, the check's for the others).
     *
     * @param override the override that applies, or -1 for none
     */
    public Requirement requirementIn(String phaseId, int override) {
        if (override >= 0) {
            Requirement changed = overrides.get(override).requirements().get(phaseId);
            if (changed != null) {
                return changed;
            }
        }
        return requirementIn(phaseId);
    }

    /** The index of the first override that applies to a product, or -1 when none does. */
    public int overrideFor(ProductFacts product) {
        for (int i = 0; i < overrides.size(); i++) {
            if (overrides.get(i).when().matches(product)) {
                return i;
            }
        }
        return -1;
    }

    /** The override at an index, or null for -1 (or an index the check does not have). */
    public CheckOverride override(int index) {
        return index >= 0 && index < overrides.size() ? overrides.get(index) : null;
    }

    /** The evidence rule under an override (its own if it gives one, else the check's). */
    public EvidenceRule evidenceFor(int override) {
        CheckOverride applied = override(override);
        return applied != null && applied.evidence() != null ? applied.evidence() : evidence;
    }

    /** Whether teams can satisfy this check by attesting it (its evidence rule is an attestation). */
    public boolean attestable() {
        return evidence instanceof EvidenceRule.AttestationRule;
    }
}
