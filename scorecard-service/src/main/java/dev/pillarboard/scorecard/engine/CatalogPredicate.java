package dev.pillarboard.scorecard.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A predicate over a product's catalog data: a single field test, or {@code all}/{@code any}
 * over a list of predicates (nesting allowed).
 */
public sealed interface CatalogPredicate {

    /**
     * The predicate as plain maps and lists mirroring the rubric YAML, for the REST view:
     * {@code {field, op, value?}}, {@code {all: [...]}} or {@code {any: [...]}}.
     */
    Map<String, Object> toPlain();

    /** Every predicate in the list holds. */
    record All(List<CatalogPredicate> predicates) implements CatalogPredicate {
        /** Copies the list; rejects an empty one. */
        public All {
            predicates = Operands.nonEmptyCopy(predicates, "'all' needs at least one predicate");
        }

        @Override
        public Map<String, Object> toPlain() {
            return Map.of("all", Operands.plain(predicates, CatalogPredicate::toPlain));
        }
    }

    /** At least one predicate in the list holds. */
    record Any(List<CatalogPredicate> predicates) implements CatalogPredicate {
        /** Copies the list; rejects an empty one. */
        public Any {
            predicates = Operands.nonEmptyCopy(predicates, "'any' needs at least one predicate");
        }

        @Override
        public Map<String, Object> toPlain() {
            return Map.of("any", Operands.plain(predicates, CatalogPredicate::toPlain));
        }
    }

    /** One field compared with a condition. */
    record FieldTest(CatalogField field, Condition condition) implements CatalogPredicate {
        /** Rejects nulls. */
        public FieldTest {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public Map<String, Object> toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            plain.put("field", field.path());
            condition.putPlain(plain);
            return Collections.unmodifiableMap(plain);
        }
    }
}
