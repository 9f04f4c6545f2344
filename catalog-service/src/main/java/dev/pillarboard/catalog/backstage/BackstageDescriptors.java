package dev.pillarboard.catalog.backstage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.pillarboard.catalog.service.BackstageAnnotations;
import dev.pillarboard.catalog.service.ProductRequest;
import dev.pillarboard.catalog.service.Rules;
import dev.pillarboard.catalog.service.TeamRequest;
import dev.pillarboard.common.request.Violations;

/**
 * Reads Backstage descriptors, one document at a time, into the requests of the JSON API:
 * {@code Group} into a {@link TeamRequest}, {@code Component} and {@code System} into a
 * {@link ProductRequest}; every other kind is skipped with a reason. Pure: no database, no CDI
 * (unit-tested by {@code BackstageDescriptorsTest}).
 */
final class BackstageDescriptors {

    static final String PHASE = BackstageAnnotations.PHASE;
    static final String TIER = BackstageAnnotations.TIER;
    static final String CHAT = BackstageAnnotations.CHAT;
    static final String SOURCE_KIND = BackstageAnnotations.SOURCE_KIND;
    static final String SOURCE_TYPE = BackstageAnnotations.SOURCE_TYPE;
    static final String SOURCE_NAMESPACE = BackstageAnnotations.SOURCE_NAMESPACE;
    static final String DEFAULT_TYPE = BackstageAnnotations.DEFAULT_TYPE;

    private static final Set<String> PRODUCT_KINDS = Set.of("component", "system");
    private static final Set<String> KEPT_METADATA = Set.of("name", "namespace", "title", "description", "tags", "links",
            "annotations");
    private static final Set<String> KEPT_PRODUCT_SPEC = Set.of("owner", "lifecycle", "type");
    private static final Set<String> KEPT_GROUP_SPEC = Set.of("type", "profile", "parent", "children");
    private static final Pattern NON_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern LINK_KEY = Pattern.compile(Rules.LINK_KEY);

    private final Validator validator;
    private final Map<String, String> lifecycles;
    private final int defaultTier;

    /**
     * @param lifecycles  Backstage {@code spec.lifecycle} (lower case) to phase
     * @param defaultTier the tier of a product without the tier annotation
     */
    BackstageDescriptors(Validator validator, Map<String, String> lifecycles, int defaultTier) {
        this.validator = validator;
        this.lifecycles = lifecycles;
        this.defaultTier = defaultTier;
    }

    /**
     * Reads one document: the team or product request it describes, validated as the JSON API
     * validates it (problems named by the descriptor's fields), or why it is skipped or rejected.
     */
    ImportEntry read(int index, BackstageYaml.Document document) {
        ImportEntry entry = new ImportEntry(index, document.line());
        entry.ref = "document " + (index + 1) + " (line " + document.line() + ")";
        if (document.content() == null) {
            entry.skip("empty document");
            return entry;
        }
        if (!(document.content() instanceof Map<?, ?> root)) {
            entry.reject("not a Backstage entity: the document is not a YAML mapping");
            return entry;
        }
        String kind = text(root.get("kind"));
        Map<?, ?> metadata = root.get("metadata") instanceof Map<?, ?> m ? m : null;
        Map<?, ?> spec = root.get("spec") instanceof Map<?, ?> s ? s : Map.of();
        String name = metadata == null ? null : text(metadata.get("name"));
        if (kind == null || kind.isBlank()) {
            entry.reject("kind: missing; not a Backstage entity");
            return entry;
        }
        entry.kind = kind;
        if (name == null || name.isBlank()) {
            entry.reject("metadata.name: missing");
            return entry;
        }
        String namespace = text(metadata.get("namespace"));
        namespace = namespace == null || namespace.isBlank() ? EntityRef.DEFAULT_NAMESPACE : namespace;
        entry.ref = kind.toLowerCase(Locale.ROOT) + ":" + namespace + "/" + name;
        String apiVersion = text(root.get("apiVersion"));
        if (apiVersion == null || !apiVersion.startsWith("backstage.io/")) {
            entry.reject("apiVersion: '" + apiVersion + "' is not a Backstage entity version (backstage.io/v1alpha1)");
            return entry;
        }
        String lowerKind = kind.toLowerCase(Locale.ROOT);
        if (lowerKind.equals("group")) {
            entry.ignored = ignored(root, metadata, spec, KEPT_GROUP_SPEC);
            describeGroup(entry, name, metadata, spec);
        } else if (PRODUCT_KINDS.contains(lowerKind)) {
            entry.ignored = ignored(root, metadata, spec, KEPT_PRODUCT_SPEC);
            describeProduct(entry, kind, name, namespace, metadata, spec);
        } else {
            entry.skip("kind " + kind + " is not imported: Pillarboard imports Group (as a team), Component and System (as products)");
        }
        return entry;
    }

    private void describeGroup(ImportEntry entry, String name, Map<?, ?> metadata, Map<?, ?> spec) {
        List<String> problems = new ArrayList<>();
        Map<?, ?> profile = spec.get("profile") instanceof Map<?, ?> p ? p : Map.of();
        Map<?, ?> given = metadata.get("annotations") instanceof Map<?, ?> a ? a : Map.of();
        notText(problems, "metadata.title", metadata.get("title"));
        notText(problems, "spec.parent", spec.get("parent"));
        notText(problems, "spec.profile.displayName", profile.get("displayName"));
        notText(problems, "spec.profile.email", profile.get("email"));
        notText(problems, "metadata.annotations." + CHAT, given.get(CHAT));
        if (!problems.isEmpty()) {
            entry.reject(String.join("; ", problems));
            return;
        }
        String displayName = firstText(profile.get("displayName"), metadata.get("title"), name);
        String parent = null;
        String parentText = text(spec.get("parent"));
        if (parentText != null && !parentText.isBlank()) {
            EntityRef ref = EntityRef.parse(parentText, "group");
            if (!ref.kind().equals("group")) {
                problems.add("spec.parent: '" + parentText + "' is not a group");
            } else {
                parent = ref.name();
            }
        }
        Map<?, ?> annotations = metadata.get("annotations") instanceof Map<?, ?> a ? a : Map.of();
        TeamRequest request = new TeamRequest(name.toLowerCase(Locale.ROOT), displayName,
                new TeamRequest.Contact(text(profile.get("email")), text(annotations.get(CHAT))), parent);
        for (ConstraintViolation<TeamRequest> violation : validator.validate(request)) {
            String field = Violations.field(violation);
            problems.add(groupField(field) + ": " + quoteValue(violation) + violation.getMessage());
        }
        if (!problems.isEmpty()) {
            entry.reject(String.join("; ", problems));
            return;
        }
        entry.team = request;
    }

    private void describeProduct(ImportEntry entry, String kind, String name, String namespace, Map<?, ?> metadata,
            Map<?, ?> spec) {
        List<String> problems = new ArrayList<>();
        // A kept field that is a list or a mapping is an error in the file, never replaced by its default (a
        // description that was a list used to be imported as "", a title as the name, a lifecycle as "no phase").
        notText(problems, "metadata.title", metadata.get("title"));
        notText(problems, "metadata.description", metadata.get("description"));
        notText(problems, "spec.type", spec.get("type"));
        notText(problems, "spec.lifecycle", spec.get("lifecycle"));
        notText(problems, "spec.owner", spec.get("owner"));
        if (!problems.isEmpty()) {
            entry.reject(String.join("; ", problems));
            return;
        }
        Map<String, String> annotations = new TreeMap<>();
        if (metadata.get("annotations") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> {
                if (value == null || value instanceof String) {
                    annotations.put((String) key, value == null ? "" : (String) value);
                } else {
                    problems.add("metadata.annotations." + key + ": must be text, not " + shape(value));
                }
            });
        } else if (metadata.get("annotations") != null) {
            problems.add("metadata.annotations: must be a mapping");
        }

        String owner = null;
        String ownerText = text(spec.get("owner"));
        if (ownerText == null || ownerText.isBlank()) {
            problems.add("spec.owner: missing; every product needs an owning team");
        } else {
            EntityRef ref = EntityRef.parse(ownerText, "group");
            if (!ref.kind().equals("group")) {
                problems.add("spec.owner: '" + ownerText + "' is a " + ref.kind()
                        + "; Pillarboard products are owned by teams (Backstage groups)");
            } else {
                owner = ref.name();
            }
        }

        String phase = annotations.remove(PHASE);
        if (phase == null) {
            String lifecycle = text(spec.get("lifecycle"));
            if (lifecycle == null || lifecycle.isBlank()) {
                entry.skip("no phase: set the annotation " + PHASE + " or spec.lifecycle");
                return;
            }
            phase = lifecycles.get(lifecycle.toLowerCase(Locale.ROOT));
            if (phase == null) {
                entry.skip("spec.lifecycle '" + lifecycle + "' has no Pillarboard phase; set the annotation " + PHASE
                        + " or map it with pillarboard.catalog.import.lifecycle." + lifecycle + "=<phase>");
                return;
            }
        }

        Integer tier = defaultTier;
        String tierText = annotations.remove(TIER);
        if (tierText != null) {
            try {
                tier = Integer.valueOf(tierText.trim());
            } catch (NumberFormatException e) {
                problems.add("metadata.annotations." + TIER + ": '" + tierText + "' is not 1, 2 or 3");
            }
        }

        List<String> tags = new ArrayList<>();
        Object tagList = metadata.get("tags");
        if (tagList instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null || list.get(i) instanceof String) {
                    tags.add((String) list.get(i));
                } else {
                    problems.add("metadata.tags[" + i + "]: must be text, not " + shape(list.get(i)));
                }
            }
        } else if (tagList != null) {
            problems.add("metadata.tags: must be a list");
        }

        Map<String, String> links = new LinkedHashMap<>();
        Map<String, Integer> linkIndex = new HashMap<>();
        Object linkList = metadata.get("links");
        if (linkList instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> link) || text(link.get("url")) == null) {
                    problems.add("metadata.links[" + i + "]: needs a url");
                    continue;
                }
                String key = uniqueKey(links, linkKey(link, links.size()));
                links.put(key, text(link.get("url")));
                linkIndex.put(key, i);
            }
        } else if (linkList != null) {
            problems.add("metadata.links: must be a list");
        }

        // The source kind, type and namespace come from the entity itself, never from annotations
        // of those names in the file, so that what the export writes back is what was read.
        annotations.remove(SOURCE_KIND);
        annotations.remove(SOURCE_TYPE);
        annotations.remove(SOURCE_NAMESPACE);
        boolean system = kind.equalsIgnoreCase("system");
        if (system) {
            annotations.put(SOURCE_KIND, "System");
        }
        String type = text(spec.get("type"));
        if (type != null && !type.isBlank()) {
            annotations.put(SOURCE_TYPE, type);
            entry.defaultType = !system && type.equals(DEFAULT_TYPE);
        }
        if (!namespace.equals(EntityRef.DEFAULT_NAMESPACE)) {
            annotations.put(SOURCE_NAMESPACE, namespace);
        }

        ProductRequest request = new ProductRequest(name.toLowerCase(Locale.ROOT),
                firstText(metadata.get("title"), name), firstText(metadata.get("description"), ""),
                owner == null ? "unknown" : owner, phase, tier, tags, links, annotations);
        for (ConstraintViolation<ProductRequest> violation : validator.validate(request)) {
            String field = Violations.field(violation);
            if (field.equals("owner") && owner == null) {
                continue;
            }
            problems.add(productField(field, metadata, linkIndex) + ": " + quoteValue(violation) + violation.getMessage());
        }
        if (!problems.isEmpty()) {
            entry.reject(String.join("; ", problems));
            return;
        }
        entry.product = request;
    }

    private static String quoteValue(ConstraintViolation<?> violation) {
        Object value = violation.getInvalidValue();
        if (value instanceof String s && s.length() <= 80 && s.chars().noneMatch(Character::isISOControl)) {
            return "'" + s + "' ";
        }
        return "";
    }

    private static String groupField(String field) {
        return switch (field) {
            case "slug" -> "metadata.name";
            case "name" -> "spec.profile.displayName";
            case "contact.email" -> "spec.profile.email";
            case "contact.chat" -> "metadata.annotations." + CHAT;
            case "parent" -> "spec.parent";
            default -> field;
        };
    }

    private static String productField(String field, Map<?, ?> metadata, Map<String, Integer> linkIndex) {
        if (field.equals("slug")) {
            return "metadata.name";
        }
        if (field.equals("name")) {
            return metadata.get("title") != null ? "metadata.title" : "metadata.name";
        }
        if (field.equals("description")) {
            return "metadata.description";
        }
        if (field.equals("owner")) {
            return "spec.owner";
        }
        if (field.equals("phase")) {
            return "metadata.annotations." + PHASE;
        }
        if (field.equals("tier")) {
            return "metadata.annotations." + TIER;
        }
        if (field.startsWith("tags")) {
            return "metadata." + field;
        }
        if (field.startsWith("links.")) {
            Integer index = linkIndex.get(field.substring("links.".length()).replace(" (key)", ""));
            return index == null ? "metadata.links" : "metadata.links[" + index + "].url";
        }
        if (field.startsWith("annotations")) {
            return "metadata." + field;
        }
        return field;
    }

    /**
     * The link's name: its type, else its title, else its icon. A text that already is a valid
     * link name is kept as written (so that every name the API accepts survives an export and
     * re-import); anything else becomes a slug ("GitHub Repo" becomes {@code github-repo}).
     */
    private static String linkKey(Map<?, ?> link, int position) {
        for (Object candidate : new Object[] { link.get("type"), link.get("title"), link.get("icon") }) {
            String text = text(candidate);
            if (text != null && LINK_KEY.matcher(text).matches()) {
                return text;
            }
            if (text != null) {
                String key = NON_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("(^-+|-+$)", "");
                if (!key.isEmpty()) {
                    return key.length() > 63 ? key.substring(0, 63).replaceAll("-+$", "") : key;
                }
            }
        }
        return "link-" + (position + 1);
    }

    private static String uniqueKey(Map<String, String> links, String key) {
        String candidate = key;
        for (int n = 2; links.containsKey(candidate); n++) {
            candidate = key + "-" + n;
        }
        return candidate;
    }

    private static List<String> ignored(Map<?, ?> root, Map<?, ?> metadata, Map<?, ?> spec, Set<String> keptSpec) {
        List<String> ignored = new ArrayList<>();
        metadata.keySet().forEach(key -> {
            if (!KEPT_METADATA.contains(String.valueOf(key)) && !"uid".equals(key) && !"etag".equals(key)) {
                ignored.add("metadata." + key);
            }
        });
        spec.keySet().forEach(key -> {
            if (!keptSpec.contains(String.valueOf(key))) {
                ignored.add("spec." + key);
            }
        });
        root.keySet().forEach(key -> {
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(String.valueOf(key))) {
                ignored.add(String.valueOf(key));
            }
        });
        return ignored;
    }

    // ---- small helpers -----------------------------------------------------------------------

    /** What a non-text YAML value is, without ever turning it into text (aliases can make it contain itself). */
    private static String shape(Object value) {
        return value instanceof Map<?, ?> ? "a mapping" : "a list";
    }

    /** Adds "path: must be text, not a list" when {@code value} is a list or a mapping (absent or null is fine). */
    private static void notText(List<String> problems, String path, Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problems.add(path + ": must be text, not " + shape(value));
        }
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private static String firstText(Object... values) {
        for (Object value : values) {
            if (value instanceof String s && !s.isBlank()) {
                return s.strip();
            }
        }
        return null;
    }
}
