package dev.pillarboard.portal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A check's requirement for a product of a tier, as the engine picks its rule: the first override that matches. */
class RubricCheckTest {

    private static ScorecardData.RubricOverride override(Map<String, Object> when, Map<String, String> requirements) {
        return new ScorecardData.RubricOverride("", when, requirements, null, null);
    }

    private static ScorecardData.RubricCheck check(List<ScorecardData.RubricOverride> overrides) {
        return new ScorecardData.RubricCheck("slo", "observability", "SLO", "", "", 1,
                Map.of("pre-launch", "n/a", "pre-pmf", "recommended", "pmf", "required"), Map.of(), overrides);
    }

    @Test
    void theFirstOverrideForTheProductsTierApplies() {
        var check = check(List.of(override(Map.of("tier", List.of(1)), Map.of("pre-pmf", "required")),
                override(Map.of("tier", List.of(1, 2)), Map.of("pre-pmf", "n/a", "pre-launch", "recommended"))));
        assertThat(check.requirementFor("pre-pmf", 1)).isEqualTo("required");
        // Tier 1's rule changes only pre-pmf: its other phases are the check's own, not the second rule's.
        assertThat(check.requirementFor("pre-launch", 1)).isEqualTo("n/a");
        assertThat(check.requirementFor("pre-pmf", 2)).isEqualTo("n/a");
        assertThat(check.requirementFor("pre-launch", 2)).isEqualTo("recommended");
        assertThat(check.requirementFor("pre-pmf", 3)).isEqualTo("recommended");
        assertThat(check.requirementFor("pre-pmf", null)).isEqualTo("recommended");
    }

    @Test
    void atARuleThatNamesTagsTheChecksOwnRequirementIsShown() {
        var check = check(List.of(override(Map.of("tag", List.of("pci")), Map.of("pre-pmf", "required")),
                override(Map.of("tier", List.of(1)), Map.of("pre-pmf", "n/a"))));
        assertThat(check.requirementFor("pre-pmf", 1)).isEqualTo("recommended");
    }
}
