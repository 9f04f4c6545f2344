package dev.pillarboard.scorecard.engine;

/**
 * What a check's evidence rule says about a product, independent of phase, requirement and waivers.
 *
 * <p>{@link #toString()} returns the lower-case label used in the API ({@code pass}, {@code fail},
 * {@code unknown}, {@code not-connected}, {@code insufficient-data}).
 */
public enum Outcome {
    /** The evidence shows the practice is in place. */
    PASS("pass"),
    /** The evidence shows the practice is not in place. */
    FAIL("fail"),
    /** There is no usable evidence: a signal stopped coming (older than its maxAge), or no valid attestation exists. */
    UNKNOWN("unknown"),
    /**
     * The signal the rule reads has never been pushed for the product: the automation that would measure the
     * practice is not connected yet. Not met, but the way out is to connect it, not to fix the practice.
     */
    NOT_CONNECTED("not-connected"),
    /**
     * The signal was pushed, but over too small a sample to judge (fewer events than the rule's
     * {@code minCount}): neither a pass nor a failure. It does not hold the product back from its bar.
     */
    INSUFFICIENT_DATA("insufficient-data");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The lower-case label used in the API. */
    public String label() {
        return label;
    }

    /** Whether the outcome alone keeps the check off the product's way to its bar: a pass, or too little data to judge. */
    public boolean satisfies() {
        return this == PASS || this == INSUFFICIENT_DATA;
    }

    @Override
    public String toString() {
        return label;
    }
}
