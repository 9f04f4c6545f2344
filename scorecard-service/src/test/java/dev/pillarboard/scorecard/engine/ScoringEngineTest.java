package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.CHECK;
import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static dev.pillarboard.scorecard.engine.TestRubrics.engineTestRubric;
import static dev.pillarboard.scorecard.engine.TestRubrics.oneCheck;
import static dev.pillarboard.scorecard.engine.TestRubrics.oneRequiredCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScoringEngineTest {

    private static final String COUNT_RULE = "{signal: {key: x.count, op: gte, value: 1, maxAge: 30d}}";

    // ---- fixtures ----------------------------------------------------------------------------

    private static ProductFacts.Builder product(String phase) {
        return ProductFacts.builder("checkout", phase).name("Checkout").owner("payments").tier(2);
    }

    private static CheckResult evaluateOne(Rubric rubric, ProductFacts product, Evidence evidence) {
        return new ScoringEngine(rubric).evaluate(product, evidence, NOW).check(CHECK).orElseThrow();
    }

    private static Signal signal(String key, SignalValue value, Duration age) {
        return new Signal(key, value, NOW.minus(age), "test-exporter");
    }

    private static ApprovedWaiver validWaiver() {
        return new ApprovedWaiver("w-1", "lead", Instant.parse("2026-12-31T00:00:00Z"));
    }

    private static ApprovedWaiver expiredWaiver() {
        return new ApprovedWaiver("w-0", "lead", Instant.parse("2026-09-01T00:00:00Z"));
    }

    /** Evidence for the x.count rule (maxAge 30d) that yields the given outcome, plus an optional waiver. */
    private static Evidence countEvidence(Outcome outcome, String waiver) {
        Evidence.Builder builder = Evidence.builder();
        if (outcome == Outcome.UNKNOWN) {
            builder.signal(signal("x.count", SignalValue.of(1), Duration.ofDays(40)));
        } else if (outcome != Outcome.NOT_CONNECTED) {
            builder.signal(signal("x.count", SignalValue.of(outcome == Outcome.PASS ? 1 : 0), Duration.ofDays(1)));
        }
        if (waiver.equals("valid")) {
            builder.waiver(CHECK, validWaiver());
        } else if (waiver.equals("expired")) {
            builder.waiver(CHECK, expiredWaiver());
        }
        return builder.build();
    }

    // ---- catalog rules -----------------------------------------------------------------------

    static Stream<Arguments> catalogCases() {
        ProductFacts plain = product("pre-pmf").build();
        return Stream.of(
                Arguments.of("{catalog: {field: links.runbook, op: present}}",
                        product("pre-pmf").link("runbook", "https://wiki/rb").build(), Outcome.PASS,
                        "links.runbook is 'https://wiki/rb'"),
                Arguments.of("{catalog: {field: links.runbook, op: present}}", plain, Outcome.FAIL,
                        "links.runbook is missing"),
                Arguments.of("{catalog: {field: links.runbook, op: present}}",
                        product("pre-pmf").link("runbook", "  ").build(), Outcome.FAIL, "links.runbook is missing"),
                Arguments.of("{catalog: {field: owner, op: equals, value: payments}}", plain, Outcome.PASS,
                        "owner is 'payments'"),
                Arguments.of("{catalog: {field: owner, op: equals, value: search}}", plain, Outcome.FAIL,
                        "owner is 'payments'; needs 'search'"),
                Arguments.of("{catalog: {field: name, op: matches, value: '^Check'}}", plain, Outcome.PASS,
                        "name is 'Checkout' (matches ^Check)"),
                Arguments.of("{catalog: {field: description, op: present}}", plain, Outcome.FAIL,
                        "description is missing"),
                Arguments.of("{catalog: {field: phase, op: in, value: [pre-pmf, pmf]}}", plain, Outcome.PASS,
                        "phase is 'pre-pmf'"),
                Arguments.of("{catalog: {field: tier, op: in, value: [1, 2]}}", plain, Outcome.PASS, "tier is 2"),
                Arguments.of("{catalog: {field: tier, op: in, value: [1, 2]}}", product("pre-pmf").tier(3).build(),
                        Outcome.FAIL, "tier is 3; needs one of 1, 2"),
                Arguments.of("{catalog: {field: tier, op: in, value: [1, 2]}}", product("pre-pmf").tier(null).build(),
                        Outcome.FAIL, "tier is missing; needs one of 1, 2"),
                Arguments.of("{catalog: {field: tier, op: present}}", product("pre-pmf").tier(null).build(),
                        Outcome.FAIL, "tier is missing"),
                Arguments.of("{catalog: {field: tier, op: equals, value: 2}}", plain, Outcome.PASS, "tier is 2"),
                Arguments.of("{catalog: {field: tier, op: gte, value: 2}}", product("pre-pmf").tier(1).build(),
                        Outcome.FAIL, "tier is 1; needs ≥ 2"),
                Arguments.of("{catalog: {field: tier, op: gte, value: 2}}", product("pre-pmf").tier(3).build(),
                        Outcome.PASS, "tier is 3 (≥ 2)"),
                Arguments.of("{catalog: {field: tier, op: lte, value: 1}}", product("pre-pmf").tier(1).build(),
                        Outcome.PASS, "tier is 1 (≤ 1)"),
                Arguments.of("{catalog: {field: tier, op: lte, value: 1}}", plain, Outcome.FAIL, "tier is 2; needs ≤ 1"),
                Arguments.of("{catalog: {field: links.dashboard, op: matches, value: '^https://'}}",
                        product("pre-pmf").link("dashboard", "http://grafana/d/1").build(), Outcome.FAIL,
                        "links.dashboard is 'http://grafana/d/1'; needs a value matching ^https://"),
                Arguments.of("{catalog: {field: links.dashboard, op: matches, value: '^https://'}}", plain,
                        Outcome.FAIL, "links.dashboard is missing"),
                Arguments.of("{catalog: {field: tags, op: contains, value: pci}}",
                        product("pre-pmf").tags("web", "pci").build(), Outcome.PASS, "tags has 'pci'"),
                Arguments.of("{catalog: {field: tags, op: contains, value: pci}}",
                        product("pre-pmf").tags("web").build(), Outcome.FAIL, "tags has no 'pci'"),
                Arguments.of("{catalog: {field: tags, op: present}}", plain, Outcome.FAIL, "tags is empty"),
                Arguments.of("{catalog: {field: tags, op: present}}", product("pre-pmf").tags("web").build(),
                        Outcome.PASS, "tags has 'web'"),
                Arguments.of("{catalog: {field: tags, op: matches, value: '^team-'}}",
                        product("pre-pmf").tags("web", "team-pay").build(), Outcome.PASS,
                        "tags has 'team-pay' (matches ^team-)"),
                Arguments.of("{catalog: {field: tags, op: matches, value: '^team-'}}",
                        product("pre-pmf").tags("web").build(), Outcome.FAIL, "tags has nothing matching ^team-"),
                Arguments.of("{catalog: {field: annotations.pagerduty.com/service-id, op: present}}",
                        product("pre-pmf").annotation("pagerduty.com/service-id", "PX12").build(), Outcome.PASS,
                        "annotations[pagerduty.com/service-id] is 'PX12'"),
                Arguments.of("{catalog: {field: 'annotations[pagerduty.com/service-id]', op: equals, value: PX12}}",
                        plain, Outcome.FAIL, "annotations[pagerduty.com/service-id] is missing; needs 'PX12'"),
                Arguments.of("{catalog: {field: 'annotations[pillarboard.dev/replicas]', op: gte, value: 2}}",
                        product("pre-pmf").annotation("pillarboard.dev/replicas", "3").build(), Outcome.PASS,
                        "annotations[pillarboard.dev/replicas] is '3' (≥ 2)"),
                Arguments.of("{catalog: {field: 'annotations[pillarboard.dev/replicas]', op: gte, value: 2}}",
                        product("pre-pmf").annotation("pillarboard.dev/replicas", "many").build(), Outcome.FAIL,
                        "annotations[pillarboard.dev/replicas] is 'many', not a number; needs ≥ 2"),
                Arguments.of("{catalog: {all: [{field: owner, op: present}, {field: links.runbook, op: present}]}}",
                        plain, Outcome.FAIL, "links.runbook is missing"),
                Arguments.of("{catalog: {all: [{field: owner, op: present}, {field: links.runbook, op: present}]}}",
                        product("pre-pmf").link("runbook", "https://wiki/rb").build(), Outcome.PASS,
                        "owner is 'payments'; links.runbook is 'https://wiki/rb'"),
                Arguments.of("{catalog: {any: [{field: links.on-call, op: present},"
                                + " {field: 'annotations[pagerduty.com/service-id]', op: present}]}}", plain,
                        Outcome.FAIL, "links.on-call is missing and annotations[pagerduty.com/service-id] is missing"),
                Arguments.of("{catalog: {any: [{field: links.on-call, op: present},"
                                + " {field: 'annotations[pagerduty.com/service-id]', op: present}]}}",
                        product("pre-pmf").annotation("pagerduty.com/service-id", "PX12").build(), Outcome.PASS,
                        "annotations[pagerduty.com/service-id] is 'PX12'"),
                Arguments.of("{catalog: {all: [{field: owner, op: present}, {any: [{field: tier, op: lte, value: 1},"
                                + " {field: tags, op: contains, value: critical}]}]}}", plain, Outcome.FAIL,
                        "tier is 2; needs ≤ 1 and tags has no 'critical'"));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("catalogCases")
    void catalogRulesTestFieldsWithEveryOpAndCombinator(String evidence, ProductFacts product, Outcome expected,
                                                        String reason) {
        CheckResult result = evaluateOne(oneRequiredCheck(evidence), product, Evidence.empty());

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.evidence()).isInstanceOf(EvidenceUsed.CatalogEvidence.class);
    }

    @Test
    void catalogEvidenceListsEveryFieldTheRuleNamesWithTheValueSeen() {
        Rubric rubric = oneRequiredCheck("{catalog: {any: [{field: links.on-call, op: present},"
                + " {field: 'annotations[pagerduty.com/service-id]', op: present}, {field: tags, op: present}]}}");
        ProductFacts product = product("pmf").link("on-call", "https://oncall/pay").tags("web").build();

        CheckResult result = evaluateOne(rubric, product, Evidence.empty());

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
        EvidenceUsed.CatalogEvidence evidence = (EvidenceUsed.CatalogEvidence) result.evidence();
        assertThat(evidence.fields()).containsExactly(
                new EvidenceUsed.FieldSeen("links.on-call", "https://oncall/pay"),
                new EvidenceUsed.FieldSeen("annotations[pagerduty.com/service-id]", null),
                new EvidenceUsed.FieldSeen("tags", List.of("web")));
        assertThat(evidence.toPlain()).containsEntry("kind", "catalog");
    }

    @Test
    void catalogRulesAreNeverUnknown() {
        Rubric rubric = oneRequiredCheck("{catalog: {field: links.runbook, op: present}}");
        ProductFacts empty = new ProductFacts("bare", null, null, null, "pmf", null, null, null, null);

        assertThat(evaluateOne(rubric, empty, Evidence.empty()).outcome()).isEqualTo(Outcome.FAIL);
    }

    // ---- signal rules ------------------------------------------------------------------------

    static Stream<Arguments> signalCases() {
        return Stream.of(
                Arguments.of("{key: slo.count, op: gte, value: 1}", SignalValue.of(3), Outcome.PASS, "slo.count is 3 (≥ 1)"),
                Arguments.of("{key: slo.count, op: gte, value: 1}", SignalValue.of(0), Outcome.FAIL, "slo.count is 0; needs ≥ 1"),
                Arguments.of("{key: slo.count, op: gte, value: 1}", SignalValue.of("lots"), Outcome.FAIL,
                        "slo.count is 'lots', not a number; needs ≥ 1"),
                Arguments.of("{key: slo.count, op: gte, value: 1}", SignalValue.of("2"), Outcome.PASS,
                        "slo.count is '2' (≥ 1)"),
                Arguments.of("{key: vulns.critical_open, op: lte, value: 0}", SignalValue.of(2), Outcome.FAIL,
                        "vulns.critical_open is 2; needs ≤ 0"),
                Arguments.of("{key: alerts.noisy_ratio, op: lte, value: 0.2}", SignalValue.of(0.15), Outcome.PASS,
                        "alerts.noisy_ratio is 0.15 (≤ 0.2)"),
                Arguments.of("{key: alerts.noisy_ratio, op: lte, value: 0.2}", SignalValue.of(0.25), Outcome.FAIL,
                        "alerts.noisy_ratio is 0.25; needs ≤ 0.2"),
                Arguments.of("{key: repo.review_required, op: equals, value: true}", SignalValue.of(true), Outcome.PASS,
                        "repo.review_required is true"),
                Arguments.of("{key: repo.review_required, op: equals, value: true}", SignalValue.of(false),
                        Outcome.FAIL, "repo.review_required is false; needs true"),
                Arguments.of("{key: api.open_endpoints, op: equals, value: 0}", SignalValue.of(0.0), Outcome.PASS,
                        "api.open_endpoints is 0"),
                Arguments.of("{key: deploy.strategy, op: in, value: [canary, blue-green]}", SignalValue.of("canary"),
                        Outcome.PASS, "deploy.strategy is 'canary'"),
                Arguments.of("{key: deploy.strategy, op: in, value: [canary, blue-green]}", SignalValue.of("manual"),
                        Outcome.FAIL, "deploy.strategy is 'manual'; needs one of 'canary', 'blue-green'"),
                Arguments.of("{key: slo.doc, op: matches, value: '^https://'}", SignalValue.of("https://docs/slo"),
                        Outcome.PASS, "slo.doc is 'https://docs/slo' (matches ^https://)"),
                Arguments.of("{key: slo.doc, op: matches, value: '^https://'}", SignalValue.of("ftp://x"),
                        Outcome.FAIL, "slo.doc is 'ftp://x'; needs a value matching ^https://"),
                Arguments.of("{key: slo.count, op: present}", SignalValue.of(0), Outcome.PASS, "slo.count is 0"),
                Arguments.of("{key: restore.last_tested_at, op: within, value: 90d}", SignalValue.of("2026-08-01"),
                        Outcome.PASS, "restore.last_tested_at is '2026-08-01' (within the last 90 days)"),
                Arguments.of("{key: restore.last_tested_at, op: within, value: 90d}",
                        SignalValue.of("2026-05-01T00:00:00Z"), Outcome.FAIL,
                        "restore.last_tested_at is '2026-05-01T00:00:00Z'; needs a date within the last 90 days"),
                Arguments.of("{key: restore.last_tested_at, op: within, value: P90D}",
                        SignalValue.of("2026-09-30T23:00:00+02:00"), Outcome.PASS,
                        "restore.last_tested_at is '2026-09-30T23:00:00+02:00' (within the last 90 days)"),
                Arguments.of("{key: restore.last_tested_at, op: within, value: 12h}",
                        SignalValue.of("2026-09-30T23:00:00"), Outcome.FAIL,
                        "restore.last_tested_at is '2026-09-30T23:00:00'; needs a date within the last 12 hours"),
                Arguments.of("{key: restore.last_tested_at, op: within, value: 90d}", SignalValue.of("last tuesday"),
                        Outcome.FAIL, "restore.last_tested_at is 'last tuesday', not an ISO date or timestamp;"
                                + " needs a date within the last 90 days"));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("signalCases")
    void signalRulesTestTheLatestValueWithEveryOp(String rule, SignalValue value, Outcome expected, String reason) {
        String key = rule.substring(rule.indexOf("key: ") + 5, rule.indexOf(','));
        Evidence evidence = Evidence.builder().signal(signal(key, value, Duration.ofHours(1))).build();

        CheckResult result = evaluateOne(oneRequiredCheck("{signal: " + rule + "}"), product("pmf").build(), evidence);

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(result.evidence()).isEqualTo(new EvidenceUsed.SignalEvidence(key, value.toJava(),
                NOW.minus(Duration.ofHours(1)), "test-exporter"));
    }

    @Test
    void aSignalNeverPushedIsNotConnected() {
        CheckResult result = evaluateOne(oneRequiredCheck(COUNT_RULE), product("pmf").build(), Evidence.empty());

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_CONNECTED);
        assertThat(result.status()).isEqualTo(Status.NOT_CONNECTED);
        assertThat(result.satisfied()).as("not connected is not met").isFalse();
        assertThat(result.priority()).isEqualTo(Priority.P1);
        assertThat(result.reason()).isEqualTo("not connected: no x.count has been pushed for this product yet");
        assertThat(result.evidence()).isEqualTo(new EvidenceUsed.SignalEvidence("x.count", null, null, null));
    }

    @ParameterizedTest(name = "maxAge {0}, observed {1} ago -> {2}")
    @CsvSource(delimiter = '|', value = {
        "30d  | P31D    | UNKNOWN | no signal x.count newer than 30 days (last: 2026-08-31)",
        "30d  | P30D    | PASS    | x.count is 1 (≥ 1)",
        "P7D  | P8D     | UNKNOWN | no signal x.count newer than 7 days (last: 2026-09-23)",
        "2w   | P10D    | PASS    | x.count is 1 (≥ 1)",
        "PT12H| PT13H   | UNKNOWN | no signal x.count newer than 12 hours (last: 2026-09-30)",
        "1d12h| PT36H   | PASS    | x.count is 1 (≥ 1)",
        "1d12h| PT37H   | UNKNOWN | no signal x.count newer than 36 hours (last: 2026-09-29)"
    })
    void signalOlderThanMaxAgeIsUnknown(String maxAge, Duration age, Outcome expected, String reason) {
        Rubric rubric = oneRequiredCheck("{signal: {key: x.count, op: gte, value: 1, maxAge: " + maxAge + "}}");
        Evidence evidence = Evidence.builder().signal(signal("x.count", SignalValue.of(1), age)).build();

        CheckResult result = evaluateOne(rubric, product("pmf").build(), evidence);

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.reason()).isEqualTo(reason);
    }

    @Test
    void signalWithoutMaxAgeNeverGoesStale() {
        Rubric rubric = oneRequiredCheck("{signal: {key: x.count, op: gte, value: 1}}");
        Evidence evidence = Evidence.builder().signal(signal("x.count", SignalValue.of(1), Duration.ofDays(3000))).build();

        assertThat(evaluateOne(rubric, product("pmf").build(), evidence).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void evidenceBuilderKeepsTheLatestSignalPerKey() {
        Evidence evidence = Evidence.builder()
                .signal(signal("x.count", SignalValue.of(1), Duration.ofDays(1)))
                .signal(signal("x.count", SignalValue.of(0), Duration.ofDays(5)))
                .build();

        assertThat(evaluateOne(oneRequiredCheck(COUNT_RULE), product("pmf").build(), evidence).outcome())
                .isEqualTo(Outcome.PASS);
    }

    // ---- attestation rules -------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: attested {1} days ago -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{attestation: {validForDays: 90}} | 10  | PASS    | attested by alice on 2026-09-21; valid until 2026-12-20",
        "{attestation: {validForDays: 90}} | 89  | PASS    | attested by alice on 2026-07-04; valid until 2026-10-02",
        "{attestation: {}}                 | 170 | PASS    | attested by alice on 2026-04-14; valid until 2026-10-11",
        "{attestation: }                   | 179 | PASS    | attested by alice on 2026-04-05; valid until 2026-10-02",
        "{attestation: {}}                 | 190 | UNKNOWN | attestation by alice lapsed on 2026-09-21 (attested 2026-03-25, valid 180 days); attest again"
    })
    void attestationCountsForItsValidityPeriod(String rule, int daysAgo, Outcome expected, String reason) {
        Evidence evidence = Evidence.builder().attestation(CHECK, new Attested("alice",
                NOW.minus(Duration.ofDays(daysAgo)), "https://docs/ir", "written and walked through")).build();

        CheckResult result = evaluateOne(oneRequiredCheck(rule), product("pmf").build(), evidence);

        assertThat(result.outcome()).isEqualTo(expected);
        assertThat(result.reason()).isEqualTo(reason);
    }

    @Test
    void lapsedAttestationIsUnknown() {
        Instant at = NOW.minus(Duration.ofDays(100));
        Evidence evidence = Evidence.builder()
                .attestation(CHECK, new Attested("alice", at, "https://docs/ir", "done")).build();

        CheckResult result = evaluateOne(oneRequiredCheck("{attestation: {validForDays: 90}}"), product("pmf").build(),
                evidence);

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(result.status()).isEqualTo(Status.UNKNOWN);
        assertThat(result.priority()).isEqualTo(Priority.P1);
        assertThat(result.reason()).startsWith("attestation by alice lapsed on 2026-09-21");
        assertThat(result.evidence()).isEqualTo(new EvidenceUsed.AttestationEvidence("alice", at, "https://docs/ir",
                "done", at.plus(Duration.ofDays(90)), at));
    }

    @Test
    void missingAttestationIsUnknown() {
        CheckResult result = evaluateOne(oneRequiredCheck("{attestation: {}}"), product("pmf").build(), Evidence.empty());

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(result.reason()).isEqualTo("not attested yet");
    }

    // ---- status: n/a, waived, outcome --------------------------------------------------------

    static Stream<Arguments> statusCases() {
        Object[][] rows = {
            {"required", Outcome.PASS, "none", Status.PASS},
            {"required", Outcome.FAIL, "none", Status.FAIL},
            {"required", Outcome.UNKNOWN, "none", Status.UNKNOWN},
            {"required", Outcome.NOT_CONNECTED, "none", Status.NOT_CONNECTED},
            {"required", Outcome.FAIL, "valid", Status.WAIVED},
            {"required", Outcome.UNKNOWN, "valid", Status.WAIVED},
            {"required", Outcome.NOT_CONNECTED, "valid", Status.WAIVED},
            {"required", Outcome.FAIL, "expired", Status.FAIL},
            {"required", Outcome.PASS, "valid", Status.PASS},
            {"recommended", Outcome.PASS, "none", Status.PASS},
            {"recommended", Outcome.FAIL, "none", Status.FAIL},
            {"recommended", Outcome.FAIL, "valid", Status.WAIVED},
            {"recommended", Outcome.UNKNOWN, "expired", Status.UNKNOWN},
            {"recommended", Outcome.NOT_CONNECTED, "none", Status.NOT_CONNECTED},
            {"n/a", Outcome.PASS, "none", Status.NOT_APPLICABLE},
            {"n/a", Outcome.FAIL, "none", Status.NOT_APPLICABLE},
            {"n/a", Outcome.UNKNOWN, "none", Status.NOT_APPLICABLE},
            {"n/a", Outcome.NOT_CONNECTED, "none", Status.NOT_APPLICABLE},
            {"n/a", Outcome.FAIL, "valid", Status.NOT_APPLICABLE},
        };
        List<Arguments> cases = new ArrayList<>();
        for (String phase : List.of("pre-launch", "pre-pmf", "pmf")) {
            for (Object[] row : rows) {
                cases.add(Arguments.of(phase, row[0], row[1], row[2], row[3]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}, outcome {2}, waiver {3} -> {4}")
    @MethodSource("statusCases")
    void statusFollowsRequirementThenWaiverThenOutcomeInEveryPhase(String phase, String requirement, Outcome outcome,
                                                                   String waiver, Status expected) {
        Rubric rubric = oneCheck(COUNT_RULE,
                phase.equals("pre-launch") ? requirement : "required",
                phase.equals("pre-pmf") ? requirement : "required",
                phase.equals("pmf") ? requirement : "required");

        CheckResult result = evaluateOne(rubric, product(phase).build(), countEvidence(outcome, waiver));

        assertThat(result.status()).isEqualTo(expected);
        assertThat(result.outcome()).as("the rule is evaluated even when n/a or waived").isEqualTo(outcome);
        assertThat(result.requirement().label()).isEqualTo(requirement);
        assertThat(result.waived()).isEqualTo(waiver.equals("valid") && outcome != Outcome.PASS);
    }

    @Test
    void waivedReasonSaysUntilWhenAndWhoApproved() {
        CheckResult result = evaluateOne(oneRequiredCheck(COUNT_RULE), product("pmf").build(),
                countEvidence(Outcome.FAIL, "valid"));

        assertThat(result.reason()).isEqualTo("x.count is 0; needs ≥ 1; waived until 2026-12-31 (waiver w-1, approved by lead)");
        assertThat(result.waiver()).isEqualTo(validWaiver());
    }

    @Test
    void expiredWaiverStopsCountingAndTheReasonSaysSo() {
        CheckResult result = evaluateOne(oneRequiredCheck(COUNT_RULE), product("pmf").build(),
                countEvidence(Outcome.FAIL, "expired"));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.waiver()).isNull();
        assertThat(result.priority()).isEqualTo(Priority.P1);
        assertThat(result.reason()).isEqualTo("x.count is 0; needs ≥ 1; waiver w-0 expired on 2026-09-01");
    }

    @Test
    void waiverExpiringExactlyNowNoLongerCounts() {
        Evidence evidence = Evidence.builder()
                .signal(signal("x.count", SignalValue.of(0), Duration.ofDays(1)))
                .waiver(CHECK, new ApprovedWaiver("w-2", "lead", NOW)).build();

        assertThat(evaluateOne(oneRequiredCheck(COUNT_RULE), product("pmf").build(), evidence).status())
                .isEqualTo(Status.FAIL);
    }

    @Test
    void notApplicableReasonNamesThePhaseAndKeepsTheOutcomeReason() {
        CheckResult result = evaluateOne(oneCheck(COUNT_RULE, "n/a", "required", "required"),
                product("pre-launch").build(), countEvidence(Outcome.FAIL, "none"));

        assertThat(result.reason()).isEqualTo("n/a in pre-launch; x.count is 0; needs ≥ 1");
        assertThat(result.nextPhaseRequirement()).isEqualTo(Requirement.REQUIRED);
    }

    // ---- task priority -----------------------------------------------------------------------

    @ParameterizedTest(name = "now {0}, next {1}, outcome {2}, waiver {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "required    | required    | FAIL    | none    | P1",
        "required    | n/a         | UNKNOWN | none    | P1",
        "required    | required    | PASS    | none    | null",
        "required    | required    | FAIL    | valid   | null",
        "required    | required    | FAIL    | expired | P1",
        "recommended | required    | FAIL    | none    | P2",
        "n/a         | required    | UNKNOWN | none    | P2",
        "n/a         | required    | FAIL    | valid   | null",
        "n/a         | required    | FAIL    | expired | P2",
        "recommended | recommended | FAIL    | none    | P3",
        "recommended | n/a         | UNKNOWN | none    | P3",
        "recommended | required    | PASS    | none    | null",
        "recommended | recommended | FAIL    | valid   | null",
        "n/a         | recommended | FAIL    | none    | null",
        "n/a         | n/a         | FAIL    | none    | null"
    })
    void taskPriorityIsP1RequiredNowThenP2RequiredNextThenP3Recommended(String now, String next, Outcome outcome,
                                                                       String waiver, Priority expected) {
        Rubric rubric = oneCheck(COUNT_RULE, "required", now, next);

        CheckResult result = evaluateOne(rubric, product("pre-pmf").build(), countEvidence(outcome, waiver));

        assertThat(result.priority()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "last phase, {0} -> {1}")
    @CsvSource({"required, P1", "recommended, P3", "n/a, "})
    void lastPhaseHasNoNextPhaseRequirementAndNoP2(String requirement, Priority expected) {
        Rubric rubric = oneCheck(COUNT_RULE, "required", "required", requirement);

        CheckResult result = evaluateOne(rubric, product("pmf").build(), countEvidence(Outcome.FAIL, "none"));

        assertThat(result.nextPhaseRequirement()).isNull();
        assertThat(result.priority()).isEqualTo(expected);
    }

    // ---- roll-ups ----------------------------------------------------------------------------

    /**
     * The scenario of the roll-up tests, against engine-test-rubric.yaml: alert passes, runbook
     * missing, no SLO signal, secrets failing but waived (unless told otherwise), access review
     * attested, restore test too old, no capacity plan.
     */
    private static Evidence scenario(String secretsWaiver) {
        Evidence.Builder builder = Evidence.builder()
                .signal(signal("alerts.availability_rules", SignalValue.of(2), Duration.ofDays(1)))
                .signal(signal("secrets.findings_open", SignalValue.of(3), Duration.ofDays(1)))
                .signal(signal("restore.last_tested_at", SignalValue.of("2026-03-15"), Duration.ofDays(1)))
                .attestation("sec-review", new Attested("bob", NOW.minus(Duration.ofDays(10)), "https://x", ""));
        if (secretsWaiver.equals("valid")) {
            builder.waiver("sec-secrets", validWaiver());
        } else if (secretsWaiver.equals("expired")) {
            builder.waiver("sec-secrets", expiredWaiver());
        }
        return builder.build();
    }

    @ParameterizedTest(name = "{0}: score {1}, obs {2}, sec {3}, res {4}, bar {5}, next {6} {7}")
    @CsvSource(nullValues = "null", value = {
        "pre-launch, 100, 100, 100, null, true,  pre-pmf, 50",
        "pre-pmf,    47,  50,  100, 0,    false, pmf,     50",
        "pmf,        44,  50,  100, 0,    false, null,    null"
    })
    void scoresAreWeightedShareOfApplicableChecksInEveryPhase(String phase, Integer score, Integer obs, Integer sec,
                                                              Integer res, boolean bar, String nextPhase,
                                                              Integer nextReadiness) {
        Scorecard card = new ScoringEngine(engineTestRubric()).evaluate(product(phase).build(), scenario("valid"), NOW);

        assertThat(card.score()).isEqualTo(score);
        assertThat(card.pillars()).extracting(PillarScore::score).containsExactly(obs, sec, res);
        assertThat(card.meetsPhaseBar()).isEqualTo(bar);
        assertThat(card.nextPhase()).isEqualTo(nextPhase);
        assertThat(card.nextPhaseReadiness()).isEqualTo(nextReadiness);
        assertThat(card.phase()).isEqualTo(phase);
        assertThat(card.evaluatedAt()).isEqualTo(NOW);
    }

    @Test
    void checkResultsOfTheScenarioInPrePmf() {
        Scorecard card = new ScoringEngine(engineTestRubric()).evaluate(product("pre-pmf").build(), scenario("valid"), NOW);

        assertThat(card.checks()).extracting(CheckResult::checkId, CheckResult::status, CheckResult::priority)
                .containsExactly(
                        tuple("obs-alert", Status.PASS, null),
                        tuple("obs-runbook", Status.FAIL, Priority.P1),
                        tuple("obs-slo", Status.NOT_CONNECTED, Priority.P2),
                        tuple("sec-secrets", Status.WAIVED, null),
                        tuple("sec-review", Status.PASS, null),
                        tuple("res-restore", Status.FAIL, Priority.P1),
                        tuple("res-plan", Status.NOT_APPLICABLE, null));
        assertThat(card.tasks()).extracting(CheckResult::checkId).containsExactly("obs-runbook", "obs-slo", "res-restore");
    }

    @Test
    void pillarRollUpsCarryWeightsPhaseBarAndNextPhaseReadiness() {
        Scorecard card = new ScoringEngine(engineTestRubric()).evaluate(product("pre-pmf").build(), scenario("valid"), NOW);

        assertThat(card.pillars()).containsExactly(
                new PillarScore("obs", "Observability", 50, 5, 10, false, 33),
                new PillarScore("sec", "Security", 100, 2, 2, true, 100),
                new PillarScore("res", "Resilience", 0, 0, 3, false, 0));
        assertThat(card.passedWeight()).isEqualTo(7);
        assertThat(card.applicableWeight()).isEqualTo(15);
    }

    @ParameterizedTest(name = "secrets waiver {0}: sec {1}, overall {2}, sec bar {3}")
    @CsvSource({"valid, 100, 47, true", "expired, 33, 37, false", "none, 33, 37, false"})
    void waivedChecksLeaveNumeratorAndDenominator(String waiver, int secScore, int overall, boolean secBar) {
        Scorecard card = new ScoringEngine(engineTestRubric()).evaluate(product("pre-pmf").build(), scenario(waiver), NOW);

        PillarScore sec = card.pillar("sec").orElseThrow();
        assertThat(sec.score()).isEqualTo(secScore);
        assertThat(sec.meetsPhaseBar()).isEqualTo(secBar);
        assertThat(card.score()).isEqualTo(overall);
    }

    @Test
    void scoreIsNullWhenNothingIsApplicable() {
        Rubric rubric = oneRequiredCheck(COUNT_RULE);

        Scorecard card = new ScoringEngine(rubric).evaluate(product("pmf").build(), countEvidence(Outcome.FAIL, "valid"), NOW);

        assertThat(card.score()).isNull();
        assertThat(card.applicableWeight()).isZero();
        assertThat(card.pillars().get(0).score()).isNull();
        assertThat(card.meetsPhaseBar()).isTrue();
    }

    @Test
    void nextPhaseReadinessIs100WhenTheNextPhaseRequiresNothing() {
        Rubric rubric = oneCheck(COUNT_RULE, "recommended", "recommended", "n/a");

        Scorecard card = new ScoringEngine(rubric).evaluate(product("pre-pmf").build(), Evidence.empty(), NOW);

        assertThat(card.nextPhaseReadiness()).isEqualTo(100);
        assertThat(card.meetsPhaseBar()).isTrue();
        assertThat(card.score()).isZero();
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(nullValues = "null", value = {
        "0, 0, null", "0, 5, 0", "5, 5, 100", "199, 200, 99", "1, 200, 1", "1, 3, 33", "2, 3, 67", "7, 15, 47",
        "1, 2, 50"
    })
    void percentRoundsToNearestButNeverClaims0Or100Falsely(int part, int whole, Integer expected) {
        assertThat(ScoringEngine.percent(part, whole)).isEqualTo(expected);
    }

    // ---- readiness ---------------------------------------------------------------------------

    @ParameterizedTest(name = "target {0}: meets {1}, {2}%, gaps {3}")
    @CsvSource(delimiter = '|', value = {
        "pre-launch | true  | 100 | 2 | ''",
        "pre-pmf    | false | 50  | 4 | obs-runbook,res-restore",
        "pmf        | false | 50  | 6 | obs-runbook,obs-slo,res-restore"
    })
    void readinessListsExactlyWhatMustChangeForEachTargetPhase(String target, boolean meets, int readiness,
                                                              int required, String gapIds) {
        ScoringEngine engine = new ScoringEngine(engineTestRubric());

        Readiness result = engine.readiness(product("pre-pmf").build(), scenario("valid"), NOW, target);

        assertThat(result.targetPhase()).isEqualTo(target);
        assertThat(result.currentPhase()).isEqualTo("pre-pmf");
        assertThat(result.meets()).isEqualTo(meets);
        assertThat(result.readiness()).isEqualTo(readiness);
        assertThat(result.requiredChecks()).isEqualTo(required);
        assertThat(result.satisfiedChecks()).isEqualTo(required - result.gaps().size());
        List<String> expectedGaps = gapIds.isEmpty() ? List.of() : List.of(gapIds.split(","));
        assertThat(result.gaps()).extracting(Readiness.Gap::checkId).containsExactlyElementsOf(expectedGaps);
    }

    @Test
    void readinessGapsCarryOutcomeReasonAndFix() {
        ScoringEngine engine = new ScoringEngine(engineTestRubric());
        Scorecard card = engine.evaluate(product("pre-launch").build(), scenario("valid"), NOW);

        Readiness result = engine.readiness(card, "pmf");

        assertThat(result.gaps()).containsExactly(
                new Readiness.Gap("obs-runbook", "obs", Text.of("Runbook link"), 3, Outcome.FAIL, "links.runbook is missing",
                        Text.of("Add links.runbook.")),
                new Readiness.Gap("obs-slo", "obs", Text.of("SLOs defined"), 2, Outcome.NOT_CONNECTED,
                        "not connected: no slo.count has been pushed for this product yet",
                        engine.rubric().howToConnect(engine.rubric().check("obs-slo").orElseThrow().evidence(), "checkout", NOW)),
                new Readiness.Gap("res-restore", "res", Text.of("Restore tested"), 3, Outcome.FAIL,
                        "restore.last_tested_at is '2026-03-15'; needs a date within the last 90 days", Text.of("Test a restore.")));
        assertThat(result).isEqualTo(engine.readiness(product("pre-launch").build(), scenario("valid"), NOW, "pmf"));
    }

    @Test
    void unknownTargetPhaseIsRejectedWithTheKnownPhases() {
        ScoringEngine engine = new ScoringEngine(engineTestRubric());

        assertThatThrownBy(() -> engine.readiness(product("pmf").build(), Evidence.empty(), NOW, "ga"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown phase 'ga'; the rubric defines pre-launch, pre-pmf, pmf");
    }

    @Test
    void unknownProductPhaseIsAnInputError() {
        ScoringEngine engine = new ScoringEngine(engineTestRubric());

        assertThatThrownBy(() -> engine.evaluate(product("beta").build(), Evidence.empty(), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("product checkout: unknown phase 'beta'; the rubric defines pre-launch, pre-pmf, pmf");
    }

    @Test
    void readinessRefusesAScorecardFromAnotherRubric() {
        Scorecard foreign = new ScoringEngine(oneRequiredCheck(COUNT_RULE)).evaluate(product("pmf").build(),
                Evidence.empty(), NOW);

        assertThatThrownBy(() -> new ScoringEngine(engineTestRubric()).readiness(foreign, "pmf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not produced with this rubric");
    }

    // ---- history fingerprint -----------------------------------------------------------------

    @Test
    void fingerprintIgnoresEvaluationTimeAndReasons() {
        ScoringEngine engine = new ScoringEngine(engineTestRubric());
        Scorecard first = engine.evaluate(product("pre-pmf").build(), scenario("valid"), NOW);
        Scorecard later = engine.evaluate(product("pre-pmf").build(), scenario("valid"), NOW.plus(Duration.ofMinutes(5)));

        assertThat(later.snapshot()).isEqualTo(first.snapshot());
        assertThat(later.fingerprint()).isEqualTo(first.fingerprint())
                .isEqualTo("phase=pre-pmf;progress=60;score=47;bar=false;next=50;obs=50;sec=100;res=0");
    }

    @Test
    void fingerprintChangesWhenAPillarScoreOrThePhaseChanges() {
        ScoringEngine engine = new ScoringEngine(engineTestRubric());
        Scorecard before = engine.evaluate(product("pre-pmf").build(), scenario("valid"), NOW);
        Scorecard runbookAdded = engine.evaluate(product("pre-pmf").link("runbook", "https://rb").build(),
                scenario("valid"), NOW);
        Scorecard promoted = engine.evaluate(product("pmf").build(), scenario("valid"), NOW);

        assertThat(runbookAdded.fingerprint()).isNotEqualTo(before.fingerprint());
        assertThat(runbookAdded.snapshot()).isNotEqualTo(before.snapshot());
        assertThat(promoted.fingerprint()).isNotEqualTo(before.fingerprint());
    }

    // ---- engine properties -------------------------------------------------------------------

    @Test
    void engineIsSafeToShareBetweenThreads() {
        Rubric rubric = RubricParser.defaultRubric();
        ScoringEngine engine = new ScoringEngine(rubric);
        SyntheticPortfolio portfolio = SyntheticPortfolio.generate(rubric, 2_000, 42L, NOW);

        List<Scorecard> sequential = IntStream.range(0, portfolio.size())
                .mapToObj(i -> engine.evaluate(portfolio.product(i), portfolio.evidence(i), NOW)).toList();
        List<Scorecard> parallel = IntStream.range(0, portfolio.size()).parallel()
                .mapToObj(i -> engine.evaluate(portfolio.product(i), portfolio.evidence(i), NOW)).toList();

        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void syntheticPortfolioExercisesEveryStatus() {
        Rubric rubric = RubricParser.defaultRubric();
        ScoringEngine engine = new ScoringEngine(rubric);
        SyntheticPortfolio portfolio = SyntheticPortfolio.generate(rubric, 500, 7L, NOW);

        List<Status> statuses = IntStream.range(0, portfolio.size())
                .mapToObj(i -> engine.evaluate(portfolio.product(i), portfolio.evidence(i), NOW))
                .flatMap(card -> card.checks().stream()).map(CheckResult::status).distinct().toList();

        assertThat(statuses).as("version 1 has no minCount, so never too little data")
                .containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(Status.INSUFFICIENT_DATA)));
    }
}
