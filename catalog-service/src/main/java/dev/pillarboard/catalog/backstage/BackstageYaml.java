package dev.pillarboard.catalog.backstage;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.PlainText;

/**
 * Safe reading and writing of Backstage descriptor YAML. Reading refuses alias bombs (few
 * aliases allowed, never expanded), keys that are not text and oversized input, and keeps
 * every document's line; all scalars are read as text, as Backstage does. Aliases can still make
 * a list or mapping contain itself: callers only ever take text out of it, never stringify it.
 */
public final class BackstageYaml {

    static final int MAX_ALIASES = 20;
    /** How deep mappings and lists may nest (a Backstage descriptor needs about 6). */
    static final int MAX_DEPTH = 50;
    /**
     * The longest line, in characters. The YAML reader scans a token by re-reading it from its start for every
     * kilobyte it grows, so its time grows with the square of the longest line: a 3 MB value on one line kept a
     * worker thread (and the collector) busy for minutes. 64 Ki is well above anything the export writes (a
     * description of 4,000 characters, each escaped as six) and keeps a whole 32 MiB import within seconds.
     */
    static final int MAX_LINE = 64 * 1024;

    /** One YAML document: its 1-based start line and its content (maps, lists, strings, nulls). */
    public record Document(int line, Object content) {
    }

    private BackstageYaml() {
    }

    /** Every document of {@code text}, in order (see {@link #read(String, int, Consumer)}). */
    public static List<Document> read(String text, int maxCodePoints) {
        List<Document> documents = new ArrayList<>();
        read(text, maxCodePoints, documents::add);
        return documents;
    }

    /**
     * Hands each document of {@code text} to {@code each} as soon as it is read, so that a caller that keeps only
     * what it takes out of a document never holds the whole file's documents at once (a 32 MiB import of 60,000
     * components made some 230 MB of maps and strings, nearly the service's whole heap). A YAML error anywhere is
     * thrown after the documents before it were handed over.
     */
    public static void read(String text, int maxCodePoints, Consumer<Document> each) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(Math.max(maxCodePoints, 1024));
        options.setNestingDepthLimit(MAX_DEPTH);
        int longLine = PlainText.lineLongerThan(text, MAX_LINE);
        if (longLine > 0) {
            String problem = "the line is longer than " + MAX_LINE + " characters; fold long text over several lines "
                    + "(a block scalar, | or >)";
            throw new ApiProblem(400, "invalid-yaml", "Invalid YAML", "Not valid YAML at line " + longLine + ": " + problem,
                    List.of(new ApiProblem.Violation("line " + longLine, problem)));
        }
        DumperOptions unused = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(unused), unused, options, new TextResolver());
        try {
            for (Node node : yaml.composeAll(new StringReader(text))) {
                each.accept(new Document(node.getStartMark().getLine() + 1, convert(node, new IdentityHashMap<>())));
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() == null ? "malformed" : e.getProblem();
            throw new ApiProblem(400, "invalid-yaml", "Invalid YAML", "Not valid YAML" + where + ": " + problem,
                    List.of(new ApiProblem.Violation(mark == null ? "body" : "line " + (mark.getLine() + 1), problem)));
        } catch (ReaderException e) {
            // A character YAML does not allow in a stream at all (NUL, most control characters).
            int line = lineOf(text, e.getPosition());
            String problem = String.format("the character U+%04X is not allowed in YAML", e.getCodePoint());
            throw new ApiProblem(400, "invalid-yaml", "Invalid YAML", "Not valid YAML at line " + line + ": " + problem,
                    List.of(new ApiProblem.Violation("line " + line, problem)));
        } catch (YAMLException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage();
            if (message.contains("aliases")) {
                message = "refused: the YAML uses more than " + MAX_ALIASES
                        + " aliases for collections (this looks like an alias bomb); expand them in the file";
            } else if (message.contains("Nesting Depth")) {
                message = "refused: the YAML is nested deeper than " + MAX_DEPTH + " levels";
            }
            throw new ApiProblem(400, "invalid-yaml", "Invalid YAML", message, null);
        }
    }

    /**
     * Tells only null apart from text. The default resolver matches every plain scalar against the patterns of
     * booleans, numbers, timestamps and merge keys; every scalar is read as text here, so that is work for nothing
     * (about a fifth of reading a 10,000-component file in a fresh JVM).
     */
    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }

    /** The 1-based line of the code point at {@code position}. */
    private static int lineOf(String text, int position) {
        int line = 1;
        int end = text.offsetByCodePoints(0, Math.min(Math.max(position, 0), text.codePointCount(0, text.length())));
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Converts a node tree; aliased nodes map to the same object, so nothing is ever expanded. */
    private static Object convert(Node node, IdentityHashMap<Node, Object> seen) {
        Object known = seen.get(node);
        if (known != null) {
            return known;
        }
        if (node instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            seen.put(node, list);
            for (Node item : sequence.getValue()) {
                list.add(convert(item, seen));
            }
            return list;
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, Object> map = new LinkedHashMap<>();
        seen.put(node, map);
        for (NodeTuple tuple : mapping.getValue()) {
            // Keys are text: a list or mapping as a key (which aliases can make recursive) is never turned into text.
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                int line = tuple.getKeyNode().getStartMark().getLine() + 1;
                String problem = "a mapping key must be text, not a list or a mapping";
                throw new ApiProblem(400, "invalid-yaml", "Invalid YAML", "Not a Backstage descriptor at line " + line + ": " + problem,
                        List.of(new ApiProblem.Violation("line " + line, problem)));
            }
            String name = Tag.NULL.equals(key.getTag()) ? "null" : key.getValue();
            if (map.containsKey(name)) {
                // YAML requires unique keys (so does Backstage's reader): which of the two did the file mean?
                int line = key.getStartMark().getLine() + 1;
                String problem = "the key '" + name + "' appears twice in one mapping";
                throw new ApiProblem(400, "invalid-yaml", "Invalid YAML", "Not valid YAML at line " + line + ": " + problem,
                        List.of(new ApiProblem.Violation("line " + line, problem)));
            }
            map.put(name, convert(tuple.getValueNode(), seen));
        }
        return map;
    }

    /** Writes documents one at a time, each starting with {@code ---}. */
    public static final class DocumentWriter {
        private final Yaml yaml;
        private final java.io.Writer out;

        private DocumentWriter(java.io.Writer out) {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setIndent(2);
            options.setIndicatorIndent(0);
            options.setWidth(120);
            options.setSplitLines(false);
            options.setExplicitStart(true);
            this.yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
            this.out = out;
        }

        public void write(Map<String, Object> document) {
            yaml.dump(document, out);
        }
    }

    public static DocumentWriter documentWriter(java.io.Writer out) {
        return new DocumentWriter(out);
    }
}
