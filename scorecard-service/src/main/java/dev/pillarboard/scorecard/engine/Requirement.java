package dev.pillarboard.scorecard.engine;

import java.util.Optional;

/**
 * How much a check matters in one phase of the rubric.
 *
 * <p>{@link #toString()} and {@link #label()} return the rubric spelling
 * ({@code required}, {@code recommended}, {@code n/a}), which is also what the REST API shows.
 */
public enum Requirement {
    /** The check is part of the phase bar: it must pass (or be waived) to meet the phase. */
    REQUIRED("required"),
    /** The check counts towards the score but not towards the phase bar. */
    RECOMMENDED("recommended"),
    /** The check does not apply in this phase: it counts towards nothing (its outcome is still shown). */
    NOT_APPLICABLE("n/a");

    private final String label;

    Requirement(String label) {
        this.label = label;
    }

    /** The rubric spelling: {@code required}, {@code recommended} or {@code n/a}. */
    public String label() {
        return label;
    }

    /** Whether the check counts towards the score in a phase with this requirement. */
    public boolean isApplicable() {
        return this != NOT_APPLICABLE;
    }

    /**
     * Parses the rubric spelling ({@code required}, {@code recommended}, {@code n/a}; case-sensitive).
     *
     * @return the requirement, or empty if the text is not one of the three
     */
    public static Optional<Requirement> fromLabel(String text) {
        for (Requirement requirement : values()) {
            if (requirement.label.equals(text)) {
                return Optional.of(requirement);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
