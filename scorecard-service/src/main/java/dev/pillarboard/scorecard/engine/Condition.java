package dev.pillarboard.scorecard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An operator with its (already parsed and type-checked) operand, as used by a catalog
 * {@link CatalogPredicate.FieldTest} and by a {@link EvidenceRule.SignalRule}.
 *
 * <p>Regular expressions are compiled once, when the rubric is parsed.
 */
public sealed interface Condition {

    /** The operator. */
    Op op();

    /**
     * The operand as a plain value for the REST view: {@code null} for {@code present}; a
     * {@code Long}/{@code Double}/{@code Boolean}/{@code String} for scalar operands; a
     * {@code List} of those for {@code in}; the regex or duration text for {@code matches}/{@code within}.
     */
    Object plainValue();

    /** The value exists. */
    record Present() implements Condition {
        @Override
        public Op op() {
            return Op.PRESENT;
        }

        @Override
        public Object plainValue() {
            return null;
        }
    }

    /** The value equals {@code value}. */
    record Equal(SignalValue value) implements Condition {
        /** Rejects null. */
        public Equal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Op op() {
            return Op.EQUALS;
        }

        @Override
        public Object plainValue() {
            return value.toJava();
        }
    }

    /** The value equals one of {@code values}. */
    record In(List<SignalValue> values) implements Condition {
        /** Copies the list; rejects an empty one. */
        public In {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("'in' needs at least one value");
            }
        }

        @Override
        public Op op() {
            return Op.IN;
        }

        @Override
        public Object plainValue() {
            List<Object> plain = new ArrayList<>(values.size());
            for (SignalValue value : values) {
                plain.add(value.toJava());
            }
            return List.copyOf(plain);
        }
    }

    /** The regular expression is found in the value ({@link java.util.regex.Matcher#find()}). */
    record Matches(Pattern pattern) implements Condition {
        /** Rejects null. */
        public Matches {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public Op op() {
            return Op.MATCHES;
        }

        @Override
        public Object plainValue() {
            return pattern.pattern();
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
            if (!bound.isNumber()) {
                throw new IllegalArgumentException("'gte' needs a number, got " + bound.display());
            }
        }

        @Override
        public Op op() {
            return Op.GTE;
        }

        @Override
        public Object plainValue() {
            return bound.toJava();
        }
    }

    /** The value is a number {@code <= bound}. */
    record AtMost(SignalValue bound) implements Condition {
        /** Requires a numeric bound. */
        public AtMost {
            if (!bound.isNumber()) {
                throw new IllegalArgumentException("'lte' needs a number, got " + bound.display());
            }
        }

        @Override
        public Op op() {
            return Op.LTE;
        }

        @Override
        public Object plainValue() {
            return bound.toJava();
        }
    }

    /** The tag list contains {@code value} (exact, case-sensitive). */
    record Contains(String value) implements Condition {
        /** Rejects null. */
        public Contains {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Op op() {
            return Op.CONTAINS;
        }

        @Override
        public Object plainValue() {
            return value;
        }
    }

    /** The value is an ISO-8601 date or timestamp no older than {@code maxAge} at evaluation time. */
    record Within(DurationSpec maxAge) implements Condition {
        /** Rejects null. */
        public Within {
            Objects.requireNonNull(maxAge, "maxAge");
        }

        @Override
        public Op op() {
            return Op.WITHIN;
        }

        @Override
        public Object plainValue() {
            return maxAge.text();
        }
    }
}
