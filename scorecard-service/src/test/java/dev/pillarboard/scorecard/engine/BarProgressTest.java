package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static dev.pillarboard.scorecard.engine.TestRubrics.engineTestRubric;
import static dev.pillarboard.scorecard.engine.TestRubrics.oneCheck;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Progress toward the product's own phase bar, with the engine test rubric (required weights: pre-launch obs-alert 5
 * and sec-secrets 4; pre-pmf adds obs-runbook 3 and res-restore 3; pmf adds obs-slo 2 and sec-review 2).
 */
class BarProgressTest {

    private static final Instant RECENT = NOW.minus(Duration.ofDays(1));

    private static ProductFacts.Builder product(String phase) {
        return ProductFacts.builder("checkout", phase).name("Checkout").owner("payments").tier(2);
    }

    private static Signal signal(String key, SignalValue value) {
        return new Signal(key, value, RECENT, "test");
    }

    /** Evidence that passes exactly the checks the phase requires and fails (or lacks) every other one. */
    private static Evidence exactlyTheBar(String phase) {
        boolean prePmfOrLater = !phase.equals("pre-launch");
        boolean pmf = phase.equals("pmf");
        Evidence.Builder evidence = Evidence.builder()
                .signal(signal("alerts.availability_rules", SignalValue.of(1)))
                .signal(signal("secrets.findings_open", SignalValue.of(0)))
                .signal(signal("slo.count", SignalValue.of(pmf ? 1 : 0)))
                .signal(signal("restore.last_tested_at",
                        SignalValue.of((prePmfOrLater ? NOW.minus(Duration.ofDays(10)) : NOW.minus(Duration.ofDays(200))).toString())));
        if (pmf) {
            evidence.attestation("sec-review", new Attested("alice", RECENT, "https://docs/access", "reviewed"));
        }
        return evidence.build();
    }

    private static ProductFacts withRunbook(String phase, boolean runbook) {
        ProductFacts.Builder builder = product(phase);
        if (runbook) {
            builder.link("runbook", "https://wiki/rb");
        }
        return builder.build();
    }

    private static Scorecard evaluate(Rubric rubric, ProductFacts product, Evidence evidence) {
        return new ScoringEngine(rubric).evaluate(product, evidence, NOW);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "pre-launch, 2", "pre-pmf, 4", "pmf, 6" })
    void aProductThatMeetsExactlyItsBarReads100InEveryPhase(String phase, int required) {
        Scorecard card = evaluate(engineTestRubric(), withRunbook(phase, !phase.equals("pre-launch")), exactlyTheBar(phase));

        BarProgress bar = BarProgress.of(card);

        assertThat(card.meetsPhaseBar()).isTrue();
        assertThat(card.score()).as("recommended checks fail, so the score is not 100").isLessThan(100);
        assertThat(bar.progress()).isEqualTo(100);
        assertThat(bar.distance()).isZero();
        assertThat(bar.requiredChecks()).isEqualTo(required);
        assertThat(bar.pillars()).containsOnlyKeys("obs", "sec", "res");
        assertThat(bar.pillars().values()).allSatisfy(pillar -> {
            assertThat(pillar.progress()).isEqualTo(100);
            assertThat(pillar.distance()).isZero();
        });
    }

    @Test
    void progressIsTheMetShareOfTheRequiredWeightRoundedDown() {
        // pre-pmf requires obs-alert 5, obs-runbook 3, sec-secrets 4, res-restore 3 (15); only obs-alert passes.
        Evidence evidence = Evidence.builder().signal(signal("alerts.availability_rules", SignalValue.of(2)))
                .signal(signal("secrets.findings_open", SignalValue.of(3))).build();
        Scorecard card = evaluate(engineTestRubric(), withRunbook("pre-pmf", false), evidence);

        BarProgress bar = BarProgress.of(card);

        assertThat(bar.progress()).as("5 / 15 = 33.3").isEqualTo(33);
        assertThat(bar.distance()).isEqualTo(3);
        assertThat(bar.requiredChecks()).isEqualTo(4);
        assertThat(bar.pillars().get("obs")).as("5 / 8 = 62.5").isEqualTo(new BarProgress.PillarProgress(62, 1, 2, 0));
        assertThat(bar.pillars().get("sec")).isEqualTo(new BarProgress.PillarProgress(0, 1, 1, 0));
        assertThat(bar.pillars().get("res")).as("nothing recommended in res").isEqualTo(new BarProgress.PillarProgress(0, 1, 1, null));
        assertThat(bar.distance()).isEqualTo(bar.pillars().values().stream().mapToInt(BarProgress.PillarProgress::distance).sum());
    }

    @Test
    void aPillarWithNothingRequiredIsAtItsBar() {
        // pre-launch: res-restore and res-plan are n/a, so the res pillar requires nothing.
        Scorecard card = evaluate(engineTestRubric(), withRunbook("pre-launch", false), Evidence.empty());

        BarProgress bar = BarProgress.of(card);

        assertThat(bar.progress()).isZero();
        assertThat(bar.distance()).isEqualTo(2);
        assertThat(bar.pillars().get("res")).isEqualTo(new BarProgress.PillarProgress(100, 0, 0, null));
        assertThat(bar.pillars().get("obs")).isEqualTo(new BarProgress.PillarProgress(0, 1, 1, null));
    }

    @Test
    void aWaivedRequiredCheckCountsAsMet() {
        Evidence evidence = Evidence.builder().signal(signal("alerts.availability_rules", SignalValue.of(1)))
                .signal(signal("secrets.findings_open", SignalValue.of(3)))
                .waiver("sec-secrets", new ApprovedWaiver("w-1", "lead", NOW.plus(Duration.ofDays(30)))).build();
        Scorecard card = evaluate(engineTestRubric(), withRunbook("pre-launch", false), evidence);

        BarProgress bar = BarProgress.of(card);

        assertThat(card.check("sec-secrets").orElseThrow().outcome()).isEqualTo(Outcome.FAIL);
        assertThat(bar.progress()).isEqualTo(100);
        assertThat(bar.distance()).isZero();
        assertThat(bar.pillars().get("sec")).isEqualTo(new BarProgress.PillarProgress(100, 0, 1, 0));
    }

    @Test
    void nothingRequiredReads100WhateverFails() {
        Rubric rubric = oneCheck("{signal: {key: x.count, op: gte, value: 1}}", "recommended", "n/a", "recommended");
        Scorecard card = evaluate(rubric, product("pre-launch").build(), Evidence.empty());

        BarProgress bar = BarProgress.of(card);

        assertThat(bar.progress()).isEqualTo(100);
        assertThat(bar.distance()).isZero();
        assertThat(bar.requiredChecks()).isZero();
        assertThat(bar.pillars()).containsExactly(Map.entry("core", new BarProgress.PillarProgress(100, 0, 0, 0)));
    }

    @Test
    void oneMissingCheckNeverRoundsUpTo100() {
        Rubric rubric = RubricParser.parse("""
                phases: [pre-launch, pre-pmf, pmf]
                pillars: [{id: core, title: Core}]
                checks:
                  - {id: heavy, pillar: core, title: Heavy, why: w, fix: f, weight: 100,
                     requirements: {pre-launch: required, pre-pmf: required, pmf: required},
                     evidence: {signal: {key: heavy.ok, op: equals, value: true}}}
                  - {id: light, pillar: core, title: Light, why: w, fix: f, weight: 1,
                     requirements: {pre-launch: required, pre-pmf: required, pmf: required},
                     evidence: {signal: {key: light.ok, op: equals, value: true}}}
                """, "heavy-light.yaml");
        Evidence evidence = Evidence.builder().signal(signal("heavy.ok", SignalValue.of(true)))
                .signal(signal("light.ok", SignalValue.of(false))).build();

        BarProgress bar = BarProgress.of(evaluate(rubric, product("pmf").build(), evidence));

        assertThat(bar.progress()).as("100 / 101 = 99.01").isEqualTo(99);
        assertThat(bar.distance()).isEqualTo(1);
    }
}
