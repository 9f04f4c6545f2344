package dev.pillarboard.scorecard.engine;

import java.util.List;
import java.util.Objects;

/**
 * What a product must change to meet a phase's bar.
 *
 * @param product        product slug
 * @param currentPhase   the product's phase
 * @param targetPhase    the phase asked about (may be the current one, an earlier or a later one)
 * @param meets          every check required in the target phase passes or is waived
 * @param readiness      share (0..100) of the target phase's required checks that pass or are waived;
 *                       100 when the target phase requires nothing
 * @param requiredChecks how many checks the target phase requires
 * @param satisfiedChecks how many of them pass or are waived
 * @param gaps           the checks required in the target phase that are not met, in rubric order; empty
 *                       exactly when {@code meets}
 */
public record Readiness(String product, String currentPhase, String targetPhase, boolean meets, int readiness,
                        int requiredChecks, int satisfiedChecks, List<Gap> gaps) {

    /** Copies the list. */
    public Readiness {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(targetPhase, "targetPhase");
        gaps = List.copyOf(gaps);
    }

    /**
     * One check that must change.
     *
     * @param checkId check id
     * @param pillar  pillar id
     * @param title   check title, in the rubric's languages
     * @param weight  check weight
     * @param outcome the current outcome (fail, unknown or not-connected)
     * @param reason  why it is not met
     * @param fix     how to make it pass (Markdown), or how to connect its signal when it is not connected
     */
    public record Gap(String checkId, String pillar, Text title, int weight, Outcome outcome, String reason,
                      Text fix) {
    }
}
