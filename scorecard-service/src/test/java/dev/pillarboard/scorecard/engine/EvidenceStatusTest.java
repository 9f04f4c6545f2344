package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static dev.pillarboard.scorecard.engine.TestRubrics.featuresRubric;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statuses and evidence rules of rubric version 2: not connected (with how to connect it), too little data
 * ({@code minCount}), attestations counted from when the practice was performed, waivers limited to a phase, and the
 * headline figure (progress) with recommended checks as extra credit.
 */
class EvidenceStatusTest {

    private static final Rubric RUBRIC = featuresRubric();
    private static final ScoringEngine ENGINE = new ScoringEngine(RUBRIC);
    private static final Instant HOUR_AGO = NOW.minus(Duration.ofHours(1));

    private static ProductFacts product(String phase) {
        return ProductFacts.builder("checkout", phase).owner("payments").tier(2).build();
    }

    private static CheckResult check(String phase, Evidence evidence, String id) {
        return ENGINE.evaluate(product(phase), evidence, NOW).check(id).orElseThrow();
    }

    // ---- not connected ---------------------------------------------------------------------------

    @Test
    void aNeverPushedSignalSaysHowToConnectItInsteadOfTheFix() {
        Scorecard card = ENGINE.evaluate(product("pmf"), Evidence.empty(), NOW);
        Readiness readiness = ENGINE.readiness(card, "pmf");

        Readiness.Gap gated = readiness.gaps().stream().filter(gap -> gap.checkId().equals("gated")).findFirst().orElseThrow();
        assertThat(gated.outcome()).isEqualTo(Outcome.NOT_CONNECTED);
        assertThat(gated.fix().en())
                .startsWith("**Not connected**: `deploy.gated_ratio` (the share of production deploys that passed a health gate)"
                        + " has never been pushed for this product. `deploy-bot` pushes it. Deploy through the shared pipeline.")
                .contains("POST /api/signals")
                .contains("{\"product\": \"checkout\", \"key\": \"deploy.gated_ratio\", \"value\": 0.9, \"observedAt\": \""
                        + "2026-10-01T12:00:00Z\", \"source\": \"deploy-bot\"}");
        assertThat(gated.fix().in("ja")).startsWith("**未接続**").contains("送るのは `deploy-bot` です。共通パイプラインでデプロイしてください。");
        assertThat(readiness.gaps()).filteredOn(gap -> gap.checkId().equals("drill")).first()
                .extracting(Readiness.Gap::fix).as("an attestation has its fix").isEqualTo(Text.of("Hold a drill."));
    }

    @Test
    void notConnectedIsNotMetAndIsCountedApart() {
        Scorecard card = ENGINE.evaluate(product("pmf"), Evidence.empty(), NOW);

        assertThat(card.check("gated").orElseThrow().priority()).isEqualTo(Priority.P1);
        assertThat(card.meetsPhaseBar()).isFalse();
        assertThat(card.bar().notConnected()).as("gated, actionable, slo-target").isEqualTo(3);
        assertThat(card.bar().insufficientData()).isZero();
    }

    @Test
    void aRuleWithASampleNamesBothKeysWhenNothingIsConnected() {
        Text connect = RUBRIC.howToConnect(RUBRIC.check("actionable").orElseThrow().evidence(), null, NOW);

        assertThat(connect.en()).contains("`alerts.actionable_ratio`").contains("`alerts.pages_30d`")
                .contains("\"product\": \"<product>\"").contains("\"value\": 12");
    }

    // ---- minCount ------------------------------------------------------------------------------

    @ParameterizedTest(name = "ratio {0}, pages {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
        "0.5, 4,  INSUFFICIENT_DATA, alerts.pages_30d is 4; fewer than 5, too few to judge alerts.actionable_ratio",
        "-,   2,  INSUFFICIENT_DATA, alerts.pages_30d is 2; fewer than 5, too few to judge alerts.actionable_ratio",
        "0.5, 5,  FAIL,              alerts.actionable_ratio is 0.5; needs ≥ 0.7",
        "0.9, 40, PASS,              alerts.actionable_ratio is 0.9 (≥ 0.7)",
        "0.9, -,  NOT_CONNECTED,     not connected: no alerts.pages_30d (the sample behind alerts.actionable_ratio) has been pushed",
        "-,   9,  NOT_CONNECTED,     not connected: no alerts.actionable_ratio has been pushed",
    })
    void belowTheMinimumSampleTheCheckReadsNotEnoughData(Double ratio, Long pages, Outcome outcome, String reason) {
        Evidence.Builder evidence = Evidence.builder();
        if (ratio != null) {
            evidence.signal("alerts.actionable_ratio", SignalValue.of(ratio), HOUR_AGO, "pager-bot");
        }
        if (pages != null) {
            evidence.signal("alerts.pages_30d", SignalValue.of(pages), HOUR_AGO, "pager-bot");
        }

        CheckResult result = check("pmf", evidence.build(), "actionable");

        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.reason()).startsWith(reason);
    }

    @Test
    void notEnoughDataIsNoFailureAndHoldsNoOneBack() {
        Evidence evidence = Evidence.builder().signal("alerts.actionable_ratio", SignalValue.of(0.2), HOUR_AGO, "pager-bot")
                .signal("alerts.pages_30d", SignalValue.of(1), HOUR_AGO, "pager-bot")
                .attestation("drill", new Attested("alice", HOUR_AGO, "https://docs/drill", "")).build();

        Scorecard card = ENGINE.evaluate(product("pre-pmf"), evidence, NOW);
        CheckResult actionable = card.check("actionable").orElseThrow();

        assertThat(actionable.status()).isEqualTo(Status.INSUFFICIENT_DATA);
        assertThat(actionable.priority()).as("no task").isNull();
        assertThat(actionable.satisfied()).isTrue();
        assertThat(card.meetsPhaseBar()).isTrue();
        assertThat(card.bar().progress()).isEqualTo(100);
        assertThat(card.bar().insufficientData()).isEqualTo(1);
        assertThat(card.score()).as("drill (1) passes; actionable is not judged; gated and slo-target (2 + 3) are not connected")
                .isEqualTo(17);
        assertThat(actionable.evidence().toPlain()).containsEntry("count",
                java.util.Map.of("key", "alerts.pages_30d", "value", 1L, "observedAt", HOUR_AGO));
    }

    @Test
    void aStaleSampleCountIsUnknownAndItsAgeIsANextChange() {
        Evidence evidence = Evidence.builder().signal("alerts.actionable_ratio", SignalValue.of(0.9), HOUR_AGO, "pager-bot")
                .signal("alerts.pages_30d", SignalValue.of(20), NOW.minus(Duration.ofDays(8)), "pager-bot").build();

        assertThat(check("pmf", evidence, "actionable").outcome()).isEqualTo(Outcome.UNKNOWN);
        Evidence fresh = Evidence.builder().signal("alerts.actionable_ratio", SignalValue.of(0.9), NOW.minus(Duration.ofDays(1)), "b")
                .signal("alerts.pages_30d", SignalValue.of(20), NOW.minus(Duration.ofDays(6)), "b").build();
        assertThat(ENGINE.nextChange(product("pmf"), fresh, NOW)).isEqualTo(NOW.plus(Duration.ofDays(1)).plusNanos(1000));
    }

    // ---- performedAt ---------------------------------------------------------------------------

    @Test
    void validityCountsFromWhenThePracticeWasPerformed() {
        Instant attested = NOW.minus(Duration.ofDays(1));
        Instant performed = NOW.minus(Duration.ofDays(100));
        Evidence evidence = Evidence.builder()
                .attestation("drill", new Attested("alice", attested, "https://docs/drill", "", performed)).build();

        CheckResult result = check("pmf", evidence, "drill");

        assertThat(result.outcome()).as("performed 100 days ago, valid 90").isEqualTo(Outcome.UNKNOWN);
        assertThat(result.reason()).isEqualTo("attestation by alice lapsed on 2026-09-21 (attested 2026-09-30, performed"
                + " 2026-06-23, valid 90 days); attest again");
        assertThat(result.evidence()).isEqualTo(new EvidenceUsed.AttestationEvidence("alice", attested, "https://docs/drill", "",
                performed.plus(Duration.ofDays(90)), performed));
    }

    @Test
    void aRecentPracticeAttestedNowPassesAndSaysWhenItHappened() {
        Evidence evidence = Evidence.builder().attestation("drill", new Attested("alice", HOUR_AGO, "https://docs/drill", "",
                NOW.minus(Duration.ofDays(20)))).build();

        CheckResult result = check("pmf", evidence, "drill");

        assertThat(result.outcome()).isEqualTo(Outcome.PASS);
        assertThat(result.reason()).isEqualTo("attested by alice on 2026-10-01, performed 2026-09-11; valid until 2026-12-10");
        assertThat(ENGINE.nextChange(product("pmf"), evidence, NOW)).isEqualTo(Instant.parse("2026-12-10T12:00:00Z"));
    }

    @Test
    void theAttestationOfTheLatestPracticeCounts() {
        Attested olderPracticeAttestedLater = new Attested("bob", HOUR_AGO, "https://docs/b", "", NOW.minus(Duration.ofDays(80)));
        Attested newerPractice = new Attested("alice", NOW.minus(Duration.ofDays(5)), "https://docs/a", "", NOW.minus(Duration.ofDays(6)));

        Evidence evidence = Evidence.builder().attestation("drill", newerPractice).attestation("drill", olderPracticeAttestedLater)
                .build();

        assertThat(evidence.attestations().get("drill")).isEqualTo(newerPractice);
    }

    // ---- waivers until the phase changes ---------------------------------------------------------

    @Test
    void aWaiverForAPhaseCountsInItAndStopsWhenThePhaseChanges() {
        ApprovedWaiver untilPmf = new ApprovedWaiver("w-7", "lead", NOW.plus(Duration.ofDays(200)), "pre-pmf");
        Evidence evidence = Evidence.builder().waiver("actionable", untilPmf).build();

        CheckResult inPrePmf = check("pre-pmf", evidence, "actionable");
        CheckResult inPmf = check("pmf", evidence, "actionable");

        assertThat(inPrePmf.status()).isEqualTo(Status.WAIVED);
        assertThat(inPrePmf.reason()).endsWith("; waived until 2027-04-19 or until the product leaves pre-pmf (waiver w-7,"
                + " approved by lead)");
        assertThat(inPmf.status()).isEqualTo(Status.NOT_CONNECTED);
        assertThat(inPmf.waiver()).isNull();
        assertThat(inPmf.priority()).isEqualTo(Priority.P1);
        assertThat(inPmf.reason()).endsWith("; waiver w-7 counted only while the product was in pre-pmf (it is in pmf now)");
    }

    // ---- the headline figure ---------------------------------------------------------------------

    @Test
    void recommendedChecksAreExtraCreditBesideTheProgress() {
        // pre-pmf, tier 2: required actionable (4) and drill (1); recommended gated (2) and slo-target (3)
        Evidence evidence = Evidence.builder().signal("alerts.actionable_ratio", SignalValue.of(0.9), HOUR_AGO, "b")
                .signal("alerts.pages_30d", SignalValue.of(30), HOUR_AGO, "b")
                .signal("deploy.gated_ratio", SignalValue.of(0.95), HOUR_AGO, "b")
                .signal("slo.min_target", SignalValue.of(98.0), HOUR_AGO, "b").build();

        BarProgress bar = ENGINE.evaluate(product("pre-pmf"), evidence, NOW).bar();

        assertThat(bar.progress()).as("4 of 5 required weight").isEqualTo(80);
        assertThat(bar.distance()).isEqualTo(1);
        assertThat(bar.extraCredit()).as("2 of 5 recommended weight").isEqualTo(40);
        assertThat(bar.pillars().get("core").extraCredit()).isEqualTo(40);
    }
}
