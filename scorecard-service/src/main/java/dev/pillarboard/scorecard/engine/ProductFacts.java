package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A product's catalog data, as far as scoring needs it. Immutable; collections are copied.
 *
 * <p>Null collections become empty; null tags, null map keys and null map values are dropped.
 * Blank strings are kept as given, but the engine treats a blank value as missing.
 *
 * @param slug        product slug (identifies the product in results)
 * @param name        display name; may be null
 * @param description description; may be null
 * @param owner       owning team slug; may be null
 * @param phase       the product's phase id; must be a phase of the rubric when it is scored
 * @param tier        criticality 1..3 (1 = most critical), or null if not set
 * @param tags        tags
 * @param links       name to URL (well-known: repo, runbook, dashboard, on-call, docs)
 * @param annotations free key to value, Backstage style (keys like {@code pagerduty.com/service-id})
 * @param phaseSince  when the product entered its phase: when it moved there, or when it arrived in the
 *                    catalog (then {@code previousPhase} is null); null if not known (no grace then)
 * @param previousPhase the phase it was in before, or null if it has been in this phase since it arrived
 */
public record ProductFacts(String slug, String name, String description, String owner, String phase,
                           Integer tier, List<String> tags, Map<String, String> links,
                           Map<String, String> annotations, Instant phaseSince, String previousPhase) {

    /** Requires slug and phase; copies the collections. */
    public ProductFacts {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(phase, "phase");
        tags = tags == null ? List.of() : copyList(tags);
        links = copyMap(links);
        annotations = copyMap(annotations);
    }

    /** A product whose phase history is not known (no grace applies to it). */
    public ProductFacts(String slug, String name, String description, String owner, String phase, Integer tier,
                        List<String> tags, Map<String, String> links, Map<String, String> annotations) {
        this(slug, name, description, owner, phase, tier, tags, links, annotations, null, null);
    }

    /** A builder for a product with the given slug and phase. */
    public static Builder builder(String slug, String phase) {
        return new Builder(slug, phase);
    }

    private static List<String> copyList(List<String> list) {
        List<String> copy = new ArrayList<>(list.size());
        for (String element : list) {
            if (element != null) {
                copy.add(element);
            }
        }
        return Collections.unmodifiableList(copy);
    }

    private static Map<String, String> copyMap(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final String slug;
        private final String phase;
        private String name;
        private String description;
        private String owner;
        private Integer tier;
        private final List<String> tags = new ArrayList<>();
        private final Map<String, String> links = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private Instant phaseSince;
        private String previousPhase;

        private Builder(String slug, String phase) {
            this.slug = slug;
            this.phase = phase;
        }

        /** Sets the display name. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Sets the description. */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** Sets the owning team slug. */
        public Builder owner(String value) {
            this.owner = value;
            return this;
        }

        /** Sets the tier (null = not set). */
        public Builder tier(Integer value) {
            this.tier = value;
            return this;
        }

        /** Adds tags. */
        public Builder tags(String... values) {
            tags.addAll(List.of(values));
            return this;
        }

        /** Adds a link. */
        public Builder link(String key, String url) {
            links.put(key, url);
            return this;
        }

        /** Adds an annotation. */
        public Builder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        /** Sets when the product arrived in its phase (and from which phase; null: it arrived in the catalog). */
        public Builder phaseSince(Instant since, String fromPhase) {
            this.phaseSince = since;
            this.previousPhase = fromPhase;
            return this;
        }

        /** Builds the product. */
        public ProductFacts build() {
            return new ProductFacts(slug, name, description, owner, phase, tier, tags, links, annotations, phaseSince,
                    previousPhase);
        }
    }
}
