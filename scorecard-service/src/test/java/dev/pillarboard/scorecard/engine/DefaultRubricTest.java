package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The default rubric is product: these tests hold it to RUBRIC-NOTES.md "How requirements rise". */
class DefaultRubricTest {

    private static final Rubric RUBRIC = RubricParser.defaultRubric();

    private static Set<String> checksWith(String phase, Requirement requirement) {
        return RUBRIC.checks().stream().filter(check -> check.requirementIn(phase) == requirement)
                .map(Check::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Every check of the default rubric: its requirement in pre-launch, pre-pmf and pmf, and its kind
     * of evidence. A change to a phase bar is a change to this table (and {@link #theTableListsEveryCheck}
     * fails when a check is added or removed without it).
     */
    private static final String REQUIREMENTS = """
            # check                     pre-launch   pre-pmf      pmf          evidence
            availability-alert          required     required     required     signal
            golden-signals-dashboard    recommended  required     required     catalog
            searchable-logs             recommended  recommended  required     catalog
            distributed-tracing         n/a          recommended  required     signal
            slos-defined                n/a          recommended  required     signal
            slo-compliance              n/a          recommended  required     signal
            error-budget-policy         n/a          recommended  required     catalog
            burn-rate-alerting          n/a          recommended  required     signal
            alerts-actionable           recommended  required     required     signal
            alert-review                n/a          recommended  required     attestation
            owner-reachable             required     required     required     catalog
            on-call-escalation          recommended  required     required     signal
            runbooks                    recommended  required     required     catalog
            incident-process            recommended  required     required     attestation
            postmortems                 n/a          recommended  required     attestation
            game-day                    n/a          n/a          recommended  attestation
            source-in-repo              required     required     required     catalog
            changes-reviewed            recommended  required     required     signal
            ci-tests                    required     required     required     signal
            automated-deploy            recommended  required     required     signal
            rollback-exercised          required     required     required     attestation
            progressive-delivery        n/a          recommended  recommended  signal
            four-key-metrics            n/a          recommended  required     signal
            change-failure-rate         n/a          n/a          recommended  signal
            no-secrets-in-code          required     required     required     signal
            authn-non-public-endpoints  required     required     required     signal
            dependency-scanning         recommended  required     required     signal
            critical-vulns-patched      recommended  required     required     signal
            access-review               n/a          recommended  required     attestation
            audit-logging               n/a          recommended  recommended  attestation
            threat-model                n/a          recommended  required     attestation
            backups-exist               required     required     required     signal
            restore-tested              recommended  required     required     signal
            memory-limits               recommended  required     required     signal
            timeouts-degradation        n/a          recommended  recommended  attestation
            load-tested                 recommended  recommended  required     signal
            capacity-plan               n/a          recommended  required     attestation
            recovery-objectives         n/a          recommended  required     catalog
            """;

    static Stream<Arguments> requirements() {
        return REQUIREMENTS.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")).map(cells -> Arguments.of((Object[]) cells));
    }

    @ParameterizedTest(name = "{0}: {1} / {2} / {3}, {4} evidence")
    @MethodSource("requirements")
    void eachCheckHasItsRequirementInEveryPhase(String id, String preLaunch, String prePmf, String pmf, String kind) {
        Check check = RUBRIC.check(id).orElseThrow(() -> new AssertionError("no check " + id));
        assertThat(List.of(check.requirementIn("pre-launch").label(), check.requirementIn("pre-pmf").label(),
                check.requirementIn("pmf").label())).as(id).containsExactly(preLaunch, prePmf, pmf);
        assertThat(check.evidence().kind()).as(id).isEqualTo(kind);
    }

    @Test
    void theTableListsEveryCheck() {
        assertThat(requirements().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyElementsOf(RUBRIC.checks().stream().map(Check::id).toList());
    }

    /**
     * What passes, what fails and what is unknown for the signal checks the SRE review added or changed,
     * for a pmf product (where all of them apply): the signal pushed ({@code -}: none), its value and
     * age, the outcome, and a fragment of the reason. A signal the check does not read (the old
     * {@code slo.count}, {@code alerts.burn_rate_rules}) leaves it unknown.
     */
    @ParameterizedTest(name = "{0}: {1} = {2}, {3} old -> {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            # check                   | signal pushed                             | value   | age  | outcome | reason contains
            # the fast-burn page on an availability SLO counts as one of these rules
            availability-alert         | alerts.availability_rules                 | 1       | PT1H | PASS    | is 1 (≥ 1)
            availability-alert         | alerts.availability_rules                 | 0       | PT1H | FAIL    | is 0; needs ≥ 1
            availability-alert         | alerts.availability_rules                 | 2       | P8D  | UNKNOWN | newer than 7 days
            availability-alert         | -                                         | -       | PT1H | NOT_CONNECTED | not connected: no alerts.availability_rules has been pushed
            # every listed journey has an SLO; automation pushes 1 while no journey is listed
            slos-defined               | slo.journeys_without_slo                  | 0       | PT1H | PASS    | is 0 (≤ 0)
            slos-defined               | slo.journeys_without_slo                  | 1       | PT1H | FAIL    | is 1; needs ≤ 0
            slos-defined               | slo.journeys_without_slo                  | 0       | P8D  | UNKNOWN | newer than 7 days
            slos-defined               | slo.count                                 | 1       | PT1H | NOT_CONNECTED | not connected: no slo.journeys_without_slo has been pushed
            # budget left on the most-spent SLO: exactly spent still meets the SLO, overspent does not
            slo-compliance             | slo.error_budget_remaining                | 0.35    | PT1H | PASS    | is 0.35 (≥ 0)
            slo-compliance             | slo.error_budget_remaining                | 0       | PT1H | PASS    | is 0 (≥ 0)
            slo-compliance             | slo.error_budget_remaining                | -0.2    | PT1H | FAIL    | is -0.2; needs ≥ 0
            slo-compliance             | slo.error_budget_remaining                | 0.9     | P3D  | UNKNOWN | newer than 2 days
            slo-compliance             | -                                         | -       | PT1H | NOT_CONNECTED | not connected: no slo.error_budget_remaining has been pushed
            # every SLO pages on its burn rate; automation pushes 1 while there is no SLO
            burn-rate-alerting         | alerts.slos_without_burn_rate             | 0       | PT1H | PASS    | is 0 (≤ 0)
            burn-rate-alerting         | alerts.slos_without_burn_rate             | 2       | PT1H | FAIL    | is 2; needs ≤ 0
            burn-rate-alerting         | alerts.burn_rate_rules                    | 1       | PT1H | NOT_CONNECTED | not connected: no alerts.slos_without_burn_rate has been pushed
            # a quiet product (no alert fired: automation pushes 1) passes; the bar is 70% actionable
            alerts-actionable          | alerts.actionable_ratio                   | 1       | PT1H | PASS    | is 1 (≥ 0.7)
            alerts-actionable          | alerts.actionable_ratio                   | 0.7     | PT1H | PASS    | is 0.7 (≥ 0.7)
            alerts-actionable          | alerts.actionable_ratio                   | 0.69    | PT1H | FAIL    | is 0.69; needs ≥ 0.7
            alerts-actionable          | alerts.actionable_ratio                   | 0.9     | P8D  | UNKNOWN | newer than 7 days
            distributed-tracing        | tracing.services_without_traces           | 0       | PT1H | PASS    | is 0 (≤ 0)
            distributed-tracing        | tracing.services_without_traces           | 3       | PT1H | FAIL    | is 3; needs ≤ 0
            distributed-tracing        | tracing.services_without_traces           | 0       | P8D  | UNKNOWN | newer than 7 days
            distributed-tracing        | -                                         | -       | PT1H | NOT_CONNECTED | not connected: no tracing.services_without_traces has been pushed
            authn-non-public-endpoints | api.unauthenticated_endpoints             | 0       | PT1H | PASS    | is 0 (≤ 0)
            authn-non-public-endpoints | api.unauthenticated_endpoints             | 1       | PT1H | FAIL    | is 1; needs ≤ 0
            memory-limits              | resources.containers_without_memory_limit | 0       | PT1H | PASS    | is 0 (≤ 0)
            memory-limits              | resources.containers_without_memory_limit | 2       | PT1H | FAIL    | is 2; needs ≤ 0
            # rolling and recreate expose everyone to a bad change at once
            progressive-delivery       | deploy.strategy                           | canary  | PT1H | PASS    | is 'canary'
            progressive-delivery       | deploy.strategy                           | rolling | PT1H | FAIL    | is 'rolling'; needs
            """)
    void signalChecksPassFailGoUnknownOrAreNotConnectedAsTheSreReviewDefinedThem(String check, String key, String value, Duration age,
            Outcome outcome, String reason) {
        Evidence.Builder evidence = Evidence.builder();
        if (key != null) {
            evidence.signal(key, parse(value), NOW.minus(age), "test");
        }

        ProductFacts product = ProductFacts.builder("p", "pmf").owner("payments").build();

        CheckResult result = result(product, evidence.build(), check);

        assertThat(result.outcome()).as(result.reason()).isEqualTo(outcome);
        assertThat(result.reason()).contains(reason);
    }

    private static SignalValue parse(String text) {
        if (text.matches("-?\\d+")) {
            return SignalValue.of(Long.parseLong(text));
        }
        return text.matches("-?\\d*\\.\\d+") ? SignalValue.of(Double.parseDouble(text)) : SignalValue.of(text);
    }

    @Test
    void aPmfTeamThatRetiresThresholdAlertsForBurnRatePagesStillMeetsTheAvailabilityAlert() {
        // The burn-rate fix says to retire the threshold alerts; availability-alert's fix says the
        // fast-burn page on an availability SLO counts, so automation counts it in alerts.availability_rules.
        Check availability = RUBRIC.check("availability-alert").orElseThrow();
        Check burnRate = RUBRIC.check("burn-rate-alerting").orElseThrow();
        assertThat(availability.fix().en()).contains("burn-rate page counts").contains("`alerts.availability_rules`");
        assertThat(burnRate.fix().en()).contains("retire the threshold alerts").contains("`alerts.availability_rules`");

        Evidence evidence = Evidence.builder()
                .signal("alerts.slos_without_burn_rate", SignalValue.of(0), NOW.minus(Duration.ofHours(1)), "test")
                // the fast-burn page on the availability SLO, the threshold alert retired
                .signal("alerts.availability_rules", SignalValue.of(1), NOW.minus(Duration.ofHours(1)), "test")
                .build();
        Scorecard card = new ScoringEngine(RUBRIC).evaluate(ProductFacts.builder("p", "pmf").build(), evidence, NOW);

        assertThat(card.checks())
                .filteredOn(result -> Set.of("availability-alert", "burn-rate-alerting").contains(result.checkId()))
                .extracting(CheckResult::status).containsExactly(Status.PASS, Status.PASS);
    }

    @Test
    void aQuietProductCanMeetTheAlertNoiseBar() {
        assertThat(RUBRIC.check("alerts-actionable").orElseThrow().fix().en()).contains("pushes **1 when no alert fired**");
        Evidence quiet = Evidence.builder()
                .signal("alerts.actionable_ratio", SignalValue.of(1), NOW.minus(Duration.ofHours(1)), "test").build();

        CheckResult result = result(ProductFacts.builder("quiet", "pre-pmf").build(), quiet, "alerts-actionable");

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.priority()).isNull();
    }

    @Test
    void gapCountsSayWhatAutomationPushesWhenNothingIsSetUpYet() {
        // Otherwise "no SLO at all" would count as "no SLO without a burn-rate page" and pass.
        assertThat(RUBRIC.check("slos-defined").orElseThrow().fix().en())
                .contains("`slo.journeys_without_slo` (1 while no journey is listed)")
                .contains("`pillarboard.dev/key-journeys`");
        assertThat(RUBRIC.check("burn-rate-alerting").orElseThrow().fix().en())
                .contains("`alerts.slos_without_burn_rate` (1 while the product has no SLO)");
    }

    @Test
    void everySignalTheRubricReadsIsDocumentedForAutomation() throws IOException {
        String yaml = RubricParser.defaultRubricYaml();
        String engineDoc = Files.readString(Path.of("ENGINE.md"));
        for (Check check : RUBRIC.checks()) {
            if (check.evidence() instanceof EvidenceRule.SignalRule signal) {
                String key = Pattern.quote(signal.key());
                assertThat(yaml).as("the rubric's header lists " + signal.key())
                        .containsPattern("(?m)^#   " + key + " ");
                assertThat(engineDoc).as("ENGINE.md lists " + signal.key() + " for " + check.id())
                        .containsPattern("(?m)^\\| `" + key + "` \\|.*\\| " + Pattern.quote(check.id()) + " \\|$");
            }
        }
    }

    private static CheckResult result(ProductFacts product, Evidence evidence, String check) {
        return new ScoringEngine(RUBRIC).evaluate(product, evidence, NOW).checks().stream()
                .filter(result -> result.checkId().equals(check)).findFirst().orElseThrow();
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
                "backups-exist", "no-secrets-in-code", "ci-tests", "rollback-exercised", "authn-non-public-endpoints");
    }

    @Test
    void prePmfAddsWhatASmallUserBaseNeedsAndOnlyRecommendsSlos() {
        assertThat(checksWith("pre-pmf", Requirement.REQUIRED)).contains("on-call-escalation", "runbooks",
                "incident-process", "dependency-scanning", "memory-limits", "restore-tested", "alerts-actionable");
        assertThat(checksWith("pre-pmf", Requirement.RECOMMENDED)).contains("slos-defined", "slo-compliance",
                "burn-rate-alerting", "error-budget-policy", "distributed-tracing");
    }

    @Test
    void pmfRequiresSlosBurnRateAlertingAndLearning() {
        assertThat(checksWith("pmf", Requirement.REQUIRED)).contains("slos-defined", "slo-compliance",
                "burn-rate-alerting", "error-budget-policy", "alerts-actionable", "distributed-tracing", "alert-review",
                "postmortems", "four-key-metrics", "load-tested", "capacity-plan", "access-review",
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
            assertThat(check.why().en()).as(check.id() + " why").hasSizeGreaterThan(80);
            assertThat(check.fix().en()).as(check.id() + " fix links a public explanation").containsPattern("\\]\\(https://");
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
                evidence.attestation(check.id(), new Attested("alice", NOW.minus(Duration.ofDays(1)),
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
