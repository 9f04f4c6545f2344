package dev.pillarboard.scorecard.engine;

/**
 * What a check's evidence rule says about a product, independent of phase, requirement and waivers.
 *
 * <p>{@link #toString()} returns the lower-case label used in the API ({@code pass}, {@code fail},
 * {@code unknown}).
 */
public enum Outcome {
    /** The evidence shows the practice is in place. */
    PASS("pass"),
    /** The evidence shows the practice is not in place. */
    FAIL("fail"),
    /** There is no usable evidence: a signal is missing or stale, or no valid attestation exists. */
    UNKNOWN("unknown");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The lower-case label used in the API. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
