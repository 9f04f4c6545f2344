package dev.pillarboard.scorecard.engine;

/**
 * A pillar's roll-up for one product in its current phase.
 *
 * @param pillar             pillar id
 * @param title              pillar title
 * @param score              passed weight / applicable weight × 100 as an int (see {@link ScoringEngine}
 *                           for rounding); null when no check of the pillar is applicable
 * @param passedWeight       weight of applicable, non-waived checks that pass
 * @param applicableWeight   weight of checks required or recommended now, minus waived ones
 * @param meetsPhaseBar      every check of the pillar required now passes or is waived
 * @param nextPhaseReadiness share (0..100) of the pillar's checks required in the next phase that pass
 *                           or are waived; null in the last phase
 */
public record PillarScore(String pillar, String title, Integer score, int passedWeight, int applicableWeight,
                          boolean meetsPhaseBar, Integer nextPhaseReadiness) {
}
