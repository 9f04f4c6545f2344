package dev.pillarboard.scorecard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rubric documents ({@code RUBRIC.md}, {@code RUBRIC.ja.md}) describe edition 2 of the default rubric check by
 * check; these tests hold them to the YAML, so that a change to the rubric that the documents do not follow fails here
 * instead of drifting silently: every check has its section and its matrix row and no other check is named, the
 * matrix's weights, evidence kinds and requirements (tier 1 included) and the totals are the rubric's, each section
 * quotes its evidence rule with the rubric's exact figures, every declared signal has its row with its source and the
 * checks that read it. ENGINE.md's summary table of edition 2 is held to the same requirements.
 */
class RubricDocumentTest {

    private static final Rubric RUBRIC = RubricParser.defaultRubric(2);
    private static final RubricView VIEW = RUBRIC.view("en");
    private static final List<String> PHASES = List.of("pre-launch", "pre-pmf", "pmf");
    private static final Pattern CHECK_HEADING = Pattern.compile("^#### `([^`]+)`");
    private static final Pattern MATRIX_ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\|");
    private static final Pattern SIGNAL_ROW = Pattern.compile("^\\| `([a-z0-9_]+\\.[a-z0-9_.]+)` \\| ([^|]+) \\|");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern CHECK_LIKE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");

    /**
     * One document and the words it uses where the two languages differ: the heading of the matrix section, the labels
     * of the totals rows (required, required for tier 1, recommended, recommended for tier 1), the names of the
     * evidence kinds in the matrix, and how a rule's kind and an attestation's validity are written.
     */
    record Doc(String file, String language, String matrixHeading, List<String> totalsLabels, Map<String, String> kinds,
               String attestation, String and, String or) {

        String text() {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + " (run the test from scorecard-service)", e);
            }
        }

        List<String> lines() {
            return text().lines().toList();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Doc> documents() {
        return Stream.of(
                new Doc("RUBRIC.md", "en", "## The matrix",
                        List.of("required", "required, tier 1", "recommended", "recommended, tier 1"),
                        Map.of("signal", "signal", "attestation", "attestation", "catalog", "catalog"),
                        "attestation · valid %d days", " and ", " or "),
                new Doc("RUBRIC.ja.md", "ja", "## マトリクス",
                        List.of("必須", "必須（ティア 1）", "推奨", "推奨（ティア 1）"),
                        Map.of("signal", "シグナル", "attestation", "アテステーション", "catalog", "カタログ"),
                        "アテステーション · 有効期間 %d 日", " かつ ", " または "));
    }

    // ---------------------------------------------------------------- sections and matrix rows

    @ParameterizedTest
    @MethodSource("documents")
    void everyCheckHasOneSectionInRubricOrderAndNoOtherCheckHasOne(Doc doc) {
        List<String> headed = new ArrayList<>();
        for (String line : doc.lines()) {
            Matcher heading = CHECK_HEADING.matcher(line);
            if (heading.find()) {
                headed.add(heading.group(1));
            }
        }
        assertThat(headed).as("%s: the check sections (#### `id`)", doc).containsExactlyElementsOf(checkIds());
    }

    @ParameterizedTest
    @MethodSource("documents")
    void theMatrixHasEveryCheckWithItsWeightEvidenceAndRequirementsTierOneIncluded(Doc doc) {
        Map<String, List<String>> rows = matrixRows(doc);
        assertThat(rows.keySet()).as("%s: the matrix rows", doc).containsExactlyElementsOf(checkIds());
        for (RubricView.CheckView check : VIEW.checks()) {
            List<String> cells = rows.get(check.id());
            assertThat(cells).as("%s: the matrix row of %s (check, w, evidence, three phases, tier 1)", doc, check.id())
                    .hasSize(7);
            assertThat(cells.get(1)).as("%s: weight of %s", doc, check.id()).isEqualTo(Integer.toString(check.weight()));
            assertThat(cells.get(2)).as("%s: evidence kind of %s", doc, check.id())
                    .isEqualTo(doc.kinds().get(check.evidence().keySet().iterator().next()));
            assertThat(String.join("/", cells.subList(3, 6))).as("%s: requirements of %s", doc, check.id())
                    .isEqualTo(letters(check.requirements()));
            String tierOne = cells.get(6).replace("**", "");
            RubricView.OverrideView override = tierOneOverride(check);
            if (override == null) {
                assertThat(tierOne).as("%s: %s has no tier-1 rule", doc, check.id()).isEmpty();
            } else if (!override.requirements().isEmpty()) {
                assertThat(tierOne).as("%s: tier-1 requirements of %s", doc, check.id())
                        .isEqualTo(letters(requirementsFor(check, override)));
            } else {
                for (RubricView.OverrideView each : check.overrides()) {
                    assertThat(tierOne).as("%s: the tier rules of %s name their figures", doc, check.id())
                            .contains(signalValue(each.evidence()));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void theTotalsAreTheRubrics(Doc doc) {
        List<String> expected = List.of(totals("required", false), totals("required", true),
                totals("recommended", false), totals("recommended", true));
        List<String> lines = doc.lines();
        for (int i = 0; i < expected.size(); i++) {
            String label = doc.totalsLabels().get(i);
            String row = lines.stream().filter(line -> line.startsWith("| " + label + " |")).findFirst()
                    .orElseThrow(() -> new AssertionError(doc + ": no totals row '" + label + "'"));
            assertThat(row).as("%s: totals row '%s'", doc, label).isEqualTo("| " + label + " | " + expected.get(i) + " |");
        }
    }

    // ---------------------------------------------------------------- the figures of every rule

    @ParameterizedTest
    @MethodSource("documents")
    void everySectionQuotesItsEvidenceRuleAndItsTierRulesWithTheRubricsFigures(Doc doc) {
        Map<String, String> sections = sections(doc);
        for (RubricView.CheckView check : VIEW.checks()) {
            String section = sections.get(check.id());
            assertThat(section).as("%s: section of %s", doc, check.id()).isNotNull();
            assertThat(section).as("%s: the evidence rule of %s", doc, check.id())
                    .contains("`" + rule(doc, check.evidence()) + "`");
            assertThat(section).as("%s: the requirements of %s", doc, check.id())
                    .contains(letters(check.requirements()).replace("/", " / "));
            for (RubricView.OverrideView override : check.overrides()) {
                if (override.evidence() != null) {
                    assertThat(section).as("%s: the evidence of %s for %s", doc, check.id(), override.label())
                            .contains("`" + rule(doc, override.evidence()) + "`");
                }
                if (!override.requirements().isEmpty()) {
                    assertThat(section).as("%s: the requirements of %s for %s", doc, check.id(), override.label())
                            .contains(letters(requirementsFor(check, override)).replace("/", " / "));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void theGraceAndTheNextPhasePriorityAreTheRubrics(Doc doc) {
        assertThat(doc.text()).contains("`graceDays: " + VIEW.graceDays() + "`")
                .contains("`nextPhasePriority: " + VIEW.nextPhasePriority() + "`");
    }

    // ---------------------------------------------------------------- signals and stray names

    @ParameterizedTest
    @MethodSource("documents")
    void everyDeclaredSignalHasItsRowWithItsSourceAndTheChecksThatReadIt(Doc doc) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map<String, Object> signal : VIEW.signals()) {
            sources.put((String) signal.get("key"), (String) signal.get("source"));
        }
        Map<String, String> rows = new LinkedHashMap<>();
        Map<String, Set<String>> readers = new LinkedHashMap<>();
        for (String line : doc.lines()) {
            Matcher row = SIGNAL_ROW.matcher(line);
            if (row.find()) {
                assertThat(rows.put(row.group(1), row.group(2).strip())).as("%s: one row for %s", doc, row.group(1)).isNull();
                String[] cells = line.split(" \\| ");
                readers.put(row.group(1), spans(cells[cells.length - 1]).stream()
                        .filter(span -> RUBRIC.check(span).isPresent()).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        assertThat(rows).as("%s: the signal table (key → source)", doc).containsExactlyEntriesOf(sources);
        for (String key : sources.keySet()) {
            assertThat(readers.get(key)).as("%s: the checks that read %s", doc, key).isEqualTo(readersOf(key));
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void noCodeSpanNamesACheckTheEditionLacks(Doc doc) {
        Set<String> allowed = new TreeSet<>(checkIds());
        VIEW.signals().forEach(signal -> allowed.add((String) signal.get("source")));
        // Words in code spans that look like check ids and are not: statuses, a ticket label.
        allowed.addAll(List.of("not-connected", "insufficient-data", "slo-action"));
        Set<String> stray = spans(doc.text()).stream().filter(span -> CHECK_LIKE.matcher(span).matches())
                .filter(span -> !allowed.contains(span)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(stray).as("%s: code spans that look like check ids but name no check of edition 2", doc).isEmpty();
    }

    @Test
    void engineMdSummarisesEditionTwoWithTheRubricsRequirements() throws IOException {
        String engine = Files.readString(Path.of("ENGINE.md"), StandardCharsets.UTF_8);
        for (RubricView.CheckView check : VIEW.checks()) {
            RubricView.OverrideView override = tierOneOverride(check);
            String expected = check.id() + " " + letters(check.requirements());
            if (override != null && !override.requirements().isEmpty()) {
                expected += " → tier 1 " + letters(requirementsFor(check, override));
            }
            // The letters, then the next entry (·), the end of the row (|) or a note in brackets; not a tier rule it lacks.
            assertThat(Pattern.compile(Pattern.quote(expected) + " [·|(]").matcher(engine).find())
                    .as("ENGINE.md's table of edition 2 lists '%s'", expected).isTrue();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> checkIds() {
        return VIEW.checks().stream().map(RubricView.CheckView::id).toList();
    }

    /** R/r/– per phase, e.g. {@code –/r/R}. */
    private static String letters(Map<String, String> requirements) {
        return PHASES.stream().map(phase -> switch (requirements.get(phase)) {
            case "required" -> "R";
            case "recommended" -> "r";
            default -> "–";
        }).collect(Collectors.joining("/"));
    }

    /** The first override that applies to a tier-1 product without tags, or null. */
    private static RubricView.OverrideView tierOneOverride(RubricView.CheckView check) {
        for (RubricView.OverrideView override : check.overrides()) {
            Object tier = override.when().get("tier");
            boolean tierOne = tier instanceof Number number ? number.intValue() == 1
                    : tier instanceof List<?> list && list.stream().anyMatch(t -> ((Number) t).intValue() == 1);
            if (tierOne && !override.when().containsKey("tag")) {
                return override;
            }
        }
        return null;
    }

    private static Map<String, String> requirementsFor(RubricView.CheckView check, RubricView.OverrideView override) {
        Map<String, String> merged = new LinkedHashMap<>(check.requirements());
        merged.putAll(override.requirements());
        return merged;
    }

    /** "11 / 50 | 22 / 89 | 38 / 137": checks and weight with that requirement per phase. */
    private static String totals(String requirement, boolean tierOne) {
        List<String> cells = new ArrayList<>();
        for (String phase : PHASES) {
            int count = 0;
            int weight = 0;
            for (RubricView.CheckView check : VIEW.checks()) {
                RubricView.OverrideView override = tierOne ? tierOneOverride(check) : null;
                Map<String, String> requirements = override == null ? check.requirements() : requirementsFor(check, override);
                if (requirements.get(phase).equals(requirement)) {
                    count++;
                    weight += check.weight();
                }
            }
            cells.add(count + " / " + weight);
        }
        return String.join(" | ", cells);
    }

    private static Map<String, List<String>> matrixRows(Doc doc) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inMatrix = false;
        for (String line : doc.lines()) {
            if (line.startsWith("## ")) {
                inMatrix = line.startsWith(doc.matrixHeading());
            } else if (inMatrix && MATRIX_ROW.matcher(line).find()) {
                List<String> cells = Stream.of(line.substring(1, line.lastIndexOf('|')).split("\\|", -1))
                        .map(String::strip).toList();
                String id = cells.get(0).replace("`", "");
                assertThat(rows.put(id, cells)).as("%s: one matrix row for %s", doc, id).isNull();
            }
        }
        return rows;
    }

    /** Each check's section: from its heading to the next heading. */
    private static Map<String, String> sections(Doc doc) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : doc.lines()) {
            if (line.startsWith("#")) {
                if (current != null) {
                    sections.put(current, text.toString());
                }
                Matcher heading = CHECK_HEADING.matcher(line);
                current = heading.find() ? heading.group(1) : null;
                text.setLength(0);
            }
            text.append(line).append('\n');
        }
        if (current != null) {
            sections.put(current, text.toString());
        }
        return sections;
    }

    private static List<String> spans(String text) {
        List<String> spans = new ArrayList<>();
        Matcher span = CODE_SPAN.matcher(text);
        while (span.find()) {
            spans.add(span.group(1));
        }
        return spans;
    }

    /** The checks whose rule (or tier rule) reads a key, as its value or as its sample size. */
    private static Set<String> readersOf(String key) {
        Set<String> readers = new TreeSet<>();
        for (RubricView.CheckView check : VIEW.checks()) {
            List<Map<String, Object>> rules = new ArrayList<>();
            rules.add(check.evidence());
            check.overrides().stream().map(RubricView.OverrideView::evidence).filter(e -> e != null).forEach(rules::add);
            for (Map<String, Object> rule : rules) {
                if (rule.get("signal") instanceof Map<?, ?> signal
                        && (key.equals(signal.get("key")) || key.equals(signal.get("countKey")))) {
                    readers.add(check.id());
                }
            }
        }
        return readers;
    }

    private static String signalValue(Map<String, Object> evidence) {
        return String.valueOf(((Map<?, ?>) evidence.get("signal")).get("value"));
    }

    /**
     * A rule as the documents quote it: {@code signal alerts.actionable_ratio ≥ 0.7 · maxAge 7d · minCount 5
     * (alerts.pages_30d)}, {@code signal backup.last_success_at within 2d}, {@code attestation · valid 365 days},
     * {@code catalog links.dashboard matches ^https?://} (the kind and the validity in the document's language).
     */
    static String rule(Doc doc, Map<String, Object> evidence) {
        if (evidence.get("signal") instanceof Map<?, ?> signal) {
            StringBuilder text = new StringBuilder(doc.kinds().get("signal")).append(' ').append(signal.get("key"))
                    .append(' ').append(op((String) signal.get("op")));
            if (signal.containsKey("value")) {
                text.append(' ').append(signal.get("value"));
            }
            if (signal.containsKey("maxAge")) {
                text.append(" · maxAge ").append(signal.get("maxAge"));
            }
            if (signal.containsKey("minCount")) {
                text.append(" · minCount ").append(signal.get("minCount")).append(" (").append(signal.get("countKey")).append(')');
            }
            return text.toString();
        }
        if (evidence.get("attestation") instanceof Map<?, ?> attestation) {
            return String.format(doc.attestation(), ((Number) attestation.get("validForDays")).intValue());
        }
        return doc.kinds().get("catalog") + " " + predicate(doc, (Map<?, ?>) evidence.get("catalog"));
    }

    private static String predicate(Doc doc, Map<?, ?> predicate) {
        if (predicate.get("all") instanceof List<?> all) {
            return all.stream().map(p -> predicate(doc, (Map<?, ?>) p)).collect(Collectors.joining(doc.and()));
        }
        if (predicate.get("any") instanceof List<?> any) {
            return any.stream().map(p -> predicate(doc, (Map<?, ?>) p)).collect(Collectors.joining(doc.or()));
        }
        String text = predicate.get("field") + " " + op((String) predicate.get("op"));
        return predicate.containsKey("value") ? text + " " + predicate.get("value") : text;
    }

    private static String op(String op) {
        return switch (op) {
            case "gte" -> "≥";
            case "lte" -> "≤";
            case "equals" -> "=";
            default -> op;
        };
    }

    @Test
    void theRuleNotationIsTheOneTheDocumentsExplain() {
        Doc english = documents().findFirst().orElseThrow();
        RubricView.CheckView actionable = VIEW.checks().stream().filter(c -> c.id().equals("alerts-actionable")).findFirst()
                .orElseThrow();
        assertThat(rule(english, actionable.evidence()))
                .isEqualTo("signal alerts.actionable_ratio ≥ 0.7 · maxAge 7d · minCount 5 (alerts.pages_30d)");
        assertThat(new LinkedHashSet<>(checkIds())).hasSize(44);
    }
}
