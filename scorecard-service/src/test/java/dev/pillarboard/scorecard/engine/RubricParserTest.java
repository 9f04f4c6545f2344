package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RubricParserTest {

    private static RubricException problemsOf(String yaml) {
        return catchThrowableOfType(RubricException.class, () -> RubricParser.parse(yaml, "test.yaml"));
    }

    /** A valid one-check rubric whose evidence is replaced by the given flow-style YAML. */
    private static String withEvidence(String evidence) {
        return """
                phases: [pre-launch, pmf]
                pillars: [core]
                checks:
                  - id: the-check
                    pillar: core
                    title: T
                    why: W
                    fix: F
                    weight: 1
                    requirements: {pre-launch: required, pmf: required}
                    evidence: %s
                """.formatted(evidence);
    }

    @Test
    void sizesAreBoundedSoThatEveryResultStaysStorable() {
        String pillars = IntStream.rangeClosed(1, RubricParser.MAX_PILLARS + 1).mapToObj(i -> "p" + i)
                .collect(Collectors.joining(", ", "[", "]"));
        RubricException error = problemsOf(withEvidence("{catalog: {field: owner, op: present}}")
                .replace("pillars: [core]", "pillars: " + pillars));
        assertThat(error.problems()).anySatisfy(problem -> {
            assertThat(problem.path()).isEqualTo("pillars");
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).isEqualTo("has 13 pillars; a rubric may have at most 12");
        });
        String phases = IntStream.rangeClosed(1, RubricParser.MAX_PHASES + 1).mapToObj(i -> "ph" + i)
                .collect(Collectors.joining(", ", "[", "]"));
        assertThat(problemsOf(withEvidence("{catalog: {field: owner, op: present}}").replace("phases: [pre-launch, pmf]",
                "phases: " + phases)).problems()).anySatisfy(problem -> assertThat(problem.message())
                        .isEqualTo("has 11 phases; a rubric may have at most 10"));
    }

    @Test
    void defaultRubricLoadsFromTheClasspath() {
        Rubric rubric = RubricParser.defaultRubric();

        assertThat(rubric.phases()).extracting(Phase::id).containsExactly("pre-launch", "pre-pmf", "pmf");
        assertThat(rubric.pillars()).extracting(Pillar::id).containsExactly("observability", "incident-response",
                "release-change", "security", "resilience-capacity");
        assertThat(rubric.attestationValidityDays()).isEqualTo(180);
        assertThat(rubric.reviewIntervalDays()).isEqualTo(90);
        assertThat(RubricParser.parse(RubricParser.defaultRubricYaml())).isEqualTo(rubric);
    }

    @Test
    void badRubricReportsEveryProblemWithItsLineCheckAndPath() {
        RubricException error = problemsOf(resource("bad-rubric.yaml"));

        assertThat(error.problems()).extracting(RubricProblem::line, RubricProblem::checkId, RubricProblem::path)
                .containsExactly(
                        tuple(2, null, "attestationValidityDays"),
                        tuple(3, null, "reviewIntervall"),
                        tuple(6, null, "phases[1].id"),
                        tuple(10, null, "pillars[1].id"),
                        tuple(17, "slo-defined", "checks[0].weight"),
                        tuple(18, "slo-defined", "checks[0].requirements.pmf"),
                        tuple(20, "slo-defined", "checks[0].evidence.signal.value"),
                        tuple(20, "slo-defined", "checks[0].evidence.signal.maxAge"),
                        tuple(21, "slo-defined", "checks[1].id"),
                        tuple(22, "slo-defined", "checks[1].pillar"),
                        tuple(29, "slo-defined", "checks[1].evidence.catalog.field"),
                        tuple(30, "regex-and-op", "checks[2].fix"),
                        tuple(34, "regex-and-op", "checks[2].fixx"),
                        tuple(35, "regex-and-op", "checks[2].weight"),
                        tuple(36, "regex-and-op", "checks[2].requirements.ga"),
                        tuple(40, "regex-and-op", "checks[2].evidence.catalog.any[0].value"),
                        tuple(41, "regex-and-op", "checks[2].evidence.catalog.any[1].op"),
                        tuple(42, "regex-and-op", "checks[2].evidence.catalog.any[2].value"),
                        tuple(43, "regex-and-op", "checks[2].evidence.catalog.any[3].op"),
                        tuple(52, "two-kinds", "checks[3].evidence"),
                        tuple(54, "no-why", "checks[4].why"),
                        tuple(61, "no-why", "checks[4].evidence.signal.value"),
                        tuple(68, "bad-annotation", "checks[5].requirements"),
                        tuple(70, "bad-annotation", "checks[5].evidence.catalog.value"));
    }

    @Test
    void badRubricMessagesSayWhatIsWrong() {
        RubricException error = problemsOf(resource("bad-rubric.yaml"));

        assertThat(error.problems()).extracting(RubricProblem::message).containsExactly(
                "must be a whole number from 1 to 36500, got 'soon' (a string)",
                "unknown key 'reviewIntervall'; did you mean 'reviewIntervalDays'? (allowed: title,"
                        + " attestationValidityDays, reviewIntervalDays, graceDays, nextPhasePriority, phases, pillars,"
                        + " signals, checks)",
                "duplicate phase id 'pre-launch'",
                "duplicate pillar id 'observability'",
                "must be a whole number from 1 to 100, got 0",
                "'requird' is not one of required, recommended, n/a",
                "'gte' needs a number, got 'one' (a string)",
                "'30days' is not a duration; write e.g. 30d, 12h, 4w, 1d12h or ISO-8601 P30D, PT12H"
                        + " (months and years are not accepted: write days)",
                "duplicate check id 'slo-defined' (first used by checks[0])",
                "unknown pillar 'observabilty'; pillars are observability",
                "unknown catalog field 'link.runbook'; known fields: name, description, owner, phase, tier, tags,"
                        + " links.<key>, annotations.<key> (or annotations[<key>])",
                "is missing (required)",
                "unknown key 'fixx'; did you mean 'fix'? (allowed: id, pillar, title, why, fix, weight, requirements,"
                        + " evidence, overrides)",
                "must be a whole number from 1 to 100, got '1.5' (a number)",
                "unknown phase 'ga'; phases are pre-launch, pmf",
                "invalid regex '^(https': Unclosed group near index 7",
                "unknown op 'greater' (ops: present, equals, in, matches, gte, lte, contains, within)",
                "'gte' needs a whole number, got 'high' (a string)",
                "'gte' does not apply to links.dashboard (text); use present, equals, in, matches",
                "needs exactly one of catalog, signal, attestation; got catalog, attestation",
                "is missing (required)",
                "'3 months' is not a duration; write e.g. 30d, 12h, 4w, 1d12h or ISO-8601 P30D, PT12H"
                        + " (months and years are not accepted: write days)",
                "no requirement for phase 'pmf'; every phase needs required, recommended or n/a",
                "'present' takes no value; remove it");
    }

    @Test
    void exceptionMessageListsProblemsWithCheckIdAndPath() {
        RubricException error = problemsOf(resource("bad-rubric.yaml"));

        assertThat(error.source()).isEqualTo("test.yaml");
        assertThat(error.getMessage())
                .startsWith("test.yaml: 24 problems\n  line 2, column 26: attestationValidityDays: must be a whole number")
                .contains("\n  line 18, column 42: checks[0] (id: slo-defined) .requirements.pmf: 'requird' is not one"
                        + " of required, recommended, n/a\n");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void aliasBombIsRefused() {
        RubricException error = problemsOf(resource("alias-bomb.yaml"));

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.message()).startsWith("too many aliases");
        });
    }

    @Test
    void aFewAliasesAreFine() {
        String yaml = """
                phases: [pre-launch, pmf]
                pillars: [core]
                checks:
                  - id: a
                    pillar: core
                    title: A
                    why: W
                    fix: F
                    weight: 1
                    requirements: &always {pre-launch: required, pmf: required}
                    evidence: {catalog: {field: owner, op: present}}
                  - id: b
                    pillar: core
                    title: B
                    why: W
                    fix: F
                    weight: 1
                    requirements: *always
                    evidence: {catalog: {field: tier, op: present}}
                """;

        assertThat(RubricParser.parse(yaml).checks()).hasSize(2);
    }

    @Test
    void malformedYamlReportsTheLineOfTheMistake() {
        RubricException error = problemsOf(resource("malformed.yaml"));

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(6);
            assertThat(problem.message()).startsWith("not valid YAML: while parsing a flow mapping")
                    .endsWith("(it started on line 5)");
        });
    }

    @Test
    void tabIndentationIsMalformedYamlWithItsLine() {
        RubricException error = problemsOf("phases: [a]\npillars: [b]\nchecks:\n\t- id: x\n");

        assertThat(error.problems()).singleElement().extracting(RubricProblem::line).isEqualTo(4);
    }

    @Test
    void emptySectionsAreProblems() {
        RubricException error = problemsOf(resource("empty-sections.yaml"));

        assertThat(error.problems()).extracting(RubricProblem::line, RubricProblem::path, RubricProblem::message)
                .containsExactly(
                        tuple(2, "phases", "is empty; a rubric needs at least one phase"),
                        tuple(3, "pillars", "is empty; a rubric needs at least one pillar"),
                        tuple(4, "checks", "is empty; a rubric needs at least one check"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "# only a comment\n"})
    void emptyDocumentIsAProblem(String yaml) {
        assertThat(problemsOf(yaml).problems()).singleElement()
                .extracting(RubricProblem::message).isEqualTo("the rubric is empty");
    }

    @Test
    void missingSectionsAreProblems() {
        RubricException error = problemsOf("title: nothing else\n");

        assertThat(error.problems()).extracting(RubricProblem::path).containsExactly("phases", "pillars", "checks");
    }

    @Test
    void documentThatIsNotAMappingIsAProblem() {
        assertThat(problemsOf("- just\n- a list\n").problems()).singleElement()
                .extracting(RubricProblem::message).asString().startsWith("must be a mapping");
    }

    @Test
    void aPillarMayHaveAShortTitlePerLanguageForItsTile() {
        Rubric rubric = RubricParser.parse(withEvidence("{catalog: {field: owner, op: present}}").replace("pillars: [core]", """
                pillars:
                  - {id: core, title: {en: Core practices, ja: 基本の実践}, shortTitle: {en: Core, ja: 基本}}
                  - {id: data, title: Data quality}"""));

        assertThat(rubric.pillars().get(0).shortTitle().in("ja")).isEqualTo("基本");
        assertThat(rubric.pillars().get(1).shortTitle()).isNull();
        assertThat(rubric.view("ja").pillars()).extracting(RubricView.PillarEntryView::shortTitle).containsExactly("基本", null);
        assertThat(rubric.view("en").pillars()).extracting(RubricView.PillarEntryView::shortTitle).containsExactly("Core", null);
        assertThat(rubric.languages()).contains("ja");
    }

    @Test
    void aShortTitleIsShortAndOnlyPillarsHaveOne() {
        String yaml = withEvidence("{catalog: {field: owner, op: present}}")
                .replace("phases: [pre-launch, pmf]", "phases: [pre-launch, {id: pmf, title: PMF, shortTitle: P}]")
                .replace("pillars: [core]", """
                        pillars:
                          - {id: core, title: Core, shortTitle: {en: Core practices, ja: 基本}}
                          - {id: data, title: Data, shortTitle: Data quality}""");

        assertThat(problemsOf(yaml).problems()).extracting(RubricProblem::line, RubricProblem::path, RubricProblem::message)
                .containsExactly(
                        tuple(1, "phases[1].shortTitle", "unknown key 'shortTitle' (allowed: id, title, description)"),
                        tuple(3, "pillars[0].shortTitle.en", "'Core practices' is longer than 8 characters; a short title"
                                + " labels a small tile (e.g. Obs, 観測)"),
                        tuple(4, "pillars[1].shortTitle", "'Data quality' is longer than 8 characters; a short title"
                                + " labels a small tile (e.g. Obs, 観測)"));
    }

    @Test
    void invalidPhaseIdDoesNotCascadeIntoEveryCheck() {
        String yaml = """
                phases: [Pre Launch, pmf]
                pillars: [core]
                checks:
                  - id: a
                    pillar: core
                    title: A
                    why: W
                    fix: F
                    weight: 1
                    requirements: {Pre Launch: required, pmf: required}
                    evidence: {catalog: {field: owner, op: present}}
                """;

        assertThat(problemsOf(yaml).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.path()).isEqualTo("phases[0]");
            assertThat(problem.message()).startsWith("'Pre Launch' is not a valid id");
        });
    }

    @Test
    void globalTagsAreRefused() {
        RubricException error = problemsOf("phases: !!javax.script.ScriptEngineManager [x]\n");

        assertThat(error.problems()).singleElement().extracting(RubricProblem::message).asString()
                .startsWith("not valid YAML").contains("Global tag is not allowed");
    }

    @Test
    void oversizedDocumentIsRefused() {
        String yaml = "title: '" + "x".repeat(RubricParser.MAX_CODE_POINTS) + "'\n";

        assertThat(problemsOf(yaml).problems()).singleElement().extracting(RubricProblem::message).asString()
                .startsWith("the rubric is larger than");
    }

    @Test
    void duplicateKeysAreProblems() {
        String yaml = withEvidence("{catalog: {field: owner, op: present}}").replace("    why: W\n", "    why: W\n    why: X\n");

        assertThat(problemsOf(yaml).problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(8);
            assertThat(problem.message()).isEqualTo("duplicate key 'why'");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{signal: {key: x.tags, op: contains, value: a}}           | checks[0].evidence.signal.op        | 'contains' applies to catalog tags only; use equals, in or matches",
        "{catalog: {field: links.repo, op: contains, value: a}}    | checks[0].evidence.catalog.op       | 'contains' does not apply to links.repo (text); use present, equals, in, matches",
        "{catalog: {field: links.repo, op: within, value: 30d}}    | checks[0].evidence.catalog.op       | 'within' does not apply to links.repo (text); use present, equals, in, matches ('within' applies to signals only)",
        "{catalog: {field: tags, op: equals, value: web}}          | checks[0].evidence.catalog.op       | 'equals' does not apply to tags (a list of strings); use present, contains, matches",
        "{catalog: {field: tier, op: equals, value: one}}          | checks[0].evidence.catalog.value    | 'equals' on a whole-number field needs a whole number, got 'one' (a string)",
        "{catalog: {field: tier, op: in, value: 2}}                | checks[0].evidence.catalog.value    | 'in' needs a non-empty list of whole numbers, got '2' (a whole number)",
        "{catalog: {field: owner, op: in, value: []}}              | checks[0].evidence.catalog.value    | 'in' needs a non-empty list of values, got a list",
        "{catalog: {field: owner, op: equals}}                     | checks[0].evidence.catalog.value    | is missing; 'equals' needs a single value (number, boolean or text)",
        "{catalog: {field: owner}}                                 | checks[0].evidence.catalog.op       | is missing (required)",
        "{catalog: {all: []}}                                      | checks[0].evidence.catalog.all      | is empty; give at least one predicate",
        "{catalog: {all: [{field: owner, op: present}], any: []}}  | checks[0].evidence.catalog          | 'all' or 'any' must be the only key of its mapping; got all, any",
        "{catalog: {feild: owner, op: present}}                    | checks[0].evidence.catalog.feild    | unknown key 'feild'; did you mean 'field'? (allowed: field, op, value, all, any)",
        "{signal: {key: slo.count, op: gte, value: '1'}}           | checks[0].evidence.signal.value     | 'gte' needs a number, got '1' (a string)",
        "{signal: {key: slo.count, op: exists}}                    | checks[0].evidence.signal.op        | unknown op 'exists' (ops: present, equals, in, matches, gte, lte, contains, within)",
        "{signal: {key: 'slo count', op: present}}                 | checks[0].evidence.signal.key       | 'slo count' is not a valid signal key: use letters, digits and . _ - : / (e.g. slo.count)",
        "{signal: {key: slo.count, op: present, maxAge: 0d}}       | checks[0].evidence.signal.maxAge    | '0d' is not a positive duration",
        "{signal: {key: slo.count, op: present, maxAge: 400000000d}} | checks[0].evidence.signal.maxAge  | '400000000d' is longer than 3650d (ten years)",
        "{signal: {key: drill.at, op: within, value: 3651d}}       | checks[0].evidence.signal.value     | '3651d' is longer than 3650d (ten years)",
        "{signal: {key: slo.count, op: present, maxAge: P1M}}      | checks[0].evidence.signal.maxAge    | 'P1M' is not a duration; write e.g. 30d, 12h, 4w, 1d12h or ISO-8601 P30D, PT12H (months and years are not accepted: write days)",
        "{signal: {key: slo.doc, op: matches, value: '[a-'}}       | checks[0].evidence.signal.value     | invalid regex '[a-': Illegal character range near index 3",
        "{signal: {key: slo.count, op: gte, value: 1, max: 30d}}   | checks[0].evidence.signal.max       | unknown key 'max' (allowed: key, op, value, maxAge, minCount, countKey)",
        "{attestation: {validForDays: -1}}                         | checks[0].evidence.attestation.validForDays | must be a whole number from 1 to 36500, got -1",
        "{attestation: {validFor: 30}}                             | checks[0].evidence.attestation.validFor     | unknown key 'validFor'; did you mean 'validForDays'? (allowed: validForDays)",
        "{}                                                        | checks[0].evidence                  | needs exactly one of catalog, signal, attestation; got none",
        "{catalogue: {field: owner, op: present}}                  | checks[0].evidence.catalogue        | unknown key 'catalogue'; did you mean 'catalog'? (allowed: catalog, signal, attestation)"
    })
    void evidenceRulesAreTypeChecked(String evidence, String path, String message) {
        RubricException error = problemsOf(withEvidence(evidence));

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(11);
            assertThat(problem.checkId()).isEqualTo("the-check");
            assertThat(problem.path()).isEqualTo(path);
            assertThat(problem.message()).isEqualTo(message);
        });
    }

    @Test
    void annotationKeysWithDotsAndSlashesWorkInBothSpellings() {
        Rubric dotted = RubricParser.parse(withEvidence("{catalog: {field: annotations.pagerduty.com/service-id, op: present}}"));
        Rubric bracketed = RubricParser.parse(withEvidence("{catalog: {field: 'annotations[pagerduty.com/service-id]', op: present}}"));

        CatalogPredicate.FieldTest test = (CatalogPredicate.FieldTest)
                ((EvidenceRule.CatalogRule) dotted.checks().get(0).evidence()).predicate();
        assertThat(test.field()).isEqualTo(new CatalogField(CatalogField.Kind.ANNOTATION, "pagerduty.com/service-id"));
        assertThat(test.field().path()).isEqualTo("annotations[pagerduty.com/service-id]");
        assertThat(bracketed).isEqualTo(dotted);
    }

    @Test
    void minimalRubricUsesPlainIdsAndDefaultSettings() {
        Rubric rubric = RubricParser.parse(resource("minimal-rubric.yaml"));

        assertThat(rubric.phases()).containsExactly(new Phase("launch", "launch", ""), new Phase("growth", "growth", ""));
        assertThat(rubric.attestationValidityDays()).isEqualTo(Rubric.DEFAULT_ATTESTATION_VALIDITY_DAYS);
        assertThat(rubric.reviewIntervalDays()).isEqualTo(Rubric.DEFAULT_REVIEW_INTERVAL_DAYS);
        assertThat(rubric.nextPhase("launch")).contains(new Phase("growth", "growth", ""));
        assertThat(rubric.nextPhase("growth")).isEmpty();
    }

    @Test
    void viewMirrorsTheYamlForTheRestLayer() {
        RubricView view = TestRubrics.engineTestRubric().view();

        assertThat(view.phases()).extracting(RubricView.EntryView::id).containsExactly("pre-launch", "pre-pmf", "pmf");
        assertThat(view.pillars()).extracting(RubricView.PillarEntryView::id, RubricView.PillarEntryView::title)
                .containsExactly(tuple("obs", "Observability"), tuple("sec", "Security"), tuple("res", "Resilience"));
        RubricView.CheckView slo = view.checks().get(2);
        assertThat(slo.id()).isEqualTo("obs-slo");
        assertThat(slo.requirements()).containsExactly(Map.entry("pre-launch", "n/a"),
                Map.entry("pre-pmf", "recommended"), Map.entry("pmf", "required"));
        assertThat(slo.evidence()).isEqualTo(Map.of("signal",
                Map.of("key", "slo.count", "op", "gte", "value", 1L, "maxAge", "7d")));
        assertThat(view.checks().get(1).evidence()).isEqualTo(Map.of("catalog",
                Map.of("field", "links.runbook", "op", "present")));
        assertThat(view.checks().get(6).evidence())
                .as("attestation shows the effective validity").isEqualTo(Map.of("attestation", Map.of("validForDays", 180)));
        assertThat(view.checks().get(5).evidence()).isEqualTo(Map.of("signal",
                Map.of("key", "restore.last_tested_at", "op", "within", "value", "90d")));
    }

    @Test
    void viewOfCombinatorsIsNestedPlainMaps() {
        RubricView.CheckView owner = RubricParser.defaultRubric().view().checks().stream()
                .filter(check -> check.id().equals("owner-reachable")).findFirst().orElseThrow();

        assertThat(owner.evidence()).isEqualTo(Map.of("catalog", Map.of("all", List.of(
                Map.of("field", "owner", "op", "present"),
                Map.of("field", "tier", "op", "in", "value", List.of(1L, 2L, 3L)),
                Map.of("any", List.of(
                        Map.of("field", "links.on-call", "op", "matches", "value", "^https?://"),
                        Map.of("field", "annotations[pagerduty.com/service-id]", "op", "present")))))));
    }

    @Test
    void rubricConstructorRejectsChecksThatMissAPhase() {
        Check check = new Check("a", "core", "A", "W", "F", 1, Map.of("launch", Requirement.REQUIRED),
                new EvidenceRule.AttestationRule(30));

        assertThatThrownBy(() -> new Rubric("", 180, 90,
                List.of(new Phase("launch", "Launch", ""), new Phase("growth", "Growth", "")),
                List.of(new Pillar("core", "Core", "")), List.of(check)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requirements must name exactly the phases");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "30d, P30D", "12h, PT12H", "4w, P28D", "1d12h, PT36H", "90m, PT1H30M", "45s, PT45S",
        "P30D, P30D", "PT12H, PT12H", "P4W, P28D", "P1DT6H, PT30H", "2W, P14D"
    })
    void durationsAcceptIsoAndFriendlyForms(String text, Duration expected) {
        assertThat(DurationSpec.parse(text).duration()).isEqualTo(expected);
        assertThat(DurationSpec.parse(text).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "30 days", "P1M", "P1Y", "-5d", "0h", "PT0S", "d", "soon", "3651d", "999999999999d",
        "PT999999999999H", "99999999999999999999d"})
    void durationsRejectAnythingElse(String text) {
        assertThatThrownBy(() -> DurationSpec.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"P30D, 30 days", "P1D, 1 day", "PT12H, 12 hours", "PT36H, 36 hours", "PT90M, 90 minutes"})
    void durationsReadWellInReasons(Duration duration, String words) {
        assertThat(DurationSpec.humanize(duration)).isEqualTo(words);
    }
}
