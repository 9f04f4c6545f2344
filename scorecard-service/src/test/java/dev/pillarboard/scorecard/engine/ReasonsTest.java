package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.CHECK;
import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static dev.pillarboard.scorecard.engine.TestRubrics.oneCheck;
import static dev.pillarboard.scorecard.engine.TestRubrics.oneRequiredCheck;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's reasons read in Japanese: every reason the engine writes in {@link ScoringEngineTest}'s cases of every
 * catalog and signal rule, and in the cases of attestations, waivers, grace, n/a and sample counts here, has a
 * complete Japanese reading (a phrase changed in the engine without its reading in {@link Reasons} fails here); a
 * reason with a phrase it does not know reads English as a whole.
 */
class ReasonsTest {

    /** Words of the engine's English phrases; none is left in a Japanese reading (keys and values hold none). */
    private static final List<String> ENGLISH_WORDS = List.of(" is ", "needs", " has ", "not ", "until", "waive",
            "attest", " and ", "newer", "valid", "missing", "empty", "matches", "within", "fewer", "n/a", "required in");

    private static ProductFacts.Builder product(String phase) {
        return ProductFacts.builder("checkout", phase).name("Checkout").owner("payments").tier(2);
    }

    private static CheckResult evaluate(Rubric rubric, ProductFacts product, Evidence evidence) {
        return new ScoringEngine(rubric).evaluate(product, evidence, NOW).check(CHECK).orElseThrow();
    }

    private static Signal signal(String key, Object value, Duration age) {
        SignalValue signalValue = value instanceof String text ? SignalValue.of(text) : SignalValue.of(((Number) value).doubleValue());
        return new Signal(key, signalValue, NOW.minus(age), "test-exporter");
    }

    private static void assertReadsJapanese(String english, Rubric rubric) {
        String japanese = Reasons.in(english, "ja", rubric);
        assertThat(japanese).as("a Japanese reading of: " + english).isNotEqualTo(english);
        for (String word : ENGLISH_WORDS) {
            assertThat(japanese).as("'" + word + "' left in the reading of: " + english).doesNotContain(word);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dev.pillarboard.scorecard.engine.ScoringEngineTest#catalogCases")
    void everyCatalogRuleReasonReadsJapanese(String evidence, ProductFacts product, Outcome outcome, String reason) {
        Rubric rubric = oneRequiredCheck(evidence);

        assertReadsJapanese(evaluate(rubric, product, Evidence.empty()).reason(), rubric);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("dev.pillarboard.scorecard.engine.ScoringEngineTest#signalCases")
    void everySignalRuleReasonReadsJapanese(String rule, SignalValue value, Outcome outcome, String reason) {
        String key = rule.substring(rule.indexOf("key: ") + 5, rule.indexOf(','));
        Rubric rubric = oneRequiredCheck("{signal: " + rule + "}");
        Evidence evidence = Evidence.builder().signal(new Signal(key, value, NOW.minus(Duration.ofHours(1)), "bot")).build();

        assertReadsJapanese(evaluate(rubric, product("pmf").build(), evidence).reason(), rubric);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // A rule's reason, then what the phase, a waiver or grace adds to it.
        "x.count is 0; needs ≥ 1 | x.count は 0。≥ 1 が必要です",
        "tier is missing; needs one of 1, 2 | tier がありません。1, 2 のいずれかが必要です",
        "slo.doc is 'ftp://x'; needs a value matching ^https:// | slo.doc は 'ftp://x'。^https:// に一致する値が必要です",
        "restore.last_tested_at is '2026-05-01'; needs a date within the last 90 days"
                + " | restore.last_tested_at は '2026-05-01'。直近90日以内の日付が必要です",
        "restore.last_tested_at is '2026-08-01' (within the last 12 hours) | restore.last_tested_at は '2026-08-01'（直近12時間以内）",
        "tier is 3 (≥ 2) | tier は 3（≥ 2）",
        "links.on-call is missing and tags has no 'critical' | links.on-call がありません、tags に 'critical' がありません",
        "tags has 'team-pay' (matches ^team-) | tags に 'team-pay' があります（^team- に一致）",
        "not connected: no x.count has been pushed for this product yet"
                + " | 未接続: x.count はこのプロダクトについてまだ一度も送られていません",
        "no signal x.count newer than 7 days (last: 2026-09-23) | 直近7日以内の x.count がありません（最後は2026年9月23日）",
        "alerts.pages_30d is 3; fewer than 5, too few to judge alerts.actionable_ratio"
                + " | alerts.pages_30d は 3。5 未満で、alerts.actionable_ratio を判断するには少なすぎます",
        "alerts.pages_30d is 'many', not a number; needs a count of at least 5"
                + " | alerts.pages_30d は 'many' で、数値ではありません。5 以上の件数が必要です",
        "attested by alice on 2026-10-01, performed 2026-09-11; valid until 2026-12-10"
                + " | alice が2026年10月1日に宣言（実施は2026年9月11日）。2026年12月10日まで有効",
        "attestation by alice lapsed on 2026-09-21 (attested 2026-03-25, valid 180 days); attest again"
                + " | alice の宣言は2026年9月21日に有効期限が切れました（2026年3月25日に宣言、有効期間180日）。もう一度宣言してください",
        "n/a in pre-launch; x.count is 0; needs ≥ 1 | 「ローンチ前」では対象外。x.count は 0。≥ 1 が必要です",
        "x.count is 0; needs ≥ 1; waived until 2026-12-31 (waiver w-1, approved by lead)"
                + " | x.count は 0。≥ 1 が必要です。2026年12月31日まで免除（免除 w-1、lead が承認）",
        "not attested yet; waived until 2027-04-19 or until the product leaves pre-launch (waiver w-7, approved by lead)"
                + " | まだ宣言されていません。2027年4月19日まで、またはプロダクトが「ローンチ前」を離れるまで免除（免除 w-7、lead が承認）",
        "x.count is 0; needs ≥ 1; waiver w-0 expired on 2026-09-01 | x.count は 0。≥ 1 が必要です。免除 w-0 は2026年9月1日に期限が切れました",
        "not attested yet; waiver w-7 counted only while the product was in pre-launch (it is in pmf now)"
                + " | まだ宣言されていません。免除 w-7 はプロダクトが「ローンチ前」にある間だけ有効でした（今は「PMF」）",
        "x.count is 0; needs ≥ 1; newly required in pre-launch: P1 from 2026-10-28"
                + " | x.count は 0。≥ 1 が必要です。「ローンチ前」で新たに必須: 2026年10月28日から P1"
    })
    void readsEachPhraseWithItsKeysValuesAndDatesAndThePhasesByTheirTitles(String english, String japanese) {
        Rubric rubric = TestRubrics.featuresRubric();

        assertThat(Reasons.in(english, "ja", rubric)).isEqualTo(japanese);
        assertThat(Reasons.in(english, "en", rubric)).isEqualTo(english);
    }

    @Test
    void attestationsWaiversGraceAndNotApplicableReadJapaneseAsTheEngineWritesThem() {
        Rubric attestation = oneRequiredCheck("{attestation: {validForDays: 90}}");
        Attested lapsed = new Attested("alice", NOW.minus(Duration.ofDays(100)), "https://docs/ir", "done");
        Attested performedEarlier = new Attested("alice", NOW.minus(Duration.ofDays(5)), "https://docs/ir", "done",
                NOW.minus(Duration.ofDays(20)));
        assertReadsJapanese(evaluate(attestation, product("pmf").build(), Evidence.empty()).reason(), attestation);
        for (Attested attested : List.of(lapsed, performedEarlier,
                new Attested("alice", NOW.minus(Duration.ofDays(120)), "https://docs/ir", "done", NOW.minus(Duration.ofDays(130))))) {
            assertReadsJapanese(evaluate(attestation, product("pmf").build(),
                    Evidence.builder().attestation(CHECK, attested).build()).reason(), attestation);
        }

        Rubric count = oneCheck("{signal: {key: x.count, op: gte, value: 1, maxAge: 30d}}", "n/a", "required", "required");
        Evidence failing = Evidence.builder().signal(signal("x.count", 0, Duration.ofDays(1))).build();
        assertReadsJapanese(evaluate(count, product("pre-launch").build(), failing).reason(), count);
        assertReadsJapanese(evaluate(count, product("pmf").build(), Evidence.builder()
                .signal(signal("x.count", 1, Duration.ofDays(40))).build()).reason(), count);
        for (ApprovedWaiver waiver : List.of(new ApprovedWaiver("w-1", "lead", Instant.parse("2026-12-31T00:00:00Z")),
                new ApprovedWaiver("w-0", "lead", Instant.parse("2026-09-01T00:00:00Z")),
                new ApprovedWaiver("w-7", "lead", Instant.parse("2027-04-19T00:00:00Z"), "pmf"),
                new ApprovedWaiver("w-8", "lead", Instant.parse("2027-04-19T00:00:00Z"), "pre-pmf"))) {
            Evidence waived = Evidence.builder().signal(signal("x.count", 0, Duration.ofDays(1))).waiver(CHECK, waiver).build();
            assertReadsJapanese(evaluate(count, product("pmf").build(), waived).reason(), count);
        }
    }

    @Test
    void sampleCountsAndGraceReadJapaneseAsTheEngineWritesThem() {
        Rubric rubric = TestRubrics.featuresRubric();
        ScoringEngine engine = new ScoringEngine(rubric);
        List<Evidence> evidences = List.of(Evidence.empty(),
                Evidence.builder().signal(signal("alerts.pages_30d", 3, Duration.ofDays(1))).build(),
                Evidence.builder().signal(signal("alerts.pages_30d", 30, Duration.ofDays(1)))
                        .signal(signal("alerts.actionable_ratio", 0.2, Duration.ofDays(1))).build(),
                Evidence.builder().signal(signal("alerts.pages_30d", "many", Duration.ofDays(1)))
                        .signal(signal("alerts.actionable_ratio", 0.2, Duration.ofDays(1))).build(),
                Evidence.builder().signal(signal("alerts.pages_30d", 30, Duration.ofDays(20)))
                        .signal(signal("alerts.actionable_ratio", 0.9, Duration.ofDays(1))).build(),
                Evidence.builder().signal(signal("alerts.actionable_ratio", 0.9, Duration.ofDays(1))).build());
        Instant moved = NOW.minus(Duration.ofDays(3));
        List<ProductFacts> products = List.of(
                ProductFacts.builder("checkout", "pre-pmf").owner("payments").tier(2).phaseSince(moved, "pre-launch").build(),
                ProductFacts.builder("checkout", "pre-pmf").owner("payments").tier(1).phaseSince(moved, null).build(),
                ProductFacts.builder("checkout", "pmf").owner("payments").tier(2).build());
        for (ProductFacts product : products) {
            for (Evidence evidence : evidences) {
                for (CheckResult result : engine.evaluate(product, evidence, NOW).checks()) {
                    assertReadsJapanese(result.reason(), rubric);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "stored by an older version: 3 rules broken",
        "x.count is 0; something new the engine writes",
        "deploy.strategy is 'manual and scripted'; needs one of 'canary', 'blue-green'"
    })
    void aReasonWithAPhraseItDoesNotKnowReadsEnglishAsAWhole(String english) {
        assertThat(Reasons.in(english, "ja", TestRubrics.featuresRubric())).isEqualTo(english);
    }

    @Test
    void englishAndOtherLanguagesReadAsWritten() {
        assertThat(Reasons.in("x.count is 0; needs ≥ 1", "en", null)).isEqualTo("x.count is 0; needs ≥ 1");
        assertThat(Reasons.in("x.count is 0; needs ≥ 1", "fr", null)).isEqualTo("x.count is 0; needs ≥ 1");
        assertThat(Reasons.in(null, "ja", null)).isNull();
    }
}
