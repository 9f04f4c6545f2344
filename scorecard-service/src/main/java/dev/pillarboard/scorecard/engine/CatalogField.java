package dev.pillarboard.scorecard.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A field of a product's catalog data that a {@code catalog} rule can test.
 *
 * <p>Syntax in the rubric:
 * <ul>
 *   <li>{@code name}, {@code description}, {@code owner}, {@code phase} (text), {@code tier}
 *       (whole number 1..3), {@code tags} (list of strings);</li>
 *   <li>{@code links.<key>} or {@code links[<key>]} for one entry of the links map;</li>
 *   <li>{@code annotations.<key>} or {@code annotations[<key>]} for one entry of the annotations map.
 *       In the dotted form everything after the first dot is the key, so
 *       {@code annotations.pagerduty.com/service-id} and {@code annotations[pagerduty.com/service-id]}
 *       name the same annotation.</li>
 * </ul>
 * {@link #path()} is the canonical spelling: dotted when the key is a plain word
 * ({@code links.runbook}), bracketed otherwise ({@code annotations[pagerduty.com/service-id]}).
 *
 * @param kind which field
 * @param key  the map key for {@link Kind#LINK} and {@link Kind#ANNOTATION}, else {@code null}
 */
public record CatalogField(Kind kind, String key) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    /** The fields a catalog rule can read. */
    public enum Kind {
        /** The product's display name (text). */
        NAME("name", ValueType.TEXT),
        /** The product's description (text). */
        DESCRIPTION("description", ValueType.TEXT),
        /** The owning team's slug (text). */
        OWNER("owner", ValueType.TEXT),
        /** The product's phase id (text). */
        PHASE("phase", ValueType.TEXT),
        /** The criticality tier, 1 = most critical (whole number). */
        TIER("tier", ValueType.NUMBER),
        /** The product's tags (list of strings). */
        TAGS("tags", ValueType.LIST),
        /** One entry of the links map (text, a URL). */
        LINK("links", ValueType.TEXT),
        /** One entry of the annotations map (text). */
        ANNOTATION("annotations", ValueType.TEXT);

        private final String name;
        private final ValueType valueType;

        Kind(String name, ValueType valueType) {
            this.name = name;
            this.valueType = valueType;
        }

        /** The rubric spelling (for maps, the part before the key). */
        public String fieldName() {
            return name;
        }

        /** The type of value the field holds. */
        public ValueType valueType() {
            return valueType;
        }

        /** Whether the field is a map entry that needs a key. */
        public boolean isMap() {
            return this == LINK || this == ANNOTATION;
        }
    }

    /** The type of value a field holds, which decides the operators it supports. */
    public enum ValueType {
        /** A string: {@code present}, {@code equals}, {@code in}, {@code matches}; {@code gte}/{@code lte} on annotations. */
        TEXT,
        /** A whole number: {@code present}, {@code equals}, {@code in}, {@code gte}, {@code lte}. */
        NUMBER,
        /** A list of strings: {@code present} (non-empty), {@code contains}, {@code matches} (any element). */
        LIST
    }

    /** Checks that map fields have a key and other fields none. */
    public CatalogField {
        Objects.requireNonNull(kind, "kind");
        if (kind.isMap() && (key == null || key.isEmpty())) {
            throw new IllegalArgumentException(kind.fieldName() + " needs a key, e.g. " + kind.fieldName() + ".runbook");
        }
        if (!kind.isMap() && key != null) {
            throw new IllegalArgumentException(kind.fieldName() + " takes no key");
        }
    }

    /** The field list for error messages. */
    public static final String KNOWN_FIELDS =
            "name, description, owner, phase, tier, tags, links.<key>, annotations.<key> (or annotations[<key>])";

    /**
     * Parses a field path.
     *
     * @return the field, or empty if the path names no catalog field
     */
    public static Optional<CatalogField> parse(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            String name = kind.fieldName();
            if (!kind.isMap()) {
                if (path.equals(name)) {
                    return Optional.of(new CatalogField(kind, null));
                }
                continue;
            }
            if (path.startsWith(name + ".") && path.length() > name.length() + 1) {
                return Optional.of(new CatalogField(kind, path.substring(name.length() + 1)));
            }
            if (path.startsWith(name + "[") && path.endsWith("]") && path.length() > name.length() + 2) {
                return Optional.of(new CatalogField(kind, path.substring(name.length() + 1, path.length() - 1)));
            }
        }
        return Optional.empty();
    }

    /** The canonical spelling, e.g. {@code tier}, {@code links.runbook}, {@code annotations[pagerduty.com/service-id]}. */
    public String path() {
        if (!kind.isMap()) {
            return kind.fieldName();
        }
        if (PLAIN_KEY.matcher(key).matches()) {
            return kind.fieldName() + "." + key;
        }
        return kind.fieldName() + "[" + key + "]";
    }

    /** The type of value the field holds. */
    public ValueType valueType() {
        return kind.valueType();
    }

    /**
     * An accessor that reads this field from a product: a {@code String} (or null) for text fields,
     * an {@code Integer} (or null) for {@code tier}, a {@code List<String>} for {@code tags}.
     * Resolved once; the engine calls it for every product.
     */
    public Function<ProductFacts, Object> accessor() {
        String mapKey = key;
        return switch (kind) {
            case NAME -> ProductFacts::name;
            case DESCRIPTION -> ProductFacts::description;
            case OWNER -> ProductFacts::owner;
            case PHASE -> ProductFacts::phase;
            case TIER -> ProductFacts::tier;
            case TAGS -> ProductFacts::tags;
            case LINK -> product -> product.links().get(mapKey);
            case ANNOTATION -> product -> product.annotations().get(mapKey);
        };
    }

    @Override
    public String toString() {
        return path();
    }
}
