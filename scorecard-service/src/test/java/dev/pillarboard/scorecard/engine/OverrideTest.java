package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static dev.pillarboard.scorecard.engine.TestRubrics.featuresRubric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tier (and tag) overrides beside phase: which rule applies, what it changes, and that the result says so. */
class OverrideTest {

    private static final ScoringEngine ENGINE = new ScoringEngine(featuresRubric());

    private static ProductFacts product(String phase, Integer tier, String... tags) {
        return ProductFacts.builder("checkout", phase).owner("payments").tier(tier).tags(tags).build();
    }

    private static Evidence gated(double ratio) {
        return Evidence.builder().signal("deploy.gated_ratio", SignalValue.of(ratio), NOW.minus(Duration.ofHours(2)), "deploy-bot")
                .build();
    }

    @ParameterizedTest(name = "{0}, tier {1}, tags [{2}]: {3} (override {4})")
    @CsvSource(nullValues = "-", value = {
        "pre-pmf, 1, -,        required,    0",
        "pre-pmf, 2, -,        recommended, -",
        "pre-pmf, 3, internal, recommended, 1",
        "pmf,     1, -,        required,    0",
        "pmf,     2, internal, recommended, 1",
        "pmf,     1, internal, required,    0",
        "pmf,     -, internal, recommended, 1",
        "pre-launch, 1, -,     n/a,         0",
    })
    void theFirstMatchingOverrideDecidesThePhasesItNames(String phase, Integer tier, String tag, String requirement,
                                                          Integer override) {
        ProductFacts product = tag == null ? product(phase, tier) : product(phase, tier, tag);

        CheckResult result = ENGINE.evaluate(product, gated(0.5), NOW).check("gated").orElseThrow();

        assertThat(result.requirement().label()).isEqualTo(requirement);
        assertThat(result.override()).as("the result names the override that applied").isEqualTo(override);
    }

    @Test
    void aTierOneProductGetsTheCheckRequiredAPhaseEarlierWithAP1() {
        CheckResult tierOne = ENGINE.evaluate(product("pre-pmf", 1), gated(0.5), NOW).check("gated").orElseThrow();
        CheckResult tierTwo = ENGINE.evaluate(product("pre-pmf", 2), gated(0.5), NOW).check("gated").orElseThrow();

        assertThat(tierOne.priority()).isEqualTo(Priority.P1);
        assertThat(tierTwo.priority()).as("recommended for tier 2").isEqualTo(Priority.P3);
        Scorecard card = ENGINE.evaluate(product("pre-pmf", 1), gated(0.5), NOW);
        assertThat(card.meetsPhaseBar()).isFalse();
        assertThat(card.bar().requiredChecks()).as("drill, actionable and (tier 1) gated").isEqualTo(3);
        assertThat(ENGINE.evaluate(product("pre-pmf", 2), gated(0.5), NOW).bar().requiredChecks()).isEqualTo(2);
    }

    @Test
    void theNextPhaseRequirementFollowsTheOverrideToo() {
        // internal: pmf only recommended, so nothing is required next: no next-phase task either
        CheckResult internal = ENGINE.evaluate(product("pre-pmf", 3, "internal"), gated(0.5), NOW).check("gated").orElseThrow();
        CheckResult plain = ENGINE.evaluate(product("pre-launch", 3), gated(0.5), NOW).check("gated").orElseThrow();

        assertThat(internal.nextPhaseRequirement()).isEqualTo(Requirement.RECOMMENDED);
        assertThat(internal.priority()).as("recommended now").isEqualTo(Priority.P3);
        assertThat(plain.nextPhaseRequirement()).isEqualTo(Requirement.RECOMMENDED);
        assertThat(plain.priority()).as("n/a now, only recommended next").isNull();
    }

    @ParameterizedTest(name = "tier {0}: {1} needs {2}")
    @CsvSource(nullValues = "-", value = {
        "1, 99.5, 99.9, FAIL",
        "1, 99.95, 99.9, PASS",
        "2, 99.5, 99.5, PASS",
        "2, 99.2, 99.5, FAIL",
        "3, 99.2, 99, PASS",
        "-, 98.5, 99, FAIL",
    })
    void anOverrideMaySetItsOwnThreshold(Integer tier, double target, String needs, Outcome outcome) {
        Evidence evidence = Evidence.builder().signal("slo.min_target", SignalValue.of(target), NOW.minus(Duration.ofHours(1)),
                "slo-bot").build();

        CheckResult result = ENGINE.evaluate(product("pmf", tier), evidence, NOW).check("slo-target").orElseThrow();

        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.reason()).contains("≥ " + needs);
    }

    @Test
    void readinessForAnotherPhaseUsesTheOverrideThatApplied() {
        Scorecard tierOne = ENGINE.evaluate(product("pre-launch", 1), gated(0.5), NOW);
        Scorecard tierTwo = ENGINE.evaluate(product("pre-launch", 2), gated(0.5), NOW);

        assertThat(ENGINE.readiness(tierOne, "pre-pmf").gaps()).extracting(Readiness.Gap::checkId).contains("gated");
        assertThat(ENGINE.readiness(tierTwo, "pre-pmf").gaps()).extracting(Readiness.Gap::checkId).doesNotContain("gated");
    }

    @Test
    void labelsAndTheViewSayWhichProductsAnOverrideIsFor() {
        Check gated = featuresRubric().check("gated").orElseThrow();

        assertThat(gated.overrides()).extracting(CheckOverride::label).containsExactly("tier 1", "tag internal");
        assertThat(new CheckOverride.When(java.util.Set.of(1), java.util.Set.of("pci")).label()).isEqualTo("tier 1 and tag pci");
        RubricView.CheckView view = featuresRubric().view("ja").checks().get(0);
        assertThat(view.overrides()).hasSize(2);
        assertThat(view.overrides().get(0).requirements()).containsExactly(java.util.Map.entry("pre-pmf", "required"));
        assertThat(view.overrides().get(0).why()).isEqualTo("ティア1は変更で壊れたときの損失が最も大きいためです。");
        assertThat(view.overrides().get(1).why()).as("no Japanese: English").isEqualTo("Internal tools can take a bad change.");
        assertThat(view.overrides().get(0).when()).isEqualTo(java.util.Map.of("tier", java.util.List.of(1)));
    }

    @Test
    void aProductWithoutTierMatchesNoTierOverride() {
        CheckResult result = ENGINE.evaluate(product("pre-pmf", null), gated(0.5), NOW).check("gated").orElseThrow();

        assertThat(result.override()).isNull();
        assertThat(result.requirement()).isEqualTo(Requirement.RECOMMENDED);
    }
}
