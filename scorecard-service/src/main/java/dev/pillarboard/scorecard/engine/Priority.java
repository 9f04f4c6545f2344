package dev.pillarboard.scorecard.engine;

/**
 * Priority of the improvement task a check generates for a product.
 *
 * <ul>
 *   <li>{@link #P1}: required in the current phase and not met, and not within a grace period;</li>
 *   <li>{@link #P2}: required in the current phase and not met but within its grace period (the task is due
 *       when the grace ends); otherwise, when the rubric's {@code nextPhasePriority} is P2 (the default),
 *       required in the next phase and not met (this includes checks that are {@code n/a} or recommended
 *       now: it is the path to the next phase);</li>
 *   <li>{@link #P3}: otherwise, recommended in the current phase and not met, or required in the next phase
 *       when the rubric's {@code nextPhasePriority} is P3.</li>
 * </ul>
 */
public enum Priority {
    /** Required now and not met. */
    P1,
    /** Required now but within its grace period, or (by default) required in the next phase. */
    P2,
    /** Recommended now and not met (or, if the rubric says so, required in the next phase). */
    P3;

    /** The priority with that name ({@code P1}, {@code P2}, {@code P3}), or empty. */
    public static java.util.Optional<Priority> fromLabel(String text) {
        for (Priority priority : values()) {
            if (priority.name().equals(text)) {
                return java.util.Optional.of(priority);
            }
        }
        return java.util.Optional.empty();
    }
}
