package dev.pillarboard.scorecard.engine;

import java.util.Optional;

/**
 * The operators a rubric can use in a {@code catalog} field test or a {@code signal} rule.
 * {@link #label()} is the rubric spelling.
 */
public enum Op {
    /** The value exists (a non-blank string, a set tier, a non-empty tag list, a signal that was pushed). */
    PRESENT("present"),
    /** The value equals the operand (numbers numerically, anything else by text). */
    EQUALS("equals"),
    /** The value equals one of the operand list. */
    IN("in"),
    /** The regular expression is found in the value (anchor with {@code ^...$} for a full match). */
    MATCHES("matches"),
    /** The value is a number greater than or equal to the operand. */
    GTE("gte"),
    /** The value is a number less than or equal to the operand. */
    LTE("lte"),
    /** The tag list contains the operand ({@code tags} only). */
    CONTAINS("contains"),
    /** The value is an ISO date or timestamp no older than the operand duration ({@code signal} only). */
    WITHIN("within");

    private final String label;

    Op(String label) {
        this.label = label;
    }

    /** The rubric spelling. */
    public String label() {
        return label;
    }

    /** Parses the rubric spelling; empty if unknown. */
    public static Optional<Op> fromLabel(String text) {
        for (Op op : values()) {
            if (op.label.equals(text)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
