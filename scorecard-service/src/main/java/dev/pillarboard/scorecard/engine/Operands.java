package dev.pillarboard.scorecard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The list operands of the rubric's predicates and conditions ({@code all}, {@code any}, {@code in}). */
final class Operands {

    private Operands() {
    }

    /**
     * An unmodifiable copy of a list the rubric must not leave empty.
     *
     * @param refusal the message when it is empty, e.g. {@code 'in' needs at least one value}
     */
    static <T> List<T> nonEmptyCopy(List<T> list, String refusal) {
        List<T> copy = List.copyOf(list);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(refusal);
        }
        return copy;
    }

    /** The items as plain values for the REST view, in order. */
    static <T> List<Object> plain(List<T> items, Function<T, Object> toPlain) {
        List<Object> plain = new ArrayList<>(items.size());
        for (T item : items) {
            plain.add(toPlain.apply(item));
        }
        return List.copyOf(plain);
    }
}
