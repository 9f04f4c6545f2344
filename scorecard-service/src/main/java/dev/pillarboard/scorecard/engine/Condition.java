package dev.pillarboard.scorecard.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An operator with its (already parsed and type-checked) operand, as used by a catalog
 * {@link CatalogPredicate.FieldTest} and by a {@link EvidenceRule.SignalRule}.
 *
 * <p>Each record holds its operand; which operator it is ({@link #op()}) and how its operand reads in the REST view
 * ({@link #plainValue()}) are said once, below the records. Regular expressions are compiled once, when the rubric
 * is parsed.
 */
public sealed interface Condition {

    /** The value exists. */
    record Present() implements Condition {
    }

    /** The value equals {@code value}. */
    record Equal(SignalValue value) implements Condition {
        /** Rejects null. */
        public Equal {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The value equals one of {@code values}. */
    record In(List<SignalValue> values) implements Condition {
        /** Copies the list; rejects an empty one. */
        public In {
            values = Operands.nonEmptyCopy(values, "'in' needs at least one value");
        }
    }

    /** The regular expression is found in the value ({@link java.util.regex.Matcher#find()}). */
    record Matches(Pattern pattern) implements Condition {
        /** Rejects null. */
        public Matches {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Matches matches && matches.pattern.pattern().equals(pattern.pattern())
                    && matches.pattern.flags() == pattern.flags();
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }

    /** The value is a number {@code >= bound}. */
    record AtLeast(SignalValue bound) implements Condition {
        /** Requires a numeric bound. */
        public AtLeast {
            requireNumber(bound, Op.GTE);
        }
    }

    /** The value is a number {@code <= bound}. */
    record AtMost(SignalValue bound) implements Condition {
        /** Requires a numeric bound. */
        public AtMost {
            requireNumber(bound, Op.LTE);
        }
    }

    /** The tag list contains {@code value} (exact, case-sensitive). */
    record Contains(String value) implements Condition {
        /** Rejects null. */
        public Contains {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The value is an ISO-8601 date or timestamp no older than {@code maxAge} at evaluation time. */
    record Within(DurationSpec maxAge) implements Condition {
        /** Rejects null. */
        public Within {
            Objects.requireNonNull(maxAge, "maxAge");
        }
    }

    /** The operator. */
    default Op op() {
        if (this instanceof Present) {
            return Op.PRESENT;
        }
        if (this instanceof Equal) {
            return Op.EQUALS;
        }
        if (this instanceof In) {
            return Op.IN;
        }
        if (this instanceof Matches) {
            return Op.MATCHES;
        }
        if (this instanceof AtLeast) {
            return Op.GTE;
        }
        if (this instanceof AtMost) {
            return Op.LTE;
        }
        return this instanceof Contains ? Op.CONTAINS : Op.WITHIN;
    }

    /**
     * The operand as a plain value for the REST view: {@code null} for {@code present}; a
     * {@code Long}/{@code Double}/{@code Boolean}/{@code String} for scalar operands; a
     * {@code List} of those for {@code in}; the regex or duration text for {@code matches}/{@code within}.
     */
    default Object plainValue() {
        if (this instanceof Equal equal) {
            return equal.value().toJava();
        }
        if (this instanceof In in) {
            return Operands.plain(in.values(), SignalValue::toJava);
        }
        if (this instanceof Matches matches) {
            return matches.pattern().pattern();
        }
        if (this instanceof AtLeast atLeast) {
            return atLeast.bound().toJava();
        }
        if (this instanceof AtMost atMost) {
            return atMost.bound().toJava();
        }
        if (this instanceof Contains contains) {
            return contains.value();
        }
        return this instanceof Within within ? within.maxAge().text() : null;
    }

    /**
     * Adds the condition to the plain map of a catalog field test or a signal rule, as the rubric's YAML writes it:
     * {@code op}, and {@code value} unless the operator takes none.
     */
    default void putPlain(Map<String, Object> plain) {
        plain.put("op", op().label());
        Object value = plainValue();
        if (value != null) {
            plain.put("value", value);
        }
    }

    private static void requireNumber(SignalValue bound, Op op) {
        if (!bound.isNumber()) {
            throw new IllegalArgumentException("'" + op.label() + "' needs a number, got " + bound.display());
        }
    }
}
