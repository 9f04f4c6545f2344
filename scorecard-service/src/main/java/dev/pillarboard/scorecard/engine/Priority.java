package dev.pillarboard.scorecard.engine;

/**
 * Priority of the improvement task a check generates for a product.
 *
 * <ul>
 *   <li>{@link #P1}: required in the current phase and neither passing nor waived;</li>
 *   <li>{@link #P2}: otherwise, required in the next phase and neither passing nor waived
 *       (this includes checks that are {@code n/a} or recommended now: it is the path to the next phase);</li>
 *   <li>{@link #P3}: otherwise, recommended in the current phase and neither passing nor waived.</li>
 * </ul>
 */
public enum Priority {
    /** Required now and not met. */
    P1,
    /** Required in the next phase and not met. */
    P2,
    /** Recommended now and not met. */
    P3
}
