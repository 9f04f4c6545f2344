package dev.pillarboard.scorecard.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.pillarboard.scorecard.StoredCheck;
import dev.pillarboard.scorecard.engine.BarProgress;
import dev.pillarboard.scorecard.engine.ApprovedWaiver;
import dev.pillarboard.scorecard.engine.Attested;
import dev.pillarboard.scorecard.engine.CheckResult;
import dev.pillarboard.scorecard.engine.Evidence;
import dev.pillarboard.scorecard.engine.PillarScore;
import dev.pillarboard.scorecard.engine.ProductFacts;
import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.engine.Scorecard;
import dev.pillarboard.scorecard.engine.ScoringEngine;
import dev.pillarboard.scorecard.engine.SignalValue;
import dev.pillarboard.scorecard.engine.SyntheticPortfolio;

/**
 * The streaming writer must produce exactly the text the object mapper writes for the stored
 * records: the stored hash of a product's results is taken over it, so any difference would make
 * every unchanged scorecard look changed (and be rewritten) after an upgrade.
 */
class ResultJsonTest {

    private static final Instant NOW = Instant.parse("2026-10-01T12:00:00Z");

    /** Configured like the Quarkus mapper the service uses: java.time as ISO text. */
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ScoringEngine engine = new ScoringEngine(RubricParser.defaultRubric());

    @Test
    void writesWhatTheMapperWritesForAPortfolio() throws JsonProcessingException {
        SyntheticPortfolio portfolio = SyntheticPortfolio.generate(engine.rubric(), 2_000, 42, NOW);
        ResultJson json = new ResultJson(mapper);
        for (int i = 0; i < portfolio.size(); i++) {
            Scorecard card = engine.evaluate(portfolio.product(i), portfolio.evidence(i), NOW);
            assertSameAsMapper(mapperChecks(card), json.checks(card.checks()), portfolio.product(i).slug());
            assertEquals(mapperPillars(card), json.pillars(card, BarProgress.of(card)).text(), portfolio.product(i).slug());
        }
    }

    @Test
    void writesWhatTheMapperWritesForUnusualTextAndValues() throws JsonProcessingException {
        ProductFacts product = ProductFacts.builder("odd-product", "pmf").name("Odd").owner("team-\"quoted\"")
                .tier(1).tags("a\"b", "tab\there", "ünïcödé ≥ …", "\u0001ctl")
                .link("runbook", "https://wiki.example.com/a b?c=\"d\"&e=\\f")
                .annotation("pillarboard.dev/rto", "4h\n")
                .build();
        Evidence evidence = Evidence.builder()
                .signal("slo.journeys_without_slo", SignalValue.of(3L), NOW.minusNanos(123_456_789), "ci \"bot\"")
                .signal("alerts.actionable_ratio", SignalValue.of(0.1 + 0.2), NOW.minusMillis(1500), "x")
                .signal("deploy.automated_ratio", SignalValue.of(1e-7), NOW.minusSeconds(1), "x")
                .signal("dora.change_failure_rate", SignalValue.of(12345678.9), NOW.minusNanos(5_000), "x")
                .signal("repo.review_required", SignalValue.of(true), NOW, "x")
                .signal("deploy.strategy", SignalValue.of("canary\u2028"), NOW, "x")
                .signal("vulns.last_scan_at", SignalValue.of("2026-09-30T10:00:00.5Z"), NOW, "x")
                .attestation("incident-process", new Attested("dana <dana@example.com>", NOW.minusNanos(1),
                        "https://wiki.example.com/ip", "line one\nline two \"quoted\" \\ back ≥ 1 …"))
                .waiver("on-call-escalation", new ApprovedWaiver("17", "lee \"the lead\"", NOW.plus(Duration.ofDays(3)).plusMillis(250)))
                .waiver("game-day", new ApprovedWaiver("18", "lee", NOW.minusSeconds(60)))
                .build();
        Scorecard card = engine.evaluate(product, evidence, NOW);
        assertTrue(card.checks().stream().anyMatch(check -> check.waiver() != null), "a waiver in effect is written too");
        ResultJson json = new ResultJson(mapper);
        assertSameAsMapper(mapperChecks(card), json.checks(card.checks()), "odd-product");
        assertEquals(mapperPillars(card), json.pillars(card, BarProgress.of(card)).text());
        // Texts seen once are remembered, the ones that need an escape too: the same product again writes the same.
        assertSameAsMapper(mapperChecks(card), json.checks(card.checks()), "odd-product again");
        // The buffer is reused: a second product right after is not affected by the first.
        Scorecard bare = engine.evaluate(ProductFacts.builder("bare", "pre-launch").build(), Evidence.empty(), NOW);
        assertSameAsMapper(mapperChecks(bare), json.checks(bare.checks()), "bare");
    }

    @Test
    void writesTheSameOnceItRemembersNoMoreTexts() throws JsonProcessingException {
        // Each product's signal comes from a source of its own: past MAX_TOKENS of them the writer stops remembering
        // texts and encodes each where it is used, plain and escaped alike, with the same result.
        ResultJson json = new ResultJson(mapper);
        ProductFacts product = ProductFacts.builder("sources", "pmf").build();
        for (int i = 0; i < ResultJson.MAX_TOKENS + 10; i++) {
            String source = i % 2 == 0 ? "bot-" + i : "bot \"" + i + "\" ≥ …";
            Evidence evidence = Evidence.builder().signal("deploy.strategy", SignalValue.of("canary"), NOW, source).build();
            Scorecard card = engine.evaluate(product, evidence, NOW);
            ResultJson.Encoded encoded = json.checks(card.checks());
            if (i >= ResultJson.MAX_TOKENS - 5) {
                assertSameAsMapper(mapperChecks(card), encoded, source);
            }
        }
    }

    @Test
    void writesAQuestionMarkAsTheMapperDoes() throws JsonProcessingException {
        // The dashboard check's reason quotes its pattern, ^https?://
        ProductFacts product = ProductFacts.builder("dashboards", "pmf").link("dashboard", "https://grafana.example.com/d").build();
        Scorecard card = engine.evaluate(product, Evidence.empty(), NOW);
        ResultJson.Encoded encoded = new ResultJson(mapper).checks(card.checks());
        assertTrue(encoded.text().contains("https?://"), encoded.text());
        assertSameAsMapper(mapperChecks(card), encoded, "dashboards");
    }

    @Test
    void writesALoneSurrogateAsAnEscapeThatReadsBack() throws Exception {
        // The database cannot hold one (the driver sends '?'), but the writer must not fail on it.
        Evidence evidence = Evidence.builder().signal("deploy.strategy", SignalValue.of("canary \ud800 half"), NOW, "x").build();
        Scorecard card = engine.evaluate(ProductFacts.builder("lone", "pmf").build(), evidence, NOW);
        ResultJson.Encoded encoded = new ResultJson(mapper).checks(card.checks());
        List<StoredCheck> read = mapper.readValue(encoded.copy(), new TypeReference<List<StoredCheck>>() {
        });
        assertEquals("canary \ud800 half", read.stream().filter(check -> check.id().equals("progressive-delivery"))
                .findFirst().orElseThrow().evidence().get("value"));
    }

    @Test
    void hashesTellTextsApartAndIgnoreWhatLiesPastTheLength() {
        List<String> texts = List.of("", "a", "b", "ab", "ba", "plain ascii", "plain ascii.", "≥ 1 … ünï",
                "emoji \ud83d\ude00 and 𝄞", "\u0000\u007f\u0080\u07ff\u0800\uffff", "12345678", "123456789", "1234567\u0000");
        Set<String> hashes = new HashSet<>();
        for (String text : texts) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            byte[] padded = Arrays.copyOf(utf8, utf8.length + 5);
            Arrays.fill(padded, utf8.length, padded.length, (byte) 'x');
            assertEquals(JsonBytes.hash(text), JsonBytes.hash(padded, utf8.length), text);
            hashes.add(JsonBytes.hash(text));
        }
        assertEquals(texts.size(), hashes.size(), "every text has its own hash");
        // One changed character anywhere in a result-sized text changes the hash.
        byte[] results = "{\"id\":\"runbooks\",\"status\":\"fail\"}".repeat(200).getBytes(StandardCharsets.UTF_8);
        String original = JsonBytes.hash(results, results.length);
        for (int at = 0; at < results.length; at += 7) {
            byte[] changed = results.clone();
            changed[at] ^= 1;
            assertTrue(hashes.add(JsonBytes.hash(changed, changed.length)), "change at " + at);
        }
        assertEquals(original, JsonBytes.hash(results, results.length));
    }

    /** Same text as the mapper's, in UTF-8, with the hash of that text (what the evaluator stored before). */
    private static void assertSameAsMapper(String expected, ResultJson.Encoded actual, String product) {
        assertEquals(expected, new String(actual.buffer(), 0, actual.length(), StandardCharsets.UTF_8), product);
        assertEquals(JsonBytes.hash(expected), actual.hash(), product);
    }

    @Test
    void formatsInstantsLikeInstantToString() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("1969-12-31T23:59:59.000001Z"),
                Instant.parse("2026-10-01T00:00:00.100Z"), Instant.parse("2026-10-01T12:00:00.000100Z"),
                Instant.parse("2026-10-01T12:00:00.000000100Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.MIN, Instant.MAX));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        byte[] text = new byte[32];
        for (Instant instant : instants) {
            int length = JsonBytes.instant(instant, text);
            if (instant.isBefore(Instant.parse("0000-01-01T00:00:00Z")) || !instant.isBefore(Instant.parse("+10000-01-01T00:00:00Z"))) {
                assertEquals(-1, length, instant + ": outside years 0000-9999, left to toString()");
            } else {
                assertEquals(instant.toString(), new String(text, 0, length, StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** What the evaluator wrote before: the records through the mapper. */
    private String mapperChecks(Scorecard card) throws JsonProcessingException {
        List<StoredCheck> checks = new ArrayList<>();
        for (CheckResult result : card.checks()) {
            ApprovedWaiver waiver = result.waiver();
            checks.add(new StoredCheck(result.checkId(), result.status().label(), result.outcome().label(),
                    result.priority() == null ? null : result.priority().name(), result.reason(),
                    result.evidence().toPlain(),
                    waiver == null ? null : new StoredCheck.AppliedWaiver(waiver.id(), waiver.approvedBy(), waiver.expiresAt(),
                            waiver.phase()), result.override(), result.graceUntil()));
        }
        return mapper.writeValueAsString(checks);
    }

    private String mapperPillars(Scorecard card) throws JsonProcessingException {
        Map<String, Object> pillars = new LinkedHashMap<>();
        for (PillarScore pillar : card.pillars()) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("score", pillar.score());
            values.put("meetsPhaseBar", pillar.meetsPhaseBar());
            values.put("nextPhaseReadiness", pillar.nextPhaseReadiness());
            BarProgress.PillarProgress share = BarProgress.of(card).pillars().get(pillar.pillar());
            values.put("distance", share.distance());
            values.put("progress", share.progress());
            values.put("extraCredit", share.extraCredit());
            pillars.put(pillar.pillar(), values);
        }
        return mapper.writeValueAsString(pillars);
    }
}
