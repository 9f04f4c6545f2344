package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static dev.pillarboard.scorecard.engine.TestRubrics.engineTestRubric;
import static dev.pillarboard.scorecard.engine.TestRubrics.featuresRubric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * Grace after a phase change and on arrival (the feature rubric has graceDays 30 and next-phase tasks at P3): the
 * newly required checks are P2 tasks due when the grace ends, P1 after it; checks required already are P1 at once.
 */
class GraceTest {

    private static final ScoringEngine ENGINE = new ScoringEngine(featuresRubric());

    private static ProductFacts product(String phase, Instant since, String from) {
        return ProductFacts.builder("checkout", phase).owner("payments").tier(2).phaseSince(since, from).build();
    }

    @Test
    void aProductNewToTheCatalogGetsGraceForEveryRequiredCheck() {
        Instant arrived = NOW.minus(Duration.ofDays(3));

        Scorecard card = ENGINE.evaluate(product("pre-pmf", arrived, null), Evidence.empty(), NOW);

        assertThat(card.checks()).filteredOn(result -> result.requirement() == Requirement.REQUIRED)
                .extracting(CheckResult::checkId, CheckResult::priority, CheckResult::graceUntil)
                .containsExactly(tuple("actionable", Priority.P2, arrived.plus(Duration.ofDays(30))),
                        tuple("drill", Priority.P2, arrived.plus(Duration.ofDays(30))));
        assertThat(card.tasks()).extracting(CheckResult::priority).doesNotContain(Priority.P1);
        assertThat(card.check("drill").orElseThrow().reason()).endsWith("; newly required in pre-pmf: P1 from 2026-10-28");
        assertThat(card.meetsPhaseBar()).as("grace is time to act, not a pass").isFalse();
        assertThat(card.bar().progress()).isZero();
    }

    @Test
    void afterAPhaseChangeOnlyTheNewlyRequiredChecksGetGrace() {
        // drill was required in pre-launch already; actionable becomes required in pre-pmf
        Instant moved = NOW.minus(Duration.ofDays(10));

        Scorecard card = ENGINE.evaluate(product("pre-pmf", moved, "pre-launch"), Evidence.empty(), NOW);

        assertThat(card.check("drill").orElseThrow().priority()).isEqualTo(Priority.P1);
        assertThat(card.check("drill").orElseThrow().graceUntil()).isNull();
        assertThat(card.check("actionable").orElseThrow().priority()).isEqualTo(Priority.P2);
        assertThat(card.check("actionable").orElseThrow().graceUntil()).isEqualTo(moved.plus(Duration.ofDays(30)));
    }

    @Test
    void whenTheGraceEndsTheTaskIsP1() {
        Instant moved = NOW.minus(Duration.ofDays(30));

        Scorecard card = ENGINE.evaluate(product("pre-pmf", moved, "pre-launch"), Evidence.empty(), NOW);

        assertThat(card.check("actionable").orElseThrow().priority()).isEqualTo(Priority.P1);
        assertThat(card.check("actionable").orElseThrow().graceUntil()).isNull();
    }

    @Test
    void theEndOfTheGraceIsTheNextChange() {
        Instant moved = NOW.minus(Duration.ofDays(10));
        ProductFacts product = product("pre-pmf", moved, "pre-launch");

        assertThat(ENGINE.nextChange(product, Evidence.empty(), NOW)).isEqualTo(moved.plus(Duration.ofDays(30)));
        assertThat(ENGINE.nextChange(product("pre-pmf", NOW.minus(Duration.ofDays(40)), "pre-launch"), Evidence.empty(), NOW))
                .isNull();
    }

    @Test
    void aTierOverrideCountsWhenDecidingWhatIsNewlyRequired() {
        // tier 1: gated is required from pre-pmf on, so on moving from pre-pmf to pmf it is not new
        Instant moved = NOW.minus(Duration.ofDays(1));
        ProductFacts tierOne = ProductFacts.builder("checkout", "pmf").tier(1).phaseSince(moved, "pre-pmf").build();
        ProductFacts tierTwo = ProductFacts.builder("checkout", "pmf").tier(2).phaseSince(moved, "pre-pmf").build();

        assertThat(ENGINE.evaluate(tierOne, Evidence.empty(), NOW).check("gated").orElseThrow().priority()).isEqualTo(Priority.P1);
        assertThat(ENGINE.evaluate(tierTwo, Evidence.empty(), NOW).check("gated").orElseThrow().priority()).isEqualTo(Priority.P2);
    }

    @Test
    void aRubricWithoutGraceOpensP1AtOnceAndAnUnknownHistoryHasNoGrace() {
        ScoringEngine v1 = new ScoringEngine(engineTestRubric());
        ProductFacts arrived = ProductFacts.builder("checkout", "pre-pmf").phaseSince(NOW.minus(Duration.ofDays(1)), null).build();

        assertThat(v1.evaluate(arrived, Evidence.empty(), NOW).check("obs-alert").orElseThrow().priority()).isEqualTo(Priority.P1);
        assertThat(ENGINE.evaluate(product("pre-pmf", null, null), Evidence.empty(), NOW).check("drill").orElseThrow().priority())
                .isEqualTo(Priority.P1);
    }

    @Test
    void theNextPhasePreviewStaysP3WhenTheRubricSaysSo() {
        // slo-target: recommended in pre-pmf, required in pmf; gated likewise for tier 2
        Scorecard card = ENGINE.evaluate(product("pre-launch", NOW.minus(Duration.ofDays(400)), null), Evidence.empty(), NOW);

        assertThat(card.check("actionable").orElseThrow().requirement()).isEqualTo(Requirement.RECOMMENDED);
        assertThat(card.check("actionable").orElseThrow().priority()).isEqualTo(Priority.P3);
        assertThat(card.check("gated").orElseThrow().nextPhaseRequirement()).isEqualTo(Requirement.RECOMMENDED);
        assertThat(card.tasks()).extracting(CheckResult::priority).doesNotContain(Priority.P2);
        Scorecard prePmf = ENGINE.evaluate(product("pre-pmf", NOW.minus(Duration.ofDays(400)), null), Evidence.empty(), NOW);
        assertThat(prePmf.check("slo-target").orElseThrow().nextPhaseRequirement()).isEqualTo(Requirement.REQUIRED);
        assertThat(prePmf.check("slo-target").orElseThrow().priority()).as("required next phase: P3, not P2").isEqualTo(Priority.P3);
    }
}
