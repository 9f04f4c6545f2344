package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edition 2 of the default rubric (issue 11, "Default rubric version 2") is product: these tests hold it to what the
 * issue promises. Every text in English and Japanese; slo-compliance graded on the practice with an SLO target floor
 * per tier; the out-of-memory and alert-fatigue stories end to end; signals where a link proves nothing; a launch
 * review and a load test at twice the peak before launch; the tier-1 overrides with their why; and a new product whose
 * first evaluation opens no P1 task the phase does not demand.
 */
class DefaultRubricTwoTest {

    private static final Rubric RUBRIC = RubricParser.defaultRubric(2);
    private static final ScoringEngine ENGINE = new ScoringEngine(RUBRIC);
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

    /**
     * Every check of edition 2: its requirement in pre-launch, pre-pmf and pmf, its kind of evidence, and the
     * requirements tier 1 gets from its override ({@code -}: none). A change to a phase bar is a change to this table.
     */
    private static final String REQUIREMENTS = """
            # check                     pre-launch   pre-pmf      pmf          evidence     tier 1 (pre-launch:pre-pmf:pmf)
            availability-alert          required     required     required     signal       -
            golden-signals-dashboard    recommended  required     required     catalog      -
            searchable-logs             recommended  required     required     signal       -
            distributed-tracing         n/a          recommended  required     signal       -
            slos-defined                n/a          recommended  required     signal       -
            slo-target-floor            n/a          recommended  required     signal       n/a:recommended:required
            slo-compliance              n/a          recommended  required     signal       -
            error-budget-policy         n/a          recommended  required     attestation  -
            burn-rate-alerting          n/a          recommended  required     signal       -
            alerts-actionable           recommended  required     required     signal       -
            symptom-based-paging        n/a          recommended  required     signal       -
            alert-review                n/a          recommended  required     attestation  -
            owner-reachable             required     required     required     signal       -
            on-call-escalation          recommended  required     required     signal       -
            pager-load                  n/a          required     required     signal       -
            runbooks                    recommended  required     required     signal       -
            incident-process            recommended  required     required     attestation  -
            postmortems                 n/a          recommended  required     signal       n/a:required:required
            postmortem-actions          n/a          recommended  required     signal       -
            game-day                    n/a          n/a          recommended  attestation  -
            source-in-repo              required     required     required     catalog      -
            changes-reviewed            recommended  required     required     signal       -
            ci-tests                    required     required     required     signal       -
            automated-deploy            recommended  required     required     signal       -
            rollback-exercised          required     required     required     attestation  -
            launch-readiness-review     required     n/a          n/a          attestation  -
            progressive-delivery        n/a          recommended  recommended  signal       n/a:recommended:required
            four-key-metrics            n/a          recommended  recommended  signal       -
            change-failure-rate         n/a          n/a          recommended  signal       -
            no-secrets-in-code          required     required     required     signal       -
            authn-non-public-endpoints  required     required     required     signal       -
            dependency-scanning         recommended  required     required     signal       -
            critical-vulns-patched      recommended  required     required     signal       -
            access-review               n/a          recommended  required     attestation  -
            audit-logging               n/a          recommended  recommended  attestation  -
            threat-model                recommended  recommended  required     attestation  recommended:required:required
            backups-exist               required     required     required     signal       -
            restore-tested              recommended  required     required     signal       -
            memory-limits               required     required     required     signal       -
            oom-kills                   recommended  required     required     signal       -
            timeouts-degradation        n/a          recommended  required     attestation  n/a:required:required
            load-tested                 required     recommended  required     signal       required:required:required
            capacity-plan               n/a          recommended  required     attestation  -
            recovery-objectives         n/a          recommended  required     catalog      -
            """;

    static Stream<Arguments> requirements() {
        return REQUIREMENTS.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")).map(cells -> Arguments.of((Object[]) cells));
    }

    private static Scorecard evaluate(ProductFacts product, Evidence evidence) {
        return ENGINE.evaluate(product, evidence, NOW);
    }

    private static CheckResult result(Scorecard card, String check) {
        return card.checks().stream().filter(result -> result.checkId().equals(check)).findFirst().orElseThrow();
    }

    private static ProductFacts.Builder product(String phase) {
        return ProductFacts.builder("p", phase).owner("payments").tier(3);
    }

    private static Evidence signals(Object... keysAndValues) {
        Evidence.Builder evidence = Evidence.builder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            SignalValue signal = value instanceof Integer whole ? SignalValue.of(whole.longValue())
                    : value instanceof Double decimal ? SignalValue.of(decimal)
                    : value instanceof Boolean bool ? SignalValue.of(bool) : SignalValue.of(value.toString());
            evidence.signal((String) keysAndValues[i], signal, NOW.minus(Duration.ofHours(1)), "test");
        }
        return evidence.build();
    }

    private static Set<String> requiredIn(String phase) {
        return RUBRIC.checks().stream().filter(check -> check.requirementIn(phase) == Requirement.REQUIRED)
                .map(Check::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // ---------------------------------------------------------------- the edition and its texts

    @Test
    void isTheSecondEditionWithGraceAndNextPhaseTasksAtP3() {
        assertThat(RubricParser.DEFAULT_EDITIONS).containsExactly(1, 2);
        assertThat(RubricParser.DEFAULT_RESOURCE_2).isEqualTo("/rubric/default-rubric-2.yaml");
        assertThat(RUBRIC.languages()).containsExactly("en", "ja");
        assertThat(RUBRIC.graceDays()).isEqualTo(30);
        assertThat(RUBRIC.nextPhasePriority()).isEqualTo(Priority.P3);
        assertThat(RUBRIC.phases()).extracting(Phase::id).containsExactly("pre-launch", "pre-pmf", "pmf");
        assertThat(RUBRIC.pillars()).extracting(Pillar::id).containsExactly("observability", "incident-response",
                "release-change", "security", "resilience-capacity");
        // Every check of edition 1 is in edition 2 under the same id, so tasks and waivers carry over when it is published.
        assertThat(RUBRIC.checks().stream().map(Check::id).toList())
                .containsAll(RubricParser.defaultRubric(1).checks().stream().map(Check::id).toList());
        // Edition 1 stays what it was: an installation holding it keeps it.
        assertThat(RubricParser.defaultRubric(1)).isEqualTo(RubricParser.defaultRubric());
        assertThat(RubricParser.defaultRubric().languages()).containsExactly("en");
    }

    @ParameterizedTest(name = "{0}: {1} / {2} / {3}, {4} evidence, tier 1 {5}")
    @MethodSource("requirements")
    void eachCheckHasItsRequirementInEveryPhaseAndItsTierOneRule(String id, String preLaunch, String prePmf, String pmf,
            String kind, String tierOne) {
        Check check = RUBRIC.check(id).orElseThrow(() -> new AssertionError("no check " + id));
        assertThat(List.of(check.requirementIn("pre-launch").label(), check.requirementIn("pre-pmf").label(),
                check.requirementIn("pmf").label())).as(id).containsExactly(preLaunch, prePmf, pmf);
        assertThat(check.evidence().kind()).as(id).isEqualTo(kind);

        // What a tier-1 product gets, through the engine: the override's requirements, and which rule applied.
        for (String phase : List.of("pre-launch", "pre-pmf", "pmf")) {
            CheckResult tier1 = result(evaluate(product(phase).tier(1).build(), Evidence.empty()), id);
            CheckResult tier3 = result(evaluate(product(phase).tier(3).build(), Evidence.empty()), id);
            assertThat(tier3.requirement()).as(id + " tier 3 in " + phase).isEqualTo(check.requirementIn(phase));
            assertThat(tier3.override()).as(id + " tier 3").isNull();
            if (tierOne.equals("-")) {
                assertThat(tier1.requirement()).as(id + " tier 1 in " + phase).isEqualTo(check.requirementIn(phase));
                assertThat(tier1.override()).as(id + " tier 1").isNull();
            } else {
                String expected = tierOne.split(":")[RUBRIC.phaseIndex(phase)];
                assertThat(tier1.requirement().label()).as(id + " tier 1 in " + phase).isEqualTo(expected);
                assertThat(tier1.override()).as(id + " tier 1").isEqualTo(0);
            }
        }
    }

    @Test
    void theTableListsEveryCheck() {
        assertThat(requirements().map(arguments -> (String) arguments.get()[0]))
                .containsExactlyElementsOf(RUBRIC.checks().stream().map(Check::id).toList());
    }

    @Test
    void everyTextIsInEnglishAndInJapanese() {
        List<String> missing = new ArrayList<>();
        Map<String, Text> texts = new java.util.LinkedHashMap<>();
        texts.put("title", RUBRIC.title());
        RUBRIC.phases().forEach(phase -> {
            texts.put("phase " + phase.id() + " title", phase.title());
            texts.put("phase " + phase.id() + " description", phase.description());
        });
        RUBRIC.pillars().forEach(pillar -> {
            texts.put("pillar " + pillar.id() + " title", pillar.title());
            texts.put("pillar " + pillar.id() + " description", pillar.description());
        });
        for (Check check : RUBRIC.checks()) {
            texts.put(check.id() + " title", check.title());
            texts.put(check.id() + " why", check.why());
            texts.put(check.id() + " fix", check.fix());
            for (int i = 0; i < check.overrides().size(); i++) {
                texts.put(check.id() + " overrides[" + i + "] why", check.override(i).why());
            }
        }
        RUBRIC.signals().values().forEach(signal -> {
            texts.put("signal " + signal.key() + " means", signal.means());
            texts.put("signal " + signal.key() + " connect", signal.connect());
        });
        texts.forEach((where, text) -> {
            String ja = text.versions().get("ja");
            if (text.en().isBlank() || ja == null || ja.isBlank() || !JAPANESE.matcher(ja).find() || ja.equals(text.en())) {
                missing.add(where);
            }
        });
        assertThat(missing).as("texts without a Japanese version of their own").isEmpty();
        assertThat(texts).hasSizeGreaterThan(44 * 3 + 32 * 2);

        // Japanese is written on one line per text: a folded line break would put a space between two words.
        texts.forEach((where, text) -> assertThat(text.versions().get("ja")).as(where).doesNotContain("\n")
                .doesNotContainPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}、。] [\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]"));
        // The links and the code of a fix are the same in both languages.
        for (Check check : RUBRIC.checks()) {
            assertThat(links(check.fix().versions().get("ja"))).as(check.id() + " links").isEqualTo(links(check.fix().en()));
        }
    }

    private static Set<String> links(String markdown) {
        Set<String> links = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\]\\((https://[^)]+)\\)").matcher(markdown);
        while (matcher.find()) {
            links.add(matcher.group(1));
        }
        return links;
    }

    @Test
    void theJapaneseApiTextsAreTheJapaneseOnes() {
        RubricView ja = RUBRIC.view("ja");
        RubricView.CheckView oom = ja.checks().stream().filter(check -> check.id().equals("oom-kills")).findFirst().orElseThrow();
        assertThat(oom.title()).isEqualTo("直近 7 日間、本番コンテナがメモリ不足で強制終了されていない");
        assertThat(oom.fix()).contains("ページング", "ストリーミング", "同時実行数", "負荷試験");
        assertThat(ja.phases()).extracting(RubricView.EntryView::title).containsExactly("ローンチ前", "PMF 前", "PMF 達成");
        // Each pillar's tile label, in both languages (a Japanese title's first letters are no abbreviation).
        assertThat(ja.pillars()).extracting(RubricView.PillarEntryView::shortTitle).containsExactly("観測", "障害", "変更",
                "安全", "耐性");
        assertThat(RUBRIC.view("en").pillars()).extracting(RubricView.PillarEntryView::shortTitle)
                .containsExactly("Obs", "Inc", "Rel", "Sec", "Res");
        assertThat(ja.signals()).allSatisfy(signal -> assertThat((String) signal.get("connect")).matches(".*[。）]$"));
    }

    @Test
    void everySignalIsDeclaredWithWhoPushesItAndListedInTheHeader() {
        Set<String> read = new TreeSet<>();
        for (Check check : RUBRIC.checks()) {
            List<EvidenceRule> rules = new ArrayList<>(List.of(check.evidence()));
            check.overrides().stream().map(CheckOverride::evidence).filter(rule -> rule != null).forEach(rules::add);
            for (EvidenceRule rule : rules) {
                if (rule instanceof EvidenceRule.SignalRule signal) {
                    read.add(signal.key());
                    if (signal.countKey() != null) {
                        read.add(signal.countKey());
                    }
                }
            }
        }
        assertThat(RUBRIC.signals().keySet()).as("declared = read").containsExactlyInAnyOrderElementsOf(read);
        String yaml = RubricParser.defaultRubricYaml(2);
        Set<String> header = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^#   ([a-z_]+\\.[a-z0-9_./]+) ").matcher(yaml);
        while (line.find()) {
            header.add(line.group(1));
        }
        assertThat(header).as("the header lists every signal key").isEqualTo(read);
        RUBRIC.signals().values().forEach(signal -> {
            assertThat(signal.source()).as(signal.key()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(signal.connect().en()).as(signal.key()).endsWith(".");
        });
    }

    @Test
    void everyCheckSaysWhyItIsRequiredWhereItIs() {
        for (Check check : RUBRIC.checks()) {
            String why = check.why().en();
            assertThat(why).as(check.id() + " why").hasSizeGreaterThan(150)
                    .containsPattern("(?i)(every phase|before launch|pre-pmf|before PMF|at pmf|in pre-pmf|at PMF)");
            assertThat(check.why().versions().get("ja")).as(check.id() + " why (ja)").containsPattern("(ローンチ|PMF|すべてのフェーズ)");
            assertThat(check.fix().en()).as(check.id() + " fix links a public explanation").containsPattern("\\]\\(https://");
            assertThat(check.weight()).as(check.id() + " weight").isBetween(1, 5);
            if (!check.overrides().isEmpty()) {
                assertThat(why).as(check.id() + " why names the tier rule").containsPattern("(?i)tier");
                check.overrides().forEach(override -> assertThat(override.why().en()).as(check.id()).hasSizeGreaterThan(40));
            }
        }
    }

    // ---------------------------------------------------------------- a new product's first evaluation

    @Test
    void aNewPrePmfProductWithNoEvidenceOpensNoP1TaskOnItsFirstDay() {
        Instant arrived = NOW.minus(Duration.ofHours(2));
        Scorecard card = evaluate(product("pre-pmf").phaseSince(arrived, null).build(), Evidence.empty());

        Map<Priority, List<String>> tasks = card.tasks().stream().collect(Collectors.groupingBy(CheckResult::priority,
                Collectors.mapping(CheckResult::checkId, Collectors.toList())));
        assertThat(tasks.get(Priority.P1)).as("P1 on the first day").isNull();
        // What the phase requires is P2 until the grace ends; the next phase's gaps and recommendations are P3.
        assertThat(tasks.get(Priority.P2)).containsExactlyInAnyOrderElementsOf(requiredIn("pre-pmf"));
        assertThat(card.checks()).filteredOn(result -> result.priority() == Priority.P2)
                .allSatisfy(result -> assertThat(result.graceUntil()).isEqualTo(arrived.plus(Duration.ofDays(30))));
        assertThat(tasks.get(Priority.P3)).contains("slos-defined", "postmortem-actions", "symptom-based-paging")
                .doesNotContainAnyElementsOf(requiredIn("pre-pmf"));
        // Its signals were never pushed: not connected (how to connect, not a failure of the practice).
        assertThat(result(card, "owner-reachable").outcome()).isEqualTo(Outcome.NOT_CONNECTED);
        assertThat(RUBRIC.howToConnect(RUBRIC.check("owner-reachable").orElseThrow().evidence(), "p", NOW).in("ja"))
                .contains("oncall.schedule_gap_hours_next_14d", "pager-exporter", "`pagerduty.com/service-id` アノテーション");

        // After the grace, the P1 tasks are exactly what the phase demands, no more.
        Scorecard later = ENGINE.evaluate(product("pre-pmf").phaseSince(arrived, null).build(), Evidence.empty(),
                arrived.plus(Duration.ofDays(31)));
        assertThat(later.tasks().stream().filter(task -> task.priority() == Priority.P1).map(CheckResult::checkId))
                .containsExactlyInAnyOrderElementsOf(requiredIn("pre-pmf"));
        assertThat(later.tasks()).noneMatch(task -> task.priority() == Priority.P2);
    }

    @Test
    void aProductMovingToPmfGetsGraceOnlyForWhatPmfNewlyRequires() {
        Evidence prePmfPractices = signals("oncall.schedule_gap_hours_next_14d", 0);
        Instant moved = NOW.minus(Duration.ofDays(3));
        Scorecard card = evaluate(product("pmf").phaseSince(moved, "pre-pmf").build(), prePmfPractices);

        List<String> p1 = card.tasks().stream().filter(task -> task.priority() == Priority.P1).map(CheckResult::checkId).toList();
        Set<String> alreadyRequired = new LinkedHashSet<>(requiredIn("pre-pmf"));
        alreadyRequired.remove("owner-reachable");
        assertThat(p1).as("P1: only what pre-pmf already demanded").containsExactlyInAnyOrderElementsOf(alreadyRequired);
        Set<String> newlyRequired = new LinkedHashSet<>(requiredIn("pmf"));
        newlyRequired.removeAll(requiredIn("pre-pmf"));
        assertThat(card.tasks().stream().filter(task -> task.priority() == Priority.P2).map(CheckResult::checkId))
                .containsExactlyInAnyOrderElementsOf(newlyRequired);
    }

    @Test
    void aHandfulOfChecksIsRequiredBeforeLaunchAndTheBarsRise() {
        assertThat(requiredIn("pre-launch")).containsExactlyInAnyOrder("availability-alert", "owner-reachable",
                "source-in-repo", "ci-tests", "rollback-exercised", "launch-readiness-review", "no-secrets-in-code",
                "authn-non-public-endpoints", "backups-exist", "memory-limits", "load-tested");
        assertThat(requiredIn("pre-pmf")).hasSize(22);
        assertThat(requiredIn("pmf")).hasSize(38).containsAll(requiredIn("pre-pmf"));
        // Tier 1 raises postmortems, the threat model, timeouts and the load test into pre-pmf, gated rollouts into pmf.
        for (String phase : List.of("pre-launch", "pre-pmf", "pmf")) {
            long tierOne = evaluate(product(phase).tier(1).build(), Evidence.empty()).checks().stream()
                    .filter(result -> result.requirement() == Requirement.REQUIRED).count();
            assertThat(tierOne).as("tier 1 in " + phase).isEqualTo(switch (phase) {
                case "pre-launch" -> 11;
                case "pre-pmf" -> 26;
                default -> 39;
            });
        }
        // Only the launch review and the load test are required before launch and not after it.
        Set<String> dropped = new LinkedHashSet<>(requiredIn("pre-launch"));
        dropped.removeAll(requiredIn("pre-pmf"));
        assertThat(dropped).containsExactlyInAnyOrder("launch-readiness-review", "load-tested");
    }

    // ---------------------------------------------------------------- tier overrides

    @Test
    void tierOneOverridesApplyWithTheirWhyInBothLanguages() {
        Scorecard tier1 = evaluate(product("pre-pmf").tier(1).build(), Evidence.empty());
        Scorecard tier2 = evaluate(product("pre-pmf").tier(2).build(), Evidence.empty());
        for (String id : List.of("postmortems", "threat-model", "timeouts-degradation", "load-tested")) {
            assertThat(result(tier1, id).requirement()).as(id).isEqualTo(Requirement.REQUIRED);
            assertThat(result(tier1, id).override()).as(id).isZero();
            assertThat(result(tier1, id).priority()).as(id).isEqualTo(Priority.P1);
            assertThat(result(tier2, id).requirement()).as(id).isEqualTo(Requirement.RECOMMENDED);
            assertThat(result(tier2, id).override()).as(id).isNull();
            CheckOverride override = RUBRIC.check(id).orElseThrow().override(0);
            assertThat(override.label()).isEqualTo("tier 1");
            assertThat(override.why().en()).as(id).containsIgnoringCase("tier-1");
            assertThat(override.why().in("ja")).as(id).contains("ティア 1");
        }
        Scorecard pmfTier1 = evaluate(product("pmf").tier(1).build(), Evidence.empty());
        Scorecard pmfTier2 = evaluate(product("pmf").tier(2).build(), Evidence.empty());
        assertThat(result(pmfTier1, "progressive-delivery").requirement()).isEqualTo(Requirement.REQUIRED);
        assertThat(result(pmfTier2, "progressive-delivery").requirement()).isEqualTo(Requirement.RECOMMENDED);
        assertThat(result(pmfTier1, "progressive-delivery").priority()).isEqualTo(Priority.P1);
        assertThat(result(pmfTier2, "progressive-delivery").priority()).isEqualTo(Priority.P3);
    }

    @ParameterizedTest(name = "tier {0}, lowest SLO target {1} -> {2}")
    @CsvSource({ "1, 99.95, PASS", "1, 99.9, PASS", "1, 99.5, FAIL", "2, 99.5, PASS", "2, 99.2, FAIL", "3, 99.0, PASS",
            "3, 98.5, FAIL" })
    void theSloTargetFloorRisesWithTheTier(int tier, double target, Outcome outcome) {
        CheckResult result = result(evaluate(product("pmf").tier(tier).build(), signals("slo.min_target", target)),
                "slo-target-floor");
        assertThat(result.outcome()).as(result.reason()).isEqualTo(outcome);
        assertThat(result.override()).isEqualTo(tier == 3 ? null : tier - 1);
    }

    // ---------------------------------------------------------------- the checks the issue changed

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # the practice: no SLO overspent for more than 7 days without a reliability action
            slo.overspent_without_action | 0  | PASS
            slo.overspent_without_action | 1  | FAIL
            # the budget left is not what is graded
            slo.error_budget_remaining   | -1 | NOT_CONNECTED
            """)
    void sloComplianceGradesThePracticeNotTheOutcome(String key, int value, Outcome outcome) {
        CheckResult result = result(evaluate(product("pmf").build(), signals(key, value)), "slo-compliance");
        assertThat(result.outcome()).as(result.reason()).isEqualTo(outcome);
        assertThat(RUBRIC.check("slo-compliance").orElseThrow().fix().en()).doesNotContain("waiver");
    }

    @Test
    void anOverspentSloWithAnActionPasses() {
        // Budget overspent (what automation may still push alongside), but the action is linked: the practice holds.
        Evidence evidence = signals("slo.overspent_without_action", 0, "slo.error_budget_remaining", -0.4);
        CheckResult result = result(evaluate(product("pmf").build(), evidence), "slo-compliance");
        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.priority()).isNull();
    }

    @Test
    void oomKillsFailTheNewCheckWhoseFixBoundsMemoryPerRequest() {
        Evidence killed = signals("resources.oom_kills_7d", 3, "resources.containers_without_memory_limit", 0);
        CheckResult prePmf = result(evaluate(product("pre-pmf").build(), killed), "oom-kills");
        assertThat(prePmf.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(prePmf.reason()).contains("resources.oom_kills_7d is 3");
        assertThat(prePmf.priority()).isEqualTo(Priority.P1);
        assertThat(result(evaluate(product("pre-launch").build(), killed), "oom-kills").priority()).isEqualTo(Priority.P3);
        assertThat(result(evaluate(product("pre-launch").build(), killed), "memory-limits").status()).isEqualTo(Status.PASS);
        assertThat(result(evaluate(product("pre-pmf").build(), signals("resources.oom_kills_7d", 0)), "oom-kills").status())
                .isEqualTo(Status.PASS);

        String fix = RUBRIC.check("oom-kills").orElseThrow().fix().en();
        assertThat(fix).contains("page or stream", "cap request body sizes", "limit how many heavy requests run at once",
                "load-test the heaviest endpoints against the container's limit");
        assertThat(RUBRIC.check("memory-limits").orElseThrow().fix().en()).contains("MaxRAMPercentage");
    }

    @ParameterizedTest(name = "{0}: ratio {1}, {2} pages -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            alerts-actionable    | alerts.actionable_ratio   | 0.2 | 4  | INSUFFICIENT_DATA
            alerts-actionable    | alerts.actionable_ratio   | 0.2 | 5  | FAIL
            alerts-actionable    | alerts.actionable_ratio   | 0.7 | 5  | PASS
            alerts-actionable    | alerts.actionable_ratio   | 0.9 | -  | NOT_CONNECTED
            symptom-based-paging | alerts.symptom_page_share | 0.1 | 3  | INSUFFICIENT_DATA
            symptom-based-paging | alerts.symptom_page_share | 0.6 | 30 | FAIL
            symptom-based-paging | alerts.symptom_page_share | 0.8 | 30 | PASS
            """)
    void pageRatiosNeedFivePagesToJudge(String check, String key, double ratio, Integer pages, Outcome outcome) {
        Evidence evidence = pages == null ? signals(key, ratio) : signals(key, ratio, "alerts.pages_30d", pages);
        CheckResult result = result(evaluate(product("pmf").build(), evidence), check);
        assertThat(result.outcome()).as(result.reason()).isEqualTo(outcome);
        if (outcome == Outcome.INSUFFICIENT_DATA) {
            assertThat(result.satisfied()).isTrue();
            assertThat(result.priority()).isNull();
        }
    }

    @Test
    void alertsActionableIsDefinedObjectively() {
        String means = RUBRIC.signals().get("alerts.actionable_ratio").means().en();
        assertThat(means).contains("resolved by itself before anyone acknowledged it",
                "acknowledged with no incident, ticket or note linked");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            pager-load           | oncall.overloaded_weeks_28d          | 1 | PASS
            pager-load           | oncall.overloaded_weeks_28d          | 2 | FAIL
            owner-reachable      | oncall.schedule_gap_hours_next_14d   | 0 | PASS
            owner-reachable      | oncall.schedule_gap_hours_next_14d   | 8 | FAIL
            runbooks             | alerts.paging_rules_without_runbook  | 0 | PASS
            runbooks             | alerts.paging_rules_without_runbook  | 2 | FAIL
            postmortems          | incidents.sev12_without_postmortem   | 1 | FAIL
            postmortem-actions   | postmortem.actions_overdue           | 0 | PASS
            postmortem-actions   | postmortem.actions_overdue           | 3 | FAIL
            critical-vulns-patched | vulns.critical_overdue             | 1 | FAIL
            """)
    void signalsReplaceWhatALinkOrADeclarationCouldNotProve(String check, String key, int value, Outcome outcome) {
        CheckResult result = result(evaluate(product("pmf").build(), signals(key, value)), check);
        assertThat(result.outcome()).as(result.reason()).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "share of log lines with an id {0} -> {1}")
    @CsvSource({ "0.95, PASS", "0.9, PASS", "0.6, FAIL" })
    void logsAreJudgedByTheShareOfLinesWithAnId(double coverage, Outcome outcome) {
        ProductFacts withLink = product("pre-pmf").link("logs", "https://logs.example.com/q").build();
        assertThat(result(evaluate(withLink, signals("logs.request_id_coverage", coverage)), "searchable-logs").outcome())
                .isEqualTo(outcome);
        assertThat(result(evaluate(withLink, Evidence.empty()), "searchable-logs").outcome()).as("a link is not evidence")
                .isEqualTo(Outcome.NOT_CONNECTED);
    }

    @ParameterizedTest(name = "rto {0}, rpo {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            4h    | 15m | PASS
            1d12h | 0m  | PASS
            30m   | 5m  | PASS
            TBD   | 15m | FAIL
            4h    | TBD | FAIL
            4 hours | 1h | FAIL
            PT4H  | 1h  | FAIL
            -     | 1h  | FAIL
            4h    | -   | FAIL
            """)
    void recoveryObjectivesMustBeDurations(String rto, String rpo, Outcome outcome) {
        ProductFacts.Builder product = product("pmf");
        if (rto != null) {
            product.annotation("pillarboard.dev/rto", rto);
        }
        if (rpo != null) {
            product.annotation("pillarboard.dev/rpo", rpo);
        }
        assertThat(result(evaluate(product.build(), Evidence.empty()), "recovery-objectives").outcome()).isEqualTo(outcome);
    }

    @Test
    void beforeLaunchTheLaunchReviewAndALoadTestAtTwiceThePeakAreRequired() {
        Evidence reviewed = Evidence.builder().attestation("launch-readiness-review",
                new Attested("alice", NOW.minus(Duration.ofDays(1)), "https://wiki.example.com/launch-review",
                        "with the platform SRE", NOW.minus(Duration.ofDays(10)))).build();
        Scorecard launching = evaluate(product("pre-launch").build(), reviewed);
        assertThat(result(launching, "launch-readiness-review").status()).isEqualTo(Status.PASS);
        assertThat(result(evaluate(product("pre-launch").build(), Evidence.empty()), "launch-readiness-review").priority())
                .isEqualTo(Priority.P1);
        assertThat(result(evaluate(product("pre-pmf").build(), Evidence.empty()), "launch-readiness-review").status())
                .isEqualTo(Status.NOT_APPLICABLE);

        assertThat(result(evaluate(product("pre-launch").build(), signals("loadtest.tested_peak_multiple", 1.5)),
                "load-tested").outcome()).isEqualTo(Outcome.FAIL);
        assertThat(result(evaluate(product("pre-launch").build(), signals("loadtest.tested_peak_multiple", 2)),
                "load-tested").outcome()).isEqualTo(Outcome.PASS);
        Evidence oldTest = Evidence.builder().signal("loadtest.tested_peak_multiple", SignalValue.of(3),
                NOW.minus(Duration.ofDays(91)), "loadtest-pipeline").build();
        assertThat(result(evaluate(product("pre-launch").build(), oldTest), "load-tested").outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aSmallSampleOfDeploysIsNotEnoughToJudgeTheChangeFailureRate() {
        assertThat(result(evaluate(product("pmf").build(), signals("dora.change_failure_rate", 0.5, "deploy.count_90d", 6)),
                "change-failure-rate").outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
        assertThat(result(evaluate(product("pmf").build(), signals("dora.change_failure_rate", 0.5, "deploy.count_90d", 40)),
                "change-failure-rate").outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void aProductThatDoesEverythingPassesEveryCheckAndMeetsItsBar() {
        ProductFacts product = product("pmf").tier(1).link("repo", "https://git.example.com/exemplary")
                .link("dashboard", "https://grafana.example.com/d/1")
                .annotation("pagerduty.com/service-id", "PX12").annotation("pillarboard.dev/rto", "4h")
                .annotation("pillarboard.dev/rpo", "15m").build();
        Evidence.Builder evidence = Evidence.builder();
        for (Check check : RUBRIC.checks()) {
            int override = check.overrideFor(product);
            EvidenceRule rule = check.evidenceFor(override);
            if (rule instanceof EvidenceRule.SignalRule signal) {
                evidence.signal(signal.key(), passingValue(signal.condition()), NOW.minus(Duration.ofHours(1)), "test");
                if (signal.countKey() != null) {
                    evidence.signal(signal.countKey(), SignalValue.of(signal.minCount()), NOW.minus(Duration.ofHours(1)), "test");
                }
            } else if (rule instanceof EvidenceRule.AttestationRule) {
                evidence.attestation(check.id(), new Attested("alice", NOW.minus(Duration.ofDays(1)),
                        "https://docs.example.com/" + check.id(), ""));
            }
        }

        Scorecard card = evaluate(product, evidence.build());

        assertThat(card.checks()).allSatisfy(result -> assertThat(result.outcome()).as(result.checkId() + ": "
                + result.reason()).isEqualTo(Outcome.PASS));
        assertThat(card.meetsPhaseBar()).isTrue();
        assertThat(card.tasks()).isEmpty();
        assertThat(BarProgress.of(card).progress()).isEqualTo(100);
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
