package dev.pillarboard.scorecard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parts of the format that rubric version 2 needs: texts per language, overrides, declared signals, minCount, grace. */
class RubricParserVersionTwoTest {

    private static RubricException problemsOf(String yaml) {
        return catchThrowableOfType(RubricException.class, () -> RubricParser.parse(yaml, "test.yaml"));
    }

    /** A one-check rubric with the given top-level lines, check lines and evidence. */
    private static String rubric(String top, String checkLines, String evidence) {
        return """
                phases: [pre-launch, pmf]
                pillars: [core]
                %s
                checks:
                  - id: the-check
                    pillar: core
                    title: T
                    why: W
                    fix: F
                    weight: 1
                    requirements: {pre-launch: recommended, pmf: required}
                    evidence: %s
                %s
                """.formatted(top, evidence, checkLines.indent(4));
    }

    private static final String SIGNAL = "{signal: {key: x.ratio, op: gte, value: 0.7}}";

    @Test
    void textsMayBeGivenPerLanguage() {
        Rubric rubric = RubricParser.parse("""
                title: {en: Ours, ja: 私たちの}
                phases: [{id: only, title: {en: Only, ja: 唯一}}]
                pillars: [core]
                checks:
                  - id: c
                    pillar: core
                    title: {en: T, ja: ティー}
                    why: {en: W, pt-br: Porque}
                    fix: F
                    weight: 1
                    requirements: {only: required}
                    evidence: {attestation: {}}
                """, "t.yaml");

        assertThat(rubric.title().in("ja")).isEqualTo("私たちの");
        assertThat(rubric.languages()).containsExactly("en", "ja", "pt-br");
        assertThat(rubric.check("c").orElseThrow().why().in("pt-br")).isEqualTo("Porque");
        assertThat(rubric.check("c").orElseThrow().fix().in("ja")).isEqualTo("F");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{ja: ティー}            | checks[0].title     | has no English version ('en'); English is required, other languages are optional",
        "{en: T, jp: ティー}     | checks[0].title.jp  | 'jp' is not a language tag (ISO 639 code in lower case, e.g. en, ja, pt-br); did you mean 'ja'?",
        "{en: T, EN: X}          | checks[0].title.EN  | 'EN' is not a language tag (ISO 639 code in lower case, e.g. en, ja, pt-br)",
        "{en: T, ja: ''}         | checks[0].title.ja  | must not be blank",
    })
    void languageProblemsAreReportedWithTheirPath(String title, String path, String message) {
        String yaml = rubric("", "", SIGNAL).replace("    title: T\n", "    title: " + title + "\n");

        assertThat(problemsOf(yaml).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.message()).isEqualTo(message);
        });
    }

    @Test
    void overridesAreParsed() {
        Rubric rubric = RubricParser.parse(rubric("", """
                overrides:
                  - when: {tier: [1, 2], tag: pci}
                    requirements: {pre-launch: required}
                    why: {en: They lose most., ja: 損失が最も大きい。}
                  - when: {tag: [internal, lab]}
                    evidence: {signal: {key: x.ratio, op: gte, value: 0.5}}
                    why: Internal tools may be noisier.
                """, SIGNAL), "t.yaml");

        Check check = rubric.check("the-check").orElseThrow();
        assertThat(check.overrides()).hasSize(2);
        assertThat(check.overrides().get(0).label()).isEqualTo("tier 1 or 2 and tag pci");
        assertThat(check.overrides().get(0).requirements()).containsExactly(java.util.Map.entry("pre-launch", Requirement.REQUIRED));
        assertThat(check.overrides().get(1).evidence()).isInstanceOf(EvidenceRule.SignalRule.class);
        assertThat(check.requirementIn("pre-launch", 0)).isEqualTo(Requirement.REQUIRED);
        assertThat(check.requirementIn("pmf", 0)).isEqualTo(Requirement.REQUIRED);
        assertThat(check.requirementIn("pre-launch", 1)).isEqualTo(Requirement.RECOMMENDED);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{when: {tier: 4}, requirements: {pmf: required}, why: W}           | checks[0].overrides[0].when.tier            | must be a whole number from 1 to 3, got 4",
        "{when: {}, requirements: {pmf: required}, why: W}                   | checks[0].overrides[0].when                 | is empty; name a tier, a tag or both",
        "{when: {tiers: 1}, requirements: {pmf: required}, why: W}           | checks[0].overrides[0].when.tiers           | unknown key 'tiers'; did you mean 'tier'? (allowed: tier, tag)",
        "{when: {tier: 1}, why: W}                                          | checks[0].overrides[0]                      | changes nothing; give requirements, evidence or both",
        "{when: {tier: 1}, requirements: {ga: required}, why: W}            | checks[0].overrides[0].requirements.ga      | unknown phase 'ga'; phases are pre-launch, pmf",
        "{when: {tier: 1}, requirements: {}, why: W}                         | checks[0].overrides[0].requirements         | is empty; name the phases whose requirement the override changes",
        "{when: {tier: 1}, requirements: {pmf: must}, why: W}               | checks[0].overrides[0].requirements.pmf     | 'must' is not one of required, recommended, n/a",
        "{when: {tier: 1}, requirements: {pmf: required}}                   | checks[0].overrides[0].why                  | is missing (required)",
        "{when: {tier: 1}, evidence: {attestation: {}}, why: W}             | checks[0].overrides[0].evidence             | is attestation evidence; an override's evidence must be of the check's kind (signal)",
    })
    void overrideProblemsAreReportedWithTheirPath(String override, String path, String message) {
        String yaml = rubric("", "overrides:\n  - " + override + "\n", SIGNAL);

        assertThat(problemsOf(yaml).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.checkId()).isEqualTo("the-check");
            assertThat(problem.message()).isEqualTo(message);
        });
    }

    @Test
    void withASignalsSectionEveryKeyMustBeDeclared() {
        String signals = """
                signals:
                  - {key: x.ratio, source: bot, means: the ratio, connect: Connect it., example: 0.8}
                  - {key: x.count, source: bot, means: the count, connect: Connect it., example: 9}
                """;

        assertThat(RubricParser.parse(rubric(signals, "", "{signal: {key: x.ratio, op: gte, value: 0.7, minCount: 5,"
                + " countKey: x.count}}"), "t.yaml").signals()).containsOnlyKeys("x.ratio", "x.count");
        RubricException error = problemsOf(rubric(signals, "", "{signal: {key: x.ratoi, op: gte, value: 0.7}}"));
        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("checks[0].evidence.signal.key");
            assertThat(problem.line()).isEqualTo(15);
            assertThat(problem.message()).isEqualTo("signal key 'x.ratoi' is not declared under signals; did you mean 'x.ratio'?");
        });
        assertThat(RubricParser.parse(rubric("", "", "{signal: {key: x.anything, op: present}}"), "t.yaml").signals())
                .as("without a signals section nothing is declared, and nothing needs to be").isEmpty();
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{signal: {key: x.ratio, op: gte, value: 0.7, minCount: 5}}                       | checks[0].evidence.signal.countKey | is missing; minCount (the smallest sample to judge) and countKey (the signal with the sample's size) go together",
        "{signal: {key: x.ratio, op: gte, value: 0.7, countKey: x.count}}                | checks[0].evidence.signal.minCount | is missing; minCount (the smallest sample to judge) and countKey (the signal with the sample's size) go together",
        "{signal: {key: x.ratio, op: gte, value: 0.7, minCount: 0, countKey: x.count}}   | checks[0].evidence.signal.minCount | must be a whole number from 1 to 1000000, got 0",
        "{signal: {key: x.ratio, op: gte, value: 0.7, minCount: 5, countKey: x.ratio}}   | checks[0].evidence.signal.countKey | is the rule's own key; name the signal that counts the sample",
    })
    void minCountNeedsItsCountKey(String evidence, String path, String message) {
        assertThat(problemsOf(rubric("", "", evidence)).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.message()).isEqualTo(message);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "graceDays: 366          | graceDays                  | must be a whole number from 0 to 365, got 366",
        "nextPhasePriority: P1   | nextPhasePriority          | 'P1' is not one of P2, P3",
        "signals: [{key: x.ratio, source: bot, means: m, connect: c}]       | signals[0].example | is missing (required)",
        "signals: [{key: 'a b', source: bot, means: m, connect: c, example: 1}] | signals[0].key | 'a b' is not a valid signal key: use letters, digits and . _ - : / (e.g. slo.count)",
    })
    void rubricSettingsAreChecked(String top, String path, String message) {
        assertThat(problemsOf(rubric(top, "", "{signal: {key: x.ratio, op: present}}")).problems())
                .filteredOn(problem -> problem.path().equals(path)).singleElement()
                .extracting(RubricProblem::message).isEqualTo(message);
    }

    @Test
    void graceAndNextPhasePriorityDefaultToVersionOneBehaviour() {
        Rubric rubric = RubricParser.parse(rubric("", "", SIGNAL), "t.yaml");

        assertThat(rubric.graceDays()).isZero();
        assertThat(rubric.nextPhasePriority()).isEqualTo(Priority.P2);
        assertThat(RubricParser.parse(rubric("graceDays: 30\nnextPhasePriority: P3", "", SIGNAL), "t.yaml"))
                .extracting(Rubric::graceDays, Rubric::nextPhasePriority).containsExactly(30, Priority.P3);
    }
}
