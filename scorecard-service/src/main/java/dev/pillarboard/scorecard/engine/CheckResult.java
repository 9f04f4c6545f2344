package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * The result of one check for one product.
 *
 * @param checkId              the check's id
 * @param pillar               the check's pillar id
 * @param title                the check's title (English)
 * @param weight               the check's weight
 * @param requirement          the requirement in the product's current phase (an override's, if one applies)
 * @param nextPhaseRequirement the requirement in the next phase; null in the last phase
 * @param outcome              what the evidence rule says, always evaluated (even when n/a)
 * @param status               the status in the current phase (n/a, waived, or the outcome)
 * @param priority             the improvement-task priority, or null if no task is due
 * @param reason               one line for a busy developer, e.g. "slo.count is 0; needs ≥ 1"
 * @param evidence             what the outcome was based on
 * @param waiver               the approved waiver in effect (only when the outcome does not satisfy the check
 *                             by itself), else null
 * @param override             the index of the check's override that applied to the product (its
 *                             requirements and evidence), or null when the check's own rule applied
 * @param graceUntil           when the grace of a newly required check ends (its task is P2 until then), or
 *                             null when no grace applies
 */
public record CheckResult(String checkId, String pillar, String title, int weight, Requirement requirement,
                          Requirement nextPhaseRequirement, Outcome outcome, Status status, Priority priority,
                          String reason, EvidenceUsed evidence, ApprovedWaiver waiver, Integer override,
                          Instant graceUntil) {

    /** Rejects nulls where a value is always present. */
    public CheckResult {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(pillar, "pillar");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A result without an override and without grace. */
    public CheckResult(String checkId, String pillar, String title, int weight, Requirement requirement,
                       Requirement nextPhaseRequirement, Outcome outcome, Status status, Priority priority,
                       String reason, EvidenceUsed evidence, ApprovedWaiver waiver) {
        this(checkId, pillar, title, weight, requirement, nextPhaseRequirement, outcome, status, priority, reason,
                evidence, waiver, null, null);
    }

    /** Whether a waiver is in effect (independent of the current phase's requirement). */
    public boolean waived() {
        return waiver != null;
    }

    /** Whether the outcome is pass or a waiver is in effect. */
    public boolean passesOrWaived() {
        return outcome == Outcome.PASS || waiver != null;
    }

    /**
     * Whether the check counts as met for a phase bar: its outcome is pass, a waiver is in effect, or the
     * sample was too small to judge ({@code insufficient-data}, which is not held against the product).
     */
    public boolean satisfied() {
        return outcome.satisfies() || waiver != null;
    }
}
