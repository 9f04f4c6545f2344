package dev.pillarboard.scorecard.engine;

/**
 * The status of a check for a product in the product's current phase.
 *
 * <p>Derived from the {@link Outcome}: {@link #NOT_APPLICABLE} if the check is {@code n/a} in the
 * current phase; else {@link #WAIVED} if an approved, unexpired waiver exists and the outcome is
 * not pass; else the outcome itself. {@link #toString()} returns the API label
 * ({@code pass}, {@code fail}, {@code waived}, {@code n/a}, {@code unknown}, {@code not-connected},
 * {@code insufficient-data}).
 */
public enum Status {
    /** The check passes. */
    PASS("pass"),
    /** The check fails. */
    FAIL("fail"),
    /** The check does not pass, but an approved, unexpired waiver covers it. */
    WAIVED("waived"),
    /** The check does not apply in the product's current phase. */
    NOT_APPLICABLE("n/a"),
    /** There is no usable evidence: a signal stopped coming, or no valid attestation. */
    UNKNOWN("unknown"),
    /** The signal the check reads was never pushed for the product: connect the automation that measures it. */
    NOT_CONNECTED("not-connected"),
    /** Too small a sample to judge (below the rule's minCount): neither a pass nor a failure. */
    INSUFFICIENT_DATA("insufficient-data");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** The API label. */
    public String label() {
        return label;
    }

    /** The status that corresponds to an outcome when neither n/a nor a waiver applies. */
    public static Status of(Outcome outcome) {
        return switch (outcome) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case UNKNOWN -> UNKNOWN;
            case NOT_CONNECTED -> NOT_CONNECTED;
            case INSUFFICIENT_DATA -> INSUFFICIENT_DATA;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
