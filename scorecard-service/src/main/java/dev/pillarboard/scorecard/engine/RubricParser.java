package dev.pillarboard.scorecard.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import dev.pillarboard.common.PlainText;

/**
 * Reads a rubric from YAML and validates it, reporting every problem with its line.
 *
 * <p>The format is described in {@code scorecard-service/ENGINE.md}. In short:
 * <pre>
 * title: Pillarboard default rubric          # optional
 * attestationValidityDays: 180               # optional, default 180
 * reviewIntervalDays: 90                     # optional, default 90
 * phases:   [{id: pre-launch, title: Pre-launch, description: ...}, ...]   # in order
 * pillars:  [{id: observability, title: Observability, shortTitle: Obs, description: ...}, ...]   # shortTitle optional
 * checks:
 *   - id: runbooks
 *     pillar: incident-response
 *     title: Paging alerts have runbooks
 *     why: ...
 *     fix: ...
 *     weight: 3
 *     requirements: {pre-launch: recommended, pre-pmf: required, pmf: required}   # every phase
 *     evidence:
 *       catalog: {field: links.runbook, op: matches, value: '^https?://'}
 * </pre>
 *
 * <p>Hardened against hostile input: at most {@value #MAX_ALIASES} aliases to collections (no
 * "billion laughs"), no recursive keys, no global tags, at most {@value #MAX_CODE_POINTS} code points.
 * Stateless; all methods are static and thread-safe.
 */
public final class RubricParser {

    /** Classpath location of the first edition of the default rubric (an installation that holds it keeps it). */
    public static final String DEFAULT_RESOURCE = "/rubric/default-rubric.yaml";
    /**
     * Classpath location of the second edition of the default rubric: criticality (tier) beside phase, grace, evidence
     * from signals rather than links, English and Japanese.
     */
    public static final String DEFAULT_RESOURCE_2 = "/rubric/default-rubric-2.yaml";
    /** The editions of the default rubric that ship with the service, oldest first. */
    public static final List<Integer> DEFAULT_EDITIONS = List.of(1, 2);
    /** Largest accepted document, in code points (3 MiB). */
    public static final int MAX_CODE_POINTS = 3 * 1024 * 1024;
    /** Most aliases to collections a document may use (anchors are fine for sharing small blocks). */
    public static final int MAX_ALIASES = 20;
    /** How deep mappings and lists may nest (the default rubric needs 6). */
    public static final int MAX_DEPTH = 40;
    /** The longest line, in characters (see {@code PlainText.lineLongerThan}). */
    public static final int MAX_LINE = 16 * 1024;
    /** Largest accepted check weight. */
    public static final int MAX_WEIGHT = 100;

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final int MAX_ID_LENGTH = 63;
    /** Bounds that keep every result storable (a scorecard's fingerprint names each pillar) and readable. */
    public static final int MAX_PHASES = 10;
    public static final int MAX_PILLARS = 12;
    public static final int MAX_CHECKS = 300;
    private static final Pattern SIGNAL_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/-]*");

    private static final List<String> TOP_KEYS = List.of("title", "attestationValidityDays", "reviewIntervalDays",
            "graceDays", "nextPhasePriority", "phases", "pillars", "signals", "checks");
    private static final List<String> ENTRY_KEYS = List.of("id", "title", "description");
    private static final List<String> PILLAR_KEYS = List.of("id", "title", "description", "shortTitle");
    /** A pillar's short title is a tile's label: at most this many characters in each language. */
    public static final int MAX_SHORT_TITLE = 8;
    private static final List<String> CHECK_KEYS =
            List.of("id", "pillar", "title", "why", "fix", "weight", "requirements", "evidence", "overrides");
    private static final List<String> REQUIRED_CHECK_KEYS =
            List.of("id", "pillar", "title", "why", "fix", "weight", "requirements", "evidence");
    private static final List<String> OVERRIDE_KEYS = List.of("when", "requirements", "evidence", "why");
    private static final List<String> WHEN_KEYS = List.of("tier", "tag");
    private static final List<String> SIGNAL_SPEC_KEYS = List.of("key", "source", "means", "connect", "example");
    private static final List<String> EVIDENCE_KEYS = List.of("catalog", "signal", "attestation");
    private static final List<String> FIELD_TEST_KEYS = List.of("field", "op", "value");
    private static final List<String> SIGNAL_KEYS = List.of("key", "op", "value", "maxAge", "minCount", "countKey");
    /** Most overrides one check may have. */
    public static final int MAX_OVERRIDES = 10;
    /** Longest grace period, in days. */
    public static final int MAX_GRACE_DAYS = 365;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(?:-[a-z0-9]{2,8})*");
    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final List<String> ATTESTATION_KEYS = List.of("validForDays");

    private RubricParser() {
    }

    /**
     * Parses and validates a rubric.
     *
     * @param yaml the YAML text
     * @return the rubric
     * @throws RubricException listing every problem found
     */
    public static Rubric parse(String yaml) {
        return parse(yaml, "rubric.yaml");
    }

    /**
     * Parses and validates a rubric.
     *
     * @param yaml       the YAML text
     * @param sourceName a name for messages, e.g. the file name
     * @return the rubric
     * @throws RubricException listing every problem found
     */
    public static Rubric parse(String yaml, String sourceName) {
        return new Walk(sourceName).run(yaml);
    }

    /**
     * Loads a rubric from the classpath.
     *
     * @param resource absolute resource path, e.g. {@value #DEFAULT_RESOURCE}
     * @throws RubricException       if it does not validate
     * @throws IllegalStateException if the resource does not exist
     */
    public static Rubric fromClasspath(String resource) {
        return parse(readClasspath(resource), resource);
    }

    /** The first edition of the default rubric ({@value #DEFAULT_RESOURCE}). */
    public static Rubric defaultRubric() {
        return fromClasspath(DEFAULT_RESOURCE);
    }

    /** The YAML text of the first edition of the default rubric. */
    public static String defaultRubricYaml() {
        return readClasspath(DEFAULT_RESOURCE);
    }

    /**
     * An edition of the default rubric.
     *
     * @throws IllegalArgumentException if the service ships no such edition (see {@link #DEFAULT_EDITIONS})
     */
    public static Rubric defaultRubric(int edition) {
        return fromClasspath(defaultResource(edition));
    }

    /** The YAML text of an edition of the default rubric, e.g. to store or publish it. */
    public static String defaultRubricYaml(int edition) {
        return readClasspath(defaultResource(edition));
    }

    private static String defaultResource(int edition) {
        return switch (edition) {
            case 1 -> DEFAULT_RESOURCE;
            case 2 -> DEFAULT_RESOURCE_2;
            default -> throw new IllegalArgumentException("no default rubric edition " + edition + "; the service ships "
                    + DEFAULT_EDITIONS);
        };
    }

    private static String readClasspath(String resource) {
        try (InputStream in = RubricParser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("rubric resource not found on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rubric resource " + resource, e);
        }
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setMergeOnCompose(true);
        return options;
    }

    /** One parse: collects problems while walking the node tree. */
    private static final class Walk {
        private final String source;
        private final List<RubricProblem> problems = new ArrayList<>();
        private String checkId;
        /** Every signal key a check reads, with where, to check against the declared signals. */
        private final List<KeyUse> keyUses = new ArrayList<>();

        private record KeyUse(String key, Node node, String path, String checkId) {
        }

        Walk(String source) {
            this.source = source == null ? "rubric.yaml" : source;
        }

        Rubric run(String yaml) {
            if (yaml == null || yaml.isBlank()) {
                throw fail(1, "", "the rubric is empty");
            }
            if (yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
                throw fail(1, "", "the rubric is larger than " + MAX_CODE_POINTS + " code points");
            }
            int longLine = PlainText.lineLongerThan(yaml, MAX_LINE);
            if (longLine > 0) {
                throw fail(longLine, "", "the line is longer than " + MAX_LINE + " characters; fold long text over several "
                        + "lines (a block scalar, | or >)");
            }
            Node root;
            try {
                root = new Yaml(loaderOptions()).compose(new StringReader(yaml));
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
                if (e.getContext() != null) {
                    what = e.getContext() + ": " + what;
                    Mark context = e.getContextMark();
                    if (context != null && mark != null && context.getLine() != mark.getLine()) {
                        what = what + " (it started on line " + (context.getLine() + 1) + ")";
                    }
                }
                throw new RubricException(source, List.of(new RubricProblem(mark == null ? 1 : mark.getLine() + 1,
                        mark == null ? 0 : mark.getColumn() + 1, null, "", "not valid YAML: " + oneLine(what))));
            } catch (YAMLException e) {
                String what = oneLine(e.getMessage());
                if (what.contains("aliases")) {
                    throw fail(lineOfAliasOverflow(yaml), "", "too many aliases (more than " + MAX_ALIASES
                            + " references to anchored collections); the rubric is refused");
                }
                if (what.contains("Nesting Depth")) {
                    throw fail(1, "", "nested deeper than " + MAX_DEPTH + " levels");
                }
                throw fail(1, "", "not valid YAML: " + what);
            }
            if (root == null) {
                throw fail(1, "", "the rubric is empty");
            }
            Rubric rubric = walkRoot(root);
            if (!problems.isEmpty() || rubric == null) {
                problems.sort(Comparator.comparingInt(RubricProblem::line).thenComparingInt(RubricProblem::column));
                throw new RubricException(source, problems);
            }
            return rubric;
        }

        private RubricException fail(int line, String path, String message) {
            return new RubricException(source, List.of(new RubricProblem(line, 0, null, path, message)));
        }

        private static String oneLine(String text) {
            return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").trim();
        }

        /** The line of the first alias beyond the limit, found by streaming the events. */
        private static int lineOfAliasOverflow(String yaml) {
            LoaderOptions unlimited = loaderOptions();
            Set<String> collectionAnchors = new HashSet<>();
            int count = 0;
            try {
                for (Event event : new Yaml(unlimited).parse(new StringReader(yaml))) {
                    if (event instanceof CollectionStartEvent start && start.getAnchor() != null) {
                        collectionAnchors.add(start.getAnchor());
                    } else if (event instanceof AliasEvent alias && collectionAnchors.contains(alias.getAnchor())) {
                        count++;
                        if (count > MAX_ALIASES) {
                            return alias.getStartMark().getLine() + 1;
                        }
                    }
                }
            } catch (YAMLException ignored) {
                // fall through to the document start
            }
            return 1;
        }

        // ---- problems --------------------------------------------------------------------------

        private void problem(Node node, String path, String message) {
            Mark mark = node.getStartMark();
            problems.add(new RubricProblem(mark.getLine() + 1, mark.getColumn() + 1, checkId, path, message));
        }

        // ---- structure helpers -----------------------------------------------------------------

        /**
         * The entries of a mapping by key, in order; reports non-scalar keys, duplicates and keys
         * not in {@code allowed}. Null if the node is not a mapping (reported).
         */
        private Map<String, NodeTuple> mapping(Node node, String path, List<String> allowed, String what) {
            if (!(node instanceof MappingNode mapping)) {
                problem(node, path, "must be a mapping (" + what + "), got " + describe(node));
                return null;
            }
            Map<String, NodeTuple> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalarKey)) {
                    problem(keyNode, path, "keys must be plain words, got " + describe(keyNode));
                    continue;
                }
                String key = scalarKey.getValue();
                String keyPath = join(path, key);
                if (entries.containsKey(key)) {
                    problem(keyNode, keyPath, "duplicate key '" + key + "'");
                    continue;
                }
                if (allowed != null && !allowed.contains(key)) {
                    problem(keyNode, keyPath, unknownKey(key, allowed));
                    continue;
                }
                entries.put(key, tuple);
            }
            return entries;
        }

        private static String unknownKey(String key, List<String> allowed) {
            String suggestion = closest(key, allowed);
            return "unknown key '" + key + "'" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                    + " (allowed: " + String.join(", ", allowed) + ")";
        }

        private static String closest(String word, List<String> candidates) {
            String best = null;
            int bestDistance = 3;
            String lowerWord = word.toLowerCase(Locale.ROOT);
            for (String candidate : candidates) {
                String lowerCandidate = candidate.toLowerCase(Locale.ROOT);
                int distance = distance(lowerWord, lowerCandidate);
                if (commonPrefix(lowerWord, lowerCandidate) >= 6) {
                    distance = Math.min(distance, 2); // a long shared start: reviewIntervall, attestationValidity
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = candidate;
                }
            }
            return best;
        }

        private static int commonPrefix(String a, String b) {
            int length = 0;
            while (length < a.length() && length < b.length() && a.charAt(length) == b.charAt(length)) {
                length++;
            }
            return length;
        }

        private static int distance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }

        private void requireKeys(Node node, Map<String, NodeTuple> entries, String path, List<String> required) {
            for (String key : required) {
                if (!entries.containsKey(key)) {
                    problem(node, join(path, key), "is missing (required)");
                }
            }
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static String describe(Node node) {
            if (node instanceof MappingNode) {
                return "a mapping";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            ScalarNode scalar = (ScalarNode) node;
            Tag tag = scalar.getTag();
            if (Tag.NULL.equals(tag)) {
                return "nothing";
            }
            String kind = Tag.INT.equals(tag) ? "a whole number"
                    : Tag.FLOAT.equals(tag) ? "a number"
                    : Tag.BOOL.equals(tag) ? "a boolean"
                    : "a string";
            return "'" + scalar.getValue() + "' (" + kind + ")";
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
        }

        /** A non-blank string from a scalar; null (reported) otherwise. */
        private String text(Node node, String path) {
            if (!(node instanceof ScalarNode scalar) || isNull(node)) {
                problem(node, path, "must be text, got " + describe(node));
                return null;
            }
            if (scalar.getValue().isBlank()) {
                problem(node, path, "must not be blank");
                return null;
            }
            return scalar.getValue();
        }

        /**
         * A text in one or more languages: a string (English), or a mapping of language tags to strings with
         * {@code en} among them. Null (reported) otherwise.
         */
        private Text localized(Node node, String path) {
            if (!(node instanceof MappingNode)) {
                String english = text(node, path);
                return english == null ? null : Text.of(english);
            }
            Map<String, NodeTuple> entries = mapping(node, path, null, "a text per language, e.g. {en: ..., ja: ...}");
            if (entries == null) {
                return null;
            }
            Map<String, String> versions = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
                String language = entry.getKey();
                String entryPath = path + "." + language;
                if (!LANGUAGE.matcher(language).matches() || !ISO_LANGUAGES.contains(language.split("-")[0])) {
                    String suggestion = language.equalsIgnoreCase("jp") ? "ja" : null;
                    problem(entry.getValue().getKeyNode(), entryPath, "'" + language + "' is not a language tag (ISO 639"
                            + " code in lower case, e.g. en, ja, pt-br)" + (suggestion == null ? "" : "; did you mean '"
                            + suggestion + "'?"));
                    ok = false;
                    continue;
                }
                String value = text(entry.getValue().getValueNode(), entryPath);
                if (value == null) {
                    ok = false;
                } else {
                    versions.put(language, value);
                }
            }
            if (!entries.containsKey(Text.ENGLISH)) {
                problem(node, path, "has no English version ('en'); English is required, other languages are optional");
                return null;
            }
            return ok ? new Text(versions) : null;
        }

        /** A pillar's short title, each language at most {@link #MAX_SHORT_TITLE} characters; null when absent. */
        private Text shortTitle(Map<String, NodeTuple> fields, String path) {
            NodeTuple tuple = fields.get("shortTitle");
            if (tuple == null || isNull(tuple.getValueNode())) {
                return null;
            }
            String shortPath = join(path, "shortTitle");
            Text value = localized(tuple.getValueNode(), shortPath);
            if (value == null) {
                return null;
            }
            boolean ok = true;
            for (String language : value.languages()) {
                String text = value.in(language);
                if (text.codePointCount(0, text.length()) > MAX_SHORT_TITLE) {
                    problem(tuple.getValueNode(), tuple.getValueNode() instanceof ScalarNode ? shortPath
                            : shortPath + "." + language, "'" + text + "' is longer than " + MAX_SHORT_TITLE
                            + " characters; a short title labels a small tile (e.g. Obs, 観測)");
                    ok = false;
                }
            }
            return ok ? value : null;
        }

        private Text optionalLocalized(Map<String, NodeTuple> entries, String key, String path) {
            NodeTuple tuple = entries.get(key);
            if (tuple == null || isNull(tuple.getValueNode())) {
                return Text.of("");
            }
            Text value = localized(tuple.getValueNode(), join(path, key));
            return value == null ? Text.of("") : value;
        }

        private String id(Node node, String path) {
            String value = text(node, path);
            if (value == null) {
                return null;
            }
            if (!ID.matcher(value).matches() || value.length() > MAX_ID_LENGTH) {
                problem(node, path, "'" + value + "' is not a valid id: use lower-case letters, digits and single"
                        + " hyphens, at most " + MAX_ID_LENGTH + " characters (e.g. incident-response)");
                return null;
            }
            return value;
        }

        /** An int in [min, max] from an integer scalar; null (reported) otherwise. */
        private Integer integer(Node node, String path, int min, int max) {
            if (!(node instanceof ScalarNode scalar) || !Tag.INT.equals(scalar.getTag())) {
                problem(node, path, "must be a whole number from " + min + " to " + max + ", got " + describe(node));
                return null;
            }
            Long value = parseLong(scalar.getValue());
            if (value == null || value < min || value > max) {
                problem(node, path, "must be a whole number from " + min + " to " + max + ", got " + scalar.getValue());
                return null;
            }
            return value.intValue();
        }

        private static Long parseLong(String raw) {
            String cleaned = raw.replace("_", "");
            try {
                if (cleaned.startsWith("0x") || cleaned.startsWith("-0x") || cleaned.startsWith("+0x")) {
                    return Long.decode(cleaned);
                }
                if (cleaned.startsWith("0b")) {
                    return Long.parseLong(cleaned.substring(2), 2);
                }
                return new BigInteger(cleaned).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }

        /** A scalar value as a SignalValue, following the YAML type; null (reported) for non-scalars and nulls. */
        private SignalValue scalarValue(Node node, String path) {
            if (!(node instanceof ScalarNode scalar) || isNull(node)) {
                problem(node, path, "must be a single value (number, boolean or text), got " + describe(node));
                return null;
            }
            String raw = scalar.getValue();
            Tag tag = scalar.getTag();
            if (Tag.INT.equals(tag)) {
                Long value = parseLong(raw);
                if (value != null) {
                    return SignalValue.of(value);
                }
                problem(node, path, "'" + raw + "' is too large a number");
                return null;
            }
            if (Tag.FLOAT.equals(tag)) {
                try {
                    double value = Double.parseDouble(raw.replace("_", ""));
                    if (Double.isFinite(value)) {
                        return SignalValue.of(value);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                problem(node, path, "'" + raw + "' is not a finite number");
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                String lower = raw.toLowerCase(Locale.ROOT);
                return SignalValue.of(lower.equals("true") || lower.equals("yes") || lower.equals("on")
                        || lower.equals("y"));
            }
            return SignalValue.of(raw);
        }

        // ---- the document ----------------------------------------------------------------------

        private Rubric walkRoot(Node root) {
            Map<String, NodeTuple> top = mapping(root, "", TOP_KEYS, "the rubric");
            if (top == null) {
                return null;
            }
            Text title = optionalLocalized(top, "title", "");
            int attestationDays = setting(top, "attestationValidityDays", Rubric.DEFAULT_ATTESTATION_VALIDITY_DAYS);
            int reviewDays = setting(top, "reviewIntervalDays", Rubric.DEFAULT_REVIEW_INTERVAL_DAYS);
            int graceDays = 0;
            if (top.containsKey("graceDays")) {
                Integer value = integer(top.get("graceDays").getValueNode(), "graceDays", 0, MAX_GRACE_DAYS);
                graceDays = value == null ? 0 : value;
            }
            Priority nextPhasePriority = Priority.P2;
            if (top.containsKey("nextPhasePriority")) {
                Node node = top.get("nextPhasePriority").getValueNode();
                String label = text(node, "nextPhasePriority");
                if (label != null && !label.equals("P2") && !label.equals("P3")) {
                    problem(node, "nextPhasePriority", "'" + label + "' is not one of P2, P3");
                } else if (label != null) {
                    nextPhasePriority = Priority.valueOf(label);
                }
            }
            List<SignalSpec> signals = top.containsKey("signals") ? signals(top.get("signals").getValueNode()) : null;

            // Checks are validated against the phases and pillars only when every entry yielded an id,
            // so that one bad phase id does not cascade into an error on every check.
            Entries<Phase> phases = entries(root, top, "phases", "phase", MAX_PHASES, ENTRY_KEYS,
                    entry -> new Phase(entry.id(), entry.title(), entry.description()));
            Entries<Pillar> pillars = entries(root, top, "pillars", "pillar", MAX_PILLARS, PILLAR_KEYS,
                    entry -> new Pillar(entry.id(), entry.title(), entry.description(), entry.shortTitle()));
            List<Check> checks = checks(root, top, phases.complete() ? phases.items() : null,
                    pillars.complete() ? pillars.items() : null, attestationDays);
            if (signals != null) {
                checkDeclared(signals);
            }
            if (!problems.isEmpty()) {
                return null;
            }
            try {
                return new Rubric(title, attestationDays, reviewDays, graceDays, nextPhasePriority, phases.items(),
                        pillars.items(), checks, signals == null ? List.of() : signals);
            } catch (IllegalArgumentException e) {
                problem(root, "", e.getMessage());
                return null;
            }
        }

        private int setting(Map<String, NodeTuple> top, String key, int defaultValue) {
            NodeTuple tuple = top.get(key);
            if (tuple == null) {
                return defaultValue;
            }
            Integer value = integer(tuple.getValueNode(), key, 1, 36_500);
            return value == null ? defaultValue : value;
        }

        /** A phase or a pillar; {@code shortTitle} (pillars only) is null when not given. */
        private record Entry(String id, Text title, Text description, Text shortTitle) {
        }

        /** Parsed phases or pillars; complete when every entry yielded an id (duplicates are dropped). */
        private record Entries<T>(List<T> items, boolean complete) {
        }

        /** Phases or pillars: a list of {id, title, description} (pillars: and shortTitle) or plain ids. */
        private <T> Entries<T> entries(Node root, Map<String, NodeTuple> top, String key, String what, int max,
                                       List<String> keys, Function<Entry, T> factory) {
            NodeTuple tuple = top.get(key);
            if (tuple == null) {
                problem(root, key, "is missing; a rubric needs at least one " + what);
                return new Entries<>(List.of(), false);
            }
            Node listNode = tuple.getValueNode();
            if (!(listNode instanceof SequenceNode sequence)) {
                problem(listNode, key, "must be a list of " + what + "s, got " + describe(listNode));
                return new Entries<>(List.of(), false);
            }
            if (sequence.getValue().isEmpty()) {
                problem(listNode, key, "is empty; a rubric needs at least one " + what);
                return new Entries<>(List.of(), false);
            }
            if (sequence.getValue().size() > max) {
                problem(listNode, key, "has " + sequence.getValue().size() + " " + what + "s; a rubric may have at most " + max);
                return new Entries<>(List.of(), false);
            }
            List<T> result = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            boolean complete = true;
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String path = key + "[" + i + "]";
                Entry entry;
                if (item instanceof ScalarNode) {
                    String id = id(item, path);
                    complete &= id != null;
                    entry = id == null ? null : new Entry(id, Text.of(id), Text.of(""), null);
                } else {
                    Map<String, NodeTuple> fields = mapping(item, path, keys, "a " + what + " with id and title");
                    if (fields == null) {
                        complete = false;
                        continue;
                    }
                    requireKeys(item, fields, path, List.of("id", "title"));
                    String id = fields.containsKey("id") ? id(fields.get("id").getValueNode(), path + ".id") : null;
                    Text title = fields.containsKey("title") ? localized(fields.get("title").getValueNode(), path + ".title") : null;
                    Text description = optionalLocalized(fields, "description", path);
                    Text shortTitle = shortTitle(fields, path);
                    if (id == null) {
                        complete = false;
                    }
                    entry = id == null || title == null ? null : new Entry(id, title, description, shortTitle);
                }
                if (entry == null) {
                    continue;
                }
                if (!seen.add(entry.id())) {
                    problem(item, path + ".id", "duplicate " + what + " id '" + entry.id() + "'");
                    continue;
                }
                result.add(factory.apply(entry));
            }
            return new Entries<>(result, complete);
        }

        // ---- checks ----------------------------------------------------------------------------

        private List<Check> checks(Node root, Map<String, NodeTuple> top, List<Phase> phases, List<Pillar> pillars,
                                   int attestationDays) {
            NodeTuple tuple = top.get("checks");
            if (tuple == null) {
                problem(root, "checks", "is missing; a rubric needs at least one check");
                return List.of();
            }
            Node listNode = tuple.getValueNode();
            if (!(listNode instanceof SequenceNode sequence)) {
                problem(listNode, "checks", "must be a list of checks, got " + describe(listNode));
                return List.of();
            }
            if (sequence.getValue().isEmpty()) {
                problem(listNode, "checks", "is empty; a rubric needs at least one check");
                return List.of();
            }
            if (sequence.getValue().size() > MAX_CHECKS) {
                problem(listNode, "checks", "has " + sequence.getValue().size() + " checks; a rubric may have at most " + MAX_CHECKS);
                return List.of();
            }
            List<Check> checks = new ArrayList<>();
            Map<String, Integer> seenIds = new LinkedHashMap<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String path = "checks[" + i + "]";
                checkId = null;
                Check check = check(item, path, phases, pillars, attestationDays, seenIds, i);
                if (check != null) {
                    checks.add(check);
                }
            }
            checkId = null;
            return checks;
        }

        private Check check(Node item, String path, List<Phase> phases, List<Pillar> pillars, int attestationDays,
                            Map<String, Integer> seenIds, int index) {
            // read the id first so that every problem of the check can name it
            if (item instanceof MappingNode mappingNode) {
                for (NodeTuple tuple : mappingNode.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("id")
                            && tuple.getValueNode() instanceof ScalarNode value && !isNull(value)) {
                        checkId = value.getValue();
                        break;
                    }
                }
            }
            Map<String, NodeTuple> fields = mapping(item, path, CHECK_KEYS, "a check");
            if (fields == null) {
                return null;
            }
            int before = problems.size();
            requireKeys(item, fields, path, REQUIRED_CHECK_KEYS);

            String id = fields.containsKey("id") ? id(fields.get("id").getValueNode(), path + ".id") : null;
            if (id != null) {
                Integer first = seenIds.putIfAbsent(id, index);
                if (first != null) {
                    problem(fields.get("id").getValueNode(), path + ".id",
                            "duplicate check id '" + id + "' (first used by checks[" + first + "])");
                }
            }
            String pillar = null;
            if (fields.containsKey("pillar")) {
                Node pillarNode = fields.get("pillar").getValueNode();
                String pillarId = text(pillarNode, path + ".pillar");
                if (pillarId != null && pillars != null && pillars.stream().noneMatch(p -> p.id().equals(pillarId))) {
                    problem(pillarNode, path + ".pillar", "unknown pillar '" + pillarId + "'; pillars are "
                            + String.join(", ", pillars.stream().map(Pillar::id).toList()));
                }
                pillar = pillarId;
            }
            Text title = fields.containsKey("title") ? localized(fields.get("title").getValueNode(), path + ".title") : null;
            Text why = fields.containsKey("why") ? localized(fields.get("why").getValueNode(), path + ".why") : null;
            Text fix = fields.containsKey("fix") ? localized(fields.get("fix").getValueNode(), path + ".fix") : null;
            Integer weight = fields.containsKey("weight")
                    ? integer(fields.get("weight").getValueNode(), path + ".weight", 1, MAX_WEIGHT) : null;
            Map<String, Requirement> requirements = fields.containsKey("requirements")
                    ? requirements(fields.get("requirements").getValueNode(), path + ".requirements", phases, false) : null;
            EvidenceRule evidence = fields.containsKey("evidence")
                    ? evidence(fields.get("evidence").getValueNode(), path + ".evidence", attestationDays) : null;
            List<CheckOverride> overrides = fields.containsKey("overrides")
                    ? overrides(fields.get("overrides").getValueNode(), path + ".overrides", phases, attestationDays, evidence)
                    : List.of();

            if (problems.size() != before || id == null || pillar == null || title == null || why == null
                    || fix == null || weight == null || requirements == null || evidence == null || overrides == null) {
                return null;
            }
            return new Check(id, pillar, title, why, fix, weight, requirements, evidence, overrides);
        }

        /** A check's overrides: a list of {when, requirements, evidence, why}; null (reported) if any is wrong. */
        private List<CheckOverride> overrides(Node node, String path, List<Phase> phases, int attestationDays,
                                              EvidenceRule base) {
            if (!(node instanceof SequenceNode sequence)) {
                problem(node, path, "must be a list of overrides ({when, requirements, evidence, why}), got " + describe(node));
                return null;
            }
            if (sequence.getValue().size() > MAX_OVERRIDES) {
                problem(node, path, "has " + sequence.getValue().size() + " overrides; a check may have at most " + MAX_OVERRIDES);
                return null;
            }
            List<CheckOverride> overrides = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String itemPath = path + "[" + i + "]";
                Map<String, NodeTuple> fields = mapping(item, itemPath, OVERRIDE_KEYS, "an override {when, requirements, evidence, why}");
                if (fields == null) {
                    ok = false;
                    continue;
                }
                int before = problems.size();
                requireKeys(item, fields, itemPath, List.of("when", "why"));
                if (!fields.containsKey("requirements") && !fields.containsKey("evidence")) {
                    problem(item, itemPath, "changes nothing; give requirements, evidence or both");
                }
                CheckOverride.When when = fields.containsKey("when") ? when(fields.get("when").getValueNode(), itemPath + ".when") : null;
                Map<String, Requirement> requirements = fields.containsKey("requirements")
                        ? requirements(fields.get("requirements").getValueNode(), itemPath + ".requirements", phases, true)
                        : Map.of();
                EvidenceRule evidence = null;
                if (fields.containsKey("evidence")) {
                    Node evidenceNode = fields.get("evidence").getValueNode();
                    evidence = evidence(evidenceNode, itemPath + ".evidence", attestationDays);
                    if (evidence != null && base != null && !evidence.kind().equals(base.kind())) {
                        problem(evidenceNode, itemPath + ".evidence", "is " + evidence.kind() + " evidence; an override's"
                                + " evidence must be of the check's kind (" + base.kind() + ")");
                    }
                }
                Text why = fields.containsKey("why") ? localized(fields.get("why").getValueNode(), itemPath + ".why") : null;
                if (problems.size() != before || when == null || requirements == null || why == null) {
                    ok = false;
                    continue;
                }
                overrides.add(new CheckOverride(when, requirements, evidence, why));
            }
            return ok ? overrides : null;
        }

        /** {tier: 1 | [1, 2], tag: pci | [pci, hipaa]}: at least one of the two. */
        private CheckOverride.When when(Node node, String path) {
            Map<String, NodeTuple> fields = mapping(node, path, WHEN_KEYS, "{tier, tag}");
            if (fields == null) {
                return null;
            }
            if (fields.isEmpty()) {
                if (((MappingNode) node).getValue().isEmpty()) {
                    problem(node, path, "is empty; name a tier, a tag or both");
                }
                return null;
            }
            int before = problems.size();
            Set<Integer> tiers = new java.util.LinkedHashSet<>();
            if (fields.containsKey("tier")) {
                Node tierNode = fields.get("tier").getValueNode();
                List<Node> items = tierNode instanceof SequenceNode list ? list.getValue() : List.of(tierNode);
                if (items.isEmpty()) {
                    problem(tierNode, path + ".tier", "is empty; give a tier (1 to 3) or a list of tiers");
                }
                for (int i = 0; i < items.size(); i++) {
                    Integer tier = integer(items.get(i), path + ".tier" + (tierNode instanceof SequenceNode ? "[" + i + "]" : ""), 1, 3);
                    if (tier != null) {
                        tiers.add(tier);
                    }
                }
            }
            Set<String> tags = new java.util.LinkedHashSet<>();
            if (fields.containsKey("tag")) {
                Node tagNode = fields.get("tag").getValueNode();
                List<Node> items = tagNode instanceof SequenceNode list ? list.getValue() : List.of(tagNode);
                if (items.isEmpty()) {
                    problem(tagNode, path + ".tag", "is empty; give a tag or a list of tags");
                }
                for (int i = 0; i < items.size(); i++) {
                    String tag = text(items.get(i), path + ".tag" + (tagNode instanceof SequenceNode ? "[" + i + "]" : ""));
                    if (tag != null) {
                        tags.add(tag);
                    }
                }
            }
            return problems.size() != before ? null : new CheckOverride.When(tiers, tags);
        }

        // ---- declared signals ------------------------------------------------------------------

        /** The signals section: a list of {key, source, means, connect, example}; null (reported) if it is wrong. */
        private List<SignalSpec> signals(Node node) {
            if (!(node instanceof SequenceNode sequence)) {
                problem(node, "signals", "must be a list of {key, source, means, connect, example}, got " + describe(node));
                return null;
            }
            List<SignalSpec> specs = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String path = "signals[" + i + "]";
                Map<String, NodeTuple> fields = mapping(item, path, SIGNAL_SPEC_KEYS, "a signal {key, source, means, connect, example}");
                if (fields == null) {
                    continue;
                }
                int before = problems.size();
                requireKeys(item, fields, path, SIGNAL_SPEC_KEYS);
                String key = fields.containsKey("key") ? signalKey(fields.get("key").getValueNode(), path + ".key") : null;
                if (key != null) {
                    Integer first = seen.putIfAbsent(key, i);
                    if (first != null) {
                        problem(fields.get("key").getValueNode(), path + ".key", "duplicate signal key '" + key
                                + "' (first declared by signals[" + first + "])");
                    }
                }
                String sourceName = fields.containsKey("source") ? text(fields.get("source").getValueNode(), path + ".source") : null;
                Text means = fields.containsKey("means") ? localized(fields.get("means").getValueNode(), path + ".means") : null;
                Text connect = fields.containsKey("connect") ? localized(fields.get("connect").getValueNode(), path + ".connect") : null;
                SignalValue example = fields.containsKey("example") ? scalarValue(fields.get("example").getValueNode(), path + ".example") : null;
                if (problems.size() == before && key != null && sourceName != null && means != null && connect != null
                        && example != null) {
                    specs.add(new SignalSpec(key, sourceName, means, connect, example));
                }
            }
            return specs;
        }

        /** With a signals section, every key a check reads must be declared there (catches a misspelt key). */
        private void checkDeclared(List<SignalSpec> signals) {
            List<String> declared = signals.stream().map(SignalSpec::key).toList();
            for (KeyUse use : keyUses) {
                if (!declared.contains(use.key())) {
                    String suggestion = closest(use.key(), declared);
                    String saved = checkId;
                    checkId = use.checkId();
                    problem(use.node(), use.path(), "signal key '" + use.key() + "' is not declared under signals"
                            + (suggestion == null ? "; declare it with who pushes it and how to connect it"
                                    : "; did you mean '" + suggestion + "'?"));
                    checkId = saved;
                }
            }
        }

        private String signalKey(Node keyNode, String path) {
            String key = text(keyNode, path);
            if (key != null && !SIGNAL_KEY.matcher(key).matches()) {
                problem(keyNode, path, "'" + key + "' is not a valid signal key: use letters, digits and"
                        + " . _ - : / (e.g. slo.count)");
                return null;
            }
            return key;
        }

        private Map<String, Requirement> requirements(Node node, String path, List<Phase> phases, boolean partial) {
            Map<String, NodeTuple> entries = mapping(node, path, null, "phase: required | recommended | n/a");
            if (entries == null) {
                return null;
            }
            Map<String, Requirement> requirements = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
                String phase = entry.getKey();
                String entryPath = path + "." + phase;
                if (phases != null && phases.stream().noneMatch(p -> p.id().equals(phase))) {
                    problem(entry.getValue().getKeyNode(), entryPath, "unknown phase '" + phase + "'; phases are "
                            + String.join(", ", phases.stream().map(Phase::id).toList()));
                    ok = false;
                    continue;
                }
                Node valueNode = entry.getValue().getValueNode();
                String label = valueNode instanceof ScalarNode scalar && !isNull(valueNode) ? scalar.getValue() : null;
                Optional<Requirement> requirement = Requirement.fromLabel(label);
                if (requirement.isEmpty()) {
                    problem(valueNode, entryPath, (label == null ? describe(valueNode) : "'" + label + "'")
                            + " is not one of required, recommended, n/a");
                    ok = false;
                    continue;
                }
                requirements.put(phase, requirement.get());
            }
            if (phases == null) {
                return ok ? requirements : null;
            }
            if (partial && entries.isEmpty()) {
                problem(node, path, "is empty; name the phases whose requirement the override changes");
                return null;
            }
            Map<String, Requirement> ordered = new LinkedHashMap<>();
            for (Phase phase : phases) {
                Requirement requirement = requirements.get(phase.id());
                if (requirement == null) {
                    if (partial) {
                        continue;
                    }
                    if (!entries.containsKey(phase.id())) {
                        problem(node, path, "no requirement for phase '" + phase.id()
                                + "'; every phase needs required, recommended or n/a");
                    }
                    ok = false;
                    continue;
                }
                ordered.put(phase.id(), requirement);
            }
            return ok ? ordered : null;
        }

        // ---- evidence --------------------------------------------------------------------------

        private EvidenceRule evidence(Node node, String path, int attestationDays) {
            int before = problems.size();
            Map<String, NodeTuple> entries = mapping(node, path, EVIDENCE_KEYS,
                    "exactly one of catalog, signal, attestation");
            if (entries == null) {
                return null;
            }
            if (entries.size() != 1) {
                if (entries.isEmpty() && problems.size() != before) {
                    return null; // an unknown kind was reported already
                }
                problem(node, path, "needs exactly one of catalog, signal, attestation; got "
                        + (entries.isEmpty() ? "none" : String.join(", ", entries.keySet())));
                return null;
            }
            Map.Entry<String, NodeTuple> only = entries.entrySet().iterator().next();
            Node value = only.getValue().getValueNode();
            String kindPath = path + "." + only.getKey();
            switch (only.getKey()) {
                case "catalog": {
                    CatalogPredicate predicate = predicate(value, kindPath);
                    return predicate == null ? null : new EvidenceRule.CatalogRule(predicate);
                }
                case "signal":
                    return signal(value, kindPath);
                default:
                    return attestation(value, kindPath, attestationDays);
            }
        }

        private CatalogPredicate predicate(Node node, String path) {
            Map<String, NodeTuple> entries = mapping(node, path, null, "{field, op, value} or all/any");
            if (entries == null) {
                return null;
            }
            boolean combinator = entries.containsKey("all") || entries.containsKey("any");
            if (combinator) {
                if (entries.size() != 1) {
                    problem(node, path, "'all' or 'any' must be the only key of its mapping; got "
                            + String.join(", ", entries.keySet()));
                    return null;
                }
                String kind = entries.containsKey("all") ? "all" : "any";
                Node listNode = entries.get(kind).getValueNode();
                String listPath = path + "." + kind;
                if (!(listNode instanceof SequenceNode sequence)) {
                    problem(listNode, listPath, "must be a list of predicates, got " + describe(listNode));
                    return null;
                }
                if (sequence.getValue().isEmpty()) {
                    problem(listNode, listPath, "is empty; give at least one predicate");
                    return null;
                }
                List<CatalogPredicate> children = new ArrayList<>();
                boolean ok = true;
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    CatalogPredicate child = predicate(sequence.getValue().get(i), listPath + "[" + i + "]");
                    if (child == null) {
                        ok = false;
                    } else {
                        children.add(child);
                    }
                }
                if (!ok) {
                    return null;
                }
                return kind.equals("all") ? new CatalogPredicate.All(children) : new CatalogPredicate.Any(children);
            }
            for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
                if (!FIELD_TEST_KEYS.contains(entry.getKey())) {
                    problem(entry.getValue().getKeyNode(), path + "." + entry.getKey(),
                            unknownKey(entry.getKey(), List.of("field", "op", "value", "all", "any")));
                    return null;
                }
            }
            int before = problems.size();
            requireKeys(node, entries, path, List.of("field", "op"));
            CatalogField field = null;
            if (entries.containsKey("field")) {
                Node fieldNode = entries.get("field").getValueNode();
                String fieldText = text(fieldNode, path + ".field");
                if (fieldText != null) {
                    field = CatalogField.parse(fieldText).orElse(null);
                    if (field == null) {
                        problem(fieldNode, path + ".field", "unknown catalog field '" + fieldText + "'; known fields: "
                                + CatalogField.KNOWN_FIELDS);
                    }
                }
            }
            Op op = entries.containsKey("op") ? op(entries.get("op").getValueNode(), path + ".op") : null;
            if (field == null || op == null) {
                return null;
            }
            Node opNode = entries.get("op").getValueNode();
            String allowed = allowedOps(field);
            if (!allowed.contains("|" + op.label() + "|")) {
                problem(opNode, path + ".op", "'" + op.label() + "' does not apply to " + field.path() + " ("
                        + describeType(field) + "); use " + allowed.substring(1, allowed.length() - 1).replace("|", ", ")
                        + (op == Op.WITHIN ? " ('within' applies to signals only)" : ""));
                return null;
            }
            Condition condition = condition(op, entries.get("value"), node, path,
                    field.valueType() == CatalogField.ValueType.NUMBER);
            return condition == null || problems.size() != before ? null : new CatalogPredicate.FieldTest(field, condition);
        }

        private static String allowedOps(CatalogField field) {
            return switch (field.valueType()) {
                case NUMBER -> "|present|equals|in|gte|lte|";
                case LIST -> "|present|contains|matches|";
                case TEXT -> field.kind() == CatalogField.Kind.ANNOTATION
                        ? "|present|equals|in|matches|gte|lte|"
                        : "|present|equals|in|matches|";
            };
        }

        private static String describeType(CatalogField field) {
            return switch (field.valueType()) {
                case NUMBER -> "a whole number";
                case LIST -> "a list of strings";
                case TEXT -> "text";
            };
        }

        private Op op(Node node, String path) {
            String label = text(node, path);
            if (label == null) {
                return null;
            }
            Optional<Op> op = Op.fromLabel(label);
            if (op.isEmpty()) {
                List<String> labels = new ArrayList<>();
                for (Op known : Op.values()) {
                    labels.add(known.label());
                }
                String suggestion = closest(label, labels);
                problem(node, path, "unknown op '" + label + "'" + (suggestion == null ? "" : "; did you mean '"
                        + suggestion + "'?") + " (ops: " + String.join(", ", labels) + ")");
                return null;
            }
            return op.get();
        }

        /** The operand for an op, type-checked; null (reported) if wrong. */
        private Condition condition(Op op, NodeTuple valueTuple, Node owner, String path, boolean wholeNumbers) {
            String valuePath = path + ".value";
            if (op == Op.PRESENT) {
                if (valueTuple != null) {
                    problem(valueTuple.getKeyNode(), valuePath, "'present' takes no value; remove it");
                    return null;
                }
                return new Condition.Present();
            }
            if (valueTuple == null) {
                problem(owner, valuePath, "is missing; '" + op.label() + "' needs " + operandKind(op, wholeNumbers));
                return null;
            }
            Node node = valueTuple.getValueNode();
            switch (op) {
                case EQUALS: {
                    SignalValue value = operandScalar(node, valuePath, op, wholeNumbers);
                    return value == null ? null : new Condition.Equal(value);
                }
                case IN: {
                    if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
                        problem(node, valuePath, "'in' needs " + operandKind(op, wholeNumbers) + ", got " + describe(node));
                        return null;
                    }
                    List<SignalValue> values = new ArrayList<>();
                    for (int i = 0; i < sequence.getValue().size(); i++) {
                        SignalValue value = operandScalar(sequence.getValue().get(i), valuePath + "[" + i + "]", op,
                                wholeNumbers);
                        if (value == null) {
                            return null;
                        }
                        values.add(value);
                    }
                    return new Condition.In(values);
                }
                case MATCHES: {
                    String regex = operandText(node, valuePath, op);
                    if (regex == null) {
                        return null;
                    }
                    try {
                        return new Condition.Matches(Pattern.compile(regex));
                    } catch (PatternSyntaxException e) {
                        problem(node, valuePath, "invalid regex '" + regex + "': " + e.getDescription()
                                + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
                        return null;
                    }
                }
                case GTE:
                case LTE: {
                    if (!(node instanceof ScalarNode scalar)
                            || !(Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
                        problem(node, valuePath, "'" + op.label() + "' needs " + operandKind(op, wholeNumbers)
                                + ", got " + describe(node));
                        return null;
                    }
                    SignalValue bound = scalarValue(node, valuePath);
                    if (bound == null) {
                        return null;
                    }
                    return op == Op.GTE ? new Condition.AtLeast(bound) : new Condition.AtMost(bound);
                }
                case CONTAINS: {
                    String value = operandText(node, valuePath, op);
                    return value == null ? null : new Condition.Contains(value);
                }
                case WITHIN: {
                    String text = operandText(node, valuePath, op);
                    DurationSpec duration = text == null ? null : duration(node, valuePath, text);
                    return duration == null ? null : new Condition.Within(duration);
                }
                default:
                    throw new IllegalStateException("unhandled op " + op);
            }
        }

        private static String operandKind(Op op, boolean wholeNumbers) {
            return switch (op) {
                case EQUALS -> wholeNumbers ? "a whole number" : "a single value (number, boolean or text)";
                case IN -> wholeNumbers ? "a non-empty list of whole numbers" : "a non-empty list of values";
                case MATCHES -> "a regular expression (text)";
                case GTE, LTE -> wholeNumbers ? "a whole number" : "a number";
                case CONTAINS -> "a tag (text)";
                case WITHIN -> "a duration such as 30d, 12h, 4w or P30D";
                case PRESENT -> "no value";
            };
        }

        private SignalValue operandScalar(Node node, String path, Op op, boolean wholeNumbers) {
            if (wholeNumbers && !(node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag()))) {
                problem(node, path, "'" + op.label() + "' on a whole-number field needs a whole number, got "
                        + describe(node));
                return null;
            }
            return scalarValue(node, path);
        }

        private String operandText(Node node, String path, Op op) {
            if (!(node instanceof ScalarNode) || isNull(node)) {
                problem(node, path, "'" + op.label() + "' needs " + operandKind(op, false) + ", got " + describe(node));
                return null;
            }
            return ((ScalarNode) node).getValue();
        }

        private DurationSpec duration(Node node, String path, String text) {
            try {
                return DurationSpec.parse(text);
            } catch (IllegalArgumentException e) {
                problem(node, path, e.getMessage());
                return null;
            }
        }

        private EvidenceRule signal(Node node, String path) {
            Map<String, NodeTuple> entries = mapping(node, path, SIGNAL_KEYS, "{key, op, value, maxAge, minCount, countKey}");
            if (entries == null) {
                return null;
            }
            int before = problems.size();
            requireKeys(node, entries, path, List.of("key", "op"));
            String key = null;
            if (entries.containsKey("key")) {
                Node keyNode = entries.get("key").getValueNode();
                key = signalKey(keyNode, path + ".key");
                if (key != null) {
                    keyUses.add(new KeyUse(key, keyNode, path + ".key", checkId));
                }
            }
            String countKey = null;
            Long minCount = null;
            if (entries.containsKey("minCount") != entries.containsKey("countKey")) {
                String missing = entries.containsKey("minCount") ? "countKey" : "minCount";
                problem(node, path + "." + missing, "is missing; minCount (the smallest sample to judge) and countKey"
                        + " (the signal with the sample's size) go together");
            } else if (entries.containsKey("minCount")) {
                Integer min = integer(entries.get("minCount").getValueNode(), path + ".minCount", 1, 1_000_000);
                minCount = min == null ? null : min.longValue();
                Node countNode = entries.get("countKey").getValueNode();
                countKey = signalKey(countNode, path + ".countKey");
                if (countKey != null) {
                    keyUses.add(new KeyUse(countKey, countNode, path + ".countKey", checkId));
                    if (countKey.equals(key)) {
                        problem(countNode, path + ".countKey", "is the rule's own key; name the signal that counts the sample");
                    }
                }
            }
            Op op = entries.containsKey("op") ? op(entries.get("op").getValueNode(), path + ".op") : null;
            if (op == Op.CONTAINS) {
                problem(entries.get("op").getValueNode(), path + ".op",
                        "'contains' applies to catalog tags only; use equals, in or matches");
                op = null;
            }
            DurationSpec maxAge = null;
            if (entries.containsKey("maxAge")) {
                Node maxAgeNode = entries.get("maxAge").getValueNode();
                String text = text(maxAgeNode, path + ".maxAge");
                maxAge = text == null ? null : duration(maxAgeNode, path + ".maxAge", text);
            }
            Condition condition = op == null ? null : condition(op, entries.get("value"), node, path, false);
            if (problems.size() != before || key == null || condition == null) {
                return null;
            }
            return new EvidenceRule.SignalRule(key, condition, maxAge, countKey, minCount);
        }

        private EvidenceRule attestation(Node node, String path, int attestationDays) {
            if (isNull(node)) {
                return new EvidenceRule.AttestationRule(attestationDays);
            }
            Map<String, NodeTuple> entries = mapping(node, path, ATTESTATION_KEYS, "{validForDays} or empty");
            if (entries == null) {
                return null;
            }
            if (!entries.containsKey("validForDays")) {
                return new EvidenceRule.AttestationRule(attestationDays);
            }
            Integer days = integer(entries.get("validForDays").getValueNode(), path + ".validForDays", 1, 36_500);
            return days == null ? null : new EvidenceRule.AttestationRule(days);
        }
    }
}
