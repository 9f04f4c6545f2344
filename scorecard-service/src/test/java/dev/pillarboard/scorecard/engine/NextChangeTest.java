package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.CHECK;
import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static dev.pillarboard.scorecard.engine.TestRubrics.oneRequiredCheck;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** {@link ScoringEngine#nextChange}: when a product's results change by the passing of time alone. */
class NextChangeTest {

    private static final ProductFacts PRODUCT = ProductFacts.builder("checkout", "pre-pmf").owner("payments").build();

    private static Instant next(String evidenceRule, Evidence evidence) {
        return new ScoringEngine(oneRequiredCheck(evidenceRule)).nextChange(PRODUCT, evidence, NOW);
    }

    @Test
    void signalWithMaxAgeChangesWhenItGoesStale() {
        Instant observed = NOW.minus(Duration.ofDays(2));
        Evidence evidence = Evidence.builder().signal("x.count", SignalValue.of(3), observed, "t").build();
        assertThat(next("{signal: {key: x.count, op: gte, value: 1, maxAge: 7d}}", evidence))
                .isEqualTo(observed.plus(Duration.ofDays(7)).plusNanos(1000));
        // The engine agrees: fresh at exactly observedAt + maxAge, unknown from the reported instant on.
        ScoringEngine engine = new ScoringEngine(oneRequiredCheck("{signal: {key: x.count, op: gte, value: 1, maxAge: 7d}}"));
        Instant change = engine.nextChange(PRODUCT, evidence, NOW);
        assertThat(engine.evaluate(PRODUCT, evidence, observed.plus(Duration.ofDays(7))).check(CHECK).orElseThrow().status())
                .isEqualTo(Status.PASS);
        assertThat(engine.evaluate(PRODUCT, evidence, change).check(CHECK).orElseThrow().status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void alreadyStaleSignalOrNoMaxAgeOrNoSignalMeansNothingExpires() {
        Evidence stale = Evidence.builder().signal("x.count", SignalValue.of(3), NOW.minus(Duration.ofDays(9)), "t").build();
        assertThat(next("{signal: {key: x.count, op: gte, value: 1, maxAge: 7d}}", stale)).isNull();
        assertThat(next("{signal: {key: x.count, op: gte, value: 1}}", stale)).isNull();
        assertThat(next("{signal: {key: x.count, op: gte, value: 1, maxAge: 7d}}", Evidence.empty())).isNull();
    }

    @Test
    void dateSignalChangesWhenItLeavesItsWindow() {
        Evidence evidence = Evidence.builder()
                .signal("restore.last_tested_at", SignalValue.of("2026-09-20T00:00:00Z"), NOW, "t").build();
        assertThat(next("{signal: {key: restore.last_tested_at, op: within, value: 30d}}", evidence))
                .isEqualTo(Instant.parse("2026-10-20T00:00:00.000001Z"));
    }

    @Test
    void attestationChangesWhenItLapses() {
        Instant at = NOW.minus(Duration.ofDays(10));
        Evidence evidence = Evidence.builder().attestation(CHECK, new Attested("dana", at, "https://x", "")).build();
        assertThat(next("{attestation: {validForDays: 30}}", evidence)).isEqualTo(at.plus(Duration.ofDays(30)));
    }

    @Test
    void waiverChangesWhenItExpiresAndTheEarliestInstantWins() {
        Instant expires = NOW.plus(Duration.ofHours(5));
        Instant observed = NOW.minus(Duration.ofDays(6));
        Evidence evidence = Evidence.builder()
                .signal("x.count", SignalValue.of(0), observed, "t")
                .waiver(CHECK, new ApprovedWaiver("7", "lee", expires)).build();
        assertThat(next("{signal: {key: x.count, op: gte, value: 1, maxAge: 7d}}", evidence)).isEqualTo(expires);
        // ...and at that instant the engine indeed no longer counts the waiver.
        ScoringEngine engine = new ScoringEngine(oneRequiredCheck("{signal: {key: x.count, op: gte, value: 1, maxAge: 7d}}"));
        assertThat(engine.evaluate(PRODUCT, evidence, expires).check(CHECK).orElseThrow().status()).isEqualTo(Status.FAIL);
        assertThat(engine.evaluate(PRODUCT, evidence, expires.minusNanos(1000)).check(CHECK).orElseThrow().status())
                .isEqualTo(Status.WAIVED);
        Evidence expiredWaiver = Evidence.builder().waiver(CHECK, new ApprovedWaiver("7", "lee", NOW.minusSeconds(1))).build();
        assertThat(next("{signal: {key: x.count, op: gte, value: 1, maxAge: 7d}}", expiredWaiver)).isNull();
    }

    @Test
    void theNextDeadlineIsTheNextChangeASignalGoingStaleLeavesOut() {
        // A signal automation renews daily goes stale in 7 days; the waiver that a team must act on ends in 20.
        Instant observed = NOW.minus(Duration.ofDays(1));
        Instant waiverEnds = NOW.plus(Duration.ofDays(20));
        Evidence evidence = Evidence.builder().signal("x.count", SignalValue.of(0), observed, "t")
                .waiver(CHECK, new ApprovedWaiver("7", "lee", waiverEnds)).build();
        ScoringEngine engine = new ScoringEngine(oneRequiredCheck("{signal: {key: x.count, op: gte, value: 1, maxAge: 7d}}"));
        ScoringEngine.Upcoming upcoming = engine.upcoming(PRODUCT, evidence, NOW);
        assertThat(upcoming.next()).isEqualTo(observed.plus(Duration.ofDays(7)).plusNanos(1000))
                .isEqualTo(engine.nextChange(PRODUCT, evidence, NOW));
        assertThat(upcoming.deadline()).isEqualTo(waiverEnds);
        // A date leaving its window and an attestation lapsing are deadlines too; a stale signal alone is none.
        Evidence dated = Evidence.builder().signal("restore.last_tested_at", SignalValue.of("2026-09-20T00:00:00Z"), NOW, "t").build();
        assertThat(new ScoringEngine(oneRequiredCheck("{signal: {key: restore.last_tested_at, op: within, value: 90d}}"))
                .upcoming(PRODUCT, dated, NOW).deadline()).isEqualTo(Instant.parse("2026-12-19T00:00:00.000001Z"));
        Instant at = NOW.minus(Duration.ofDays(10));
        Evidence attested = Evidence.builder().attestation(CHECK, new Attested("dana", at, "https://x", "")).build();
        assertThat(new ScoringEngine(oneRequiredCheck("{attestation: {validForDays: 30}}")).upcoming(PRODUCT, attested, NOW)
                .deadline()).isEqualTo(at.plus(Duration.ofDays(30)));
        Evidence renewedDaily = Evidence.builder().signal("x.count", SignalValue.of(3), observed, "t").build();
        assertThat(engine.upcoming(PRODUCT, renewedDaily, NOW).deadline()).isNull();
        // A date with a window shorter than a practice's (the last backup, within 2 days) is automation's, not a deadline.
        Evidence backedUp = Evidence.builder().signal("backup.last_success_at", SignalValue.of("2026-10-01T06:00:00Z"), NOW, "t")
                .build();
        ScoringEngine.Upcoming backup = new ScoringEngine(oneRequiredCheck(
                "{signal: {key: backup.last_success_at, op: within, value: 2d}}")).upcoming(PRODUCT, backedUp, NOW);
        assertThat(backup.next()).isEqualTo(Instant.parse("2026-10-03T06:00:00.000001Z"));
        assertThat(backup.deadline()).isNull();
    }
}
