package dev.pillarboard.scorecard.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A check's rule for the products that match a condition on their tier and tags: requirements for
 * some phases (the check's own apply to the others) and/or other evidence, with the reason. A check
 * tries its overrides in order and the first whose {@code when} matches the product applies, entirely;
 * a product that matches none gets the check's own rule.
 *
 * <p>Phase says how much the business knows; tier says how much users lose. An override is how a
 * rubric asks more of a tier-1 product ("already required at pre-pmf") or of products tagged, say,
 * {@code handles-customer-data}, and how it sets a tier's own threshold (a minimum SLO target per tier).
 *
 * @param when         which products it applies to
 * @param requirements requirement per phase id for the phases it changes (in the rubric's order); may be empty
 * @param evidence     the evidence rule for these products, or null to keep the check's own
 * @param why          why these products are treated differently, for the developer reading the scorecard
 */
public record CheckOverride(When when, Map<String, Requirement> requirements, EvidenceRule evidence, Text why) {

    /** Copies the requirements; requires a condition, a reason and at least one change. */
    public CheckOverride {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(why, "why");
        requirements = Collections.unmodifiableMap(new LinkedHashMap<>(requirements == null ? Map.of() : requirements));
        if (requirements.isEmpty() && evidence == null) {
            throw new IllegalArgumentException("an override changes requirements, evidence or both");
        }
    }

    /** The label of the products it applies to, e.g. {@code tier 1} or {@code tier 1 or 2 and tag pci}. */
    public String label() {
        return when.label();
    }

    /**
     * Which products an override applies to: a tier among {@code tiers} (any tier when empty) and a tag
     * among {@code tags} (any tags when empty); at least one of the two is given.
     *
     * @param tiers tiers 1..3
     * @param tags  tags, any of which matches
     */
    public record When(Set<Integer> tiers, Set<String> tags) {

        /** Copies the sets (keeping their order); requires a condition. */
        public When {
            tiers = Collections.unmodifiableSet(new LinkedHashSet<>(tiers == null ? Set.of() : tiers));
            tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags == null ? Set.of() : tags));
            if (tiers.isEmpty() && tags.isEmpty()) {
                throw new IllegalArgumentException("an override needs a tier or a tag to apply to");
            }
        }

        /** Whether a product is one of those it names. */
        public boolean matches(ProductFacts product) {
            if (!tiers.isEmpty() && (product.tier() == null || !tiers.contains(product.tier()))) {
                return false;
            }
            if (tags.isEmpty()) {
                return true;
            }
            for (String tag : product.tags()) {
                if (tags.contains(tag)) {
                    return true;
                }
            }
            return false;
        }

        /** e.g. {@code tier 1}, {@code tier 1 or 2}, {@code tag pci}, {@code tier 1 and tag pci or hipaa}. */
        public String label() {
            List<String> parts = new ArrayList<>(2);
            if (!tiers.isEmpty()) {
                parts.add("tier " + join(tiers));
            }
            if (!tags.isEmpty()) {
                parts.add("tag " + join(tags));
            }
            return String.join(" and ", parts);
        }

        /** As the YAML gives it: {@code {tier: [1], tag: [pci]}} (absent parts left out). */
        public Map<String, Object> toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            if (!tiers.isEmpty()) {
                plain.put("tier", List.copyOf(tiers));
            }
            if (!tags.isEmpty()) {
                plain.put("tag", List.copyOf(tags));
            }
            return Collections.unmodifiableMap(plain);
        }

        private static String join(Set<?> values) {
            List<String> shown = new ArrayList<>(values.size());
            values.forEach(value -> shown.add(value.toString()));
            return String.join(" or ", shown);
        }
    }
}
