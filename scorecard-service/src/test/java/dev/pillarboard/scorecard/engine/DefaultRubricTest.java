package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default rubric is product: these tests hold it to RUBRIC-NOTES.md "How requirements rise". */
class DefaultRubricTest {

    private static final Rubric RUBRIC = RubricParser.defaultRubric();

    private static Set<String> checksWith(String phase, Requirement requirement) {
        return RUBRIC.checks().stream().filter(check -> check.requirementIn(phase) == requirement)
                .map(Check::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void requiredSetsRiseWithThePhase() {
        Set<String> preLaunch = checksWith("pre-launch", Requirement.REQUIRED);
        Set<String> prePmf = checksWith("pre-pmf", Requirement.REQUIRED);
        Set<String> pmf = checksWith("pmf", Requirement.REQUIRED);

        assertThat(prePmf).containsAll(preLaunch).hasSizeGreaterThan(preLaunch.size());
        assertThat(pmf).containsAll(prePmf).hasSizeGreaterThan(prePmf.size());
        assertThat(preLaunch).as("pre-launch is a small essential set").hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void noRequirementEverDropsInALaterPhase() {
        for (Check check : RUBRIC.checks()) {
            int previous = -1;
            for (Phase phase : RUBRIC.phases()) {
                int rank = switch (check.requirementIn(phase.id())) {
                    case NOT_APPLICABLE -> 0;
                    case RECOMMENDED -> 1;
                    case REQUIRED -> 2;
                };
                assertThat(rank).as("%s in %s", check.id(), phase.id()).isGreaterThanOrEqualTo(previous);
                previous = rank;
            }
        }
    }

    @Test
    void everyPillarHasAtLeastFiveChecksAndAnEssentialBeforeLaunch() {
        for (Pillar pillar : RUBRIC.pillars()) {
            List<Check> checks = RUBRIC.checksIn(pillar.id());
            assertThat(checks).as(pillar.id()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(checks).as(pillar.id() + " has something required before launch")
                    .anyMatch(check -> check.requirementIn("pre-launch") == Requirement.REQUIRED);
        }
    }

    @Test
    void preLaunchRequiresTheEssentials() {
        assertThat(checksWith("pre-launch", Requirement.REQUIRED)).contains("owner-reachable", "availability-alert",
                "backups-exist", "no-secrets-in-code", "ci-tests", "rollback-exercised");
    }

    @Test
    void prePmfAddsWhatASmallUserBaseNeedsAndOnlyRecommendsSlos() {
        assertThat(checksWith("pre-pmf", Requirement.REQUIRED)).contains("on-call-escalation", "runbooks",
                "incident-process", "dependency-scanning", "memory-limits", "restore-tested", "alerts-actionable");
        assertThat(checksWith("pre-pmf", Requirement.RECOMMENDED)).contains("slos-defined", "burn-rate-alerting");
    }

    @Test
    void pmfRequiresSlosBurnRateAlertingAndLearning() {
        assertThat(checksWith("pmf", Requirement.REQUIRED)).contains("slos-defined", "burn-rate-alerting",
                "alert-review", "postmortems", "four-key-metrics", "load-tested", "capacity-plan", "access-review",
                "recovery-objectives");
    }

    @Test
    void usesEveryEvidenceKind() {
        assertThat(RUBRIC.checks()).extracting(check -> check.evidence().kind()).contains("catalog", "signal",
                "attestation");
    }

    @Test
    void everyCheckIsWrittenForABusyDeveloper() {
        for (Check check : RUBRIC.checks()) {
            assertThat(check.why()).as(check.id() + " why").hasSizeGreaterThan(80);
            assertThat(check.fix()).as(check.id() + " fix links a public explanation").containsPattern("\\]\\(https://");
            assertThat(check.weight()).as(check.id() + " weight").isBetween(1, 5);
        }
    }

    @Test
    void aProductThatDoesEverythingPassesEveryCheck() {
        ProductFacts product = ProductFacts.builder("exemplary", "pmf").name("Exemplary").owner("payments").tier(1)
                .link("repo", "https://git.example.com/exemplary").link("runbook", "https://wiki.example.com/rb")
                .link("dashboard", "https://grafana.example.com/d/1").link("logs", "https://logs.example.com/q")
                .link("on-call", "https://oncall.example.com/payments")
                .annotation("pagerduty.com/service-id", "PX12").annotation("pillarboard.dev/slo-doc", "https://docs/slo")
                .annotation("pillarboard.dev/rto", "4h").annotation("pillarboard.dev/rpo", "15m").build();
        Evidence.Builder evidence = Evidence.builder();
        for (Check check : RUBRIC.checks()) {
            if (check.evidence() instanceof EvidenceRule.SignalRule signal) {
                evidence.signal(signal.key(), passingValue(signal.condition()), NOW.minus(Duration.ofHours(1)), "test");
            } else if (check.evidence() instanceof EvidenceRule.AttestationRule) {
                evidence.attestation(check.id(), new Attestation("alice", NOW.minus(Duration.ofDays(1)),
                        "https://docs.example.com/" + check.id(), ""));
            }
        }

        Scorecard card = new ScoringEngine(RUBRIC).evaluate(product, evidence.build(), NOW);

        assertThat(card.checks()).allSatisfy(result -> assertThat(result.outcome()).as(result.checkId() + ": "
                + result.reason()).isEqualTo(Outcome.PASS));
        assertThat(card.score()).isEqualTo(100);
        assertThat(card.meetsPhaseBar()).isTrue();
        assertThat(card.tasks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pre-launch", "pre-pmf", "pmf"})
    void aProductWithNoEvidenceGetsP1TasksExactlyForTheRequiredChecks(String phase) {
        ProductFacts product = ProductFacts.builder("new", phase).owner("payments").build();

        Scorecard card = new ScoringEngine(RUBRIC).evaluate(product, Evidence.empty(), NOW);

        assertThat(card.meetsPhaseBar()).isFalse();
        assertThat(card.tasks().stream().filter(task -> task.priority() == Priority.P1).map(CheckResult::checkId))
                .containsExactlyInAnyOrderElementsOf(checksWith(phase, Requirement.REQUIRED));
    }

    private static SignalValue passingValue(Condition condition) {
        if (condition instanceof Condition.AtLeast atLeast) {
            return atLeast.bound();
        }
        if (condition instanceof Condition.AtMost atMost) {
            return atMost.bound();
        }
        if (condition instanceof Condition.Equal equal) {
            return equal.value();
        }
        if (condition instanceof Condition.In in) {
            return in.values().get(0);
        }
        if (condition instanceof Condition.Within) {
            return SignalValue.of(NOW.minus(Duration.ofHours(2)).toString());
        }
        return SignalValue.of(1);
    }
}
