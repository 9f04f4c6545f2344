package dev.pillarboard.scorecard.engine;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON-ish scalar: a whole number, a decimal number, a boolean or a string.
 *
 * <p>Used for the values automation pushes as signals and for the operands written in the rubric.
 * {@link #toJava()} gives the plain Java value ({@code Long}, {@code Double}, {@code Boolean},
 * {@code String}) for serialisation; {@link #display()} the text used in reasons.
 */
public sealed interface SignalValue {

    /** A whole number. */
    record Whole(long value) implements SignalValue {
    }

    /** A decimal number (never NaN or infinite). */
    record Decimal(double value) implements SignalValue {
        /** Rejects NaN and infinities, which JSON cannot carry. */
        public Decimal {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("a signal value must be a finite number, got " + value);
            }
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements SignalValue {
    }

    /** A string. */
    record Str(String value) implements SignalValue {
        /** Rejects null. */
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The plain Java value: {@code Long}, {@code Double}, {@code Boolean} or {@code String}. */
    default Object toJava() {
        if (this instanceof Whole whole) {
            return whole.value();
        }
        if (this instanceof Decimal decimal) {
            return decimal.value();
        }
        if (this instanceof Bool bool) {
            return bool.value();
        }
        return ((Str) this).value();
    }

    /** The value as written in a reason (numbers without needless decimals, strings unquoted). */
    default String display() {
        if (this instanceof Str text) {
            return text.value();
        }
        if (this instanceof Whole whole) {
            return Long.toString(whole.value());
        }
        if (this instanceof Bool bool) {
            return Boolean.toString(bool.value());
        }
        double value = ((Decimal) this).value();
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Whether this is a {@link Whole} or a {@link Decimal}. */
    default boolean isNumber() {
        return this instanceof Whole || this instanceof Decimal;
    }

    /**
     * The numeric value of a number.
     *
     * @throws IllegalStateException if this is not a number
     */
    default double asDouble() {
        if (this instanceof Whole whole) {
            return whole.value();
        }
        if (this instanceof Decimal decimal) {
            return decimal.value();
        }
        throw new IllegalStateException("not a number: " + display());
    }

    /**
     * Whether this value equals another in the rubric's sense: numbers compare numerically
     * ({@code 1 == 1.0}); anything else compares by its displayed text, so the string {@code "true"}
     * equals the boolean {@code true}.
     */
    default boolean sameAs(SignalValue other) {
        if (isNumber() && other.isNumber()) {
            return Double.compare(asDouble(), other.asDouble()) == 0;
        }
        return display().equals(other.display());
    }

    /** A whole number. */
    static SignalValue of(long value) {
        return new Whole(value);
    }

    /** A decimal number. */
    static SignalValue of(double value) {
        return new Decimal(value);
    }

    /** A boolean. */
    static SignalValue of(boolean value) {
        return new Bool(value);
    }

    /** A string. */
    static SignalValue of(String value) {
        return new Str(value);
    }
}
