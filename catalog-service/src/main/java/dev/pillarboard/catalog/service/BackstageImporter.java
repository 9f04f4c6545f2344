package dev.pillarboard.catalog.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.catalog.Product;
import dev.pillarboard.catalog.Team;
import dev.pillarboard.catalog.config.CatalogConfig;
import dev.pillarboard.catalog.service.ImportReport.Item;
import dev.pillarboard.catalog.service.ImportReport.Outcome;
import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.rest.ProblemMappers;

/**
 * Imports Backstage {@code catalog-info.yaml} documents: {@code Group} becomes a team,
 * {@code Component} and {@code System} become products; every other kind is skipped with a
 * reason. Every document gets an outcome. The whole import is one transaction under the catalog
 * write lock, written with batched statements; rejected documents are simply not written.
 */
@ApplicationScoped
public class BackstageImporter {

    public static final String PHASE = BackstageAnnotations.PHASE;
    public static final String TIER = BackstageAnnotations.TIER;
    public static final String CHAT = "pillarboard.dev/chat";
    public static final String SOURCE_KIND = BackstageAnnotations.SOURCE_KIND;
    public static final String SOURCE_TYPE = BackstageAnnotations.SOURCE_TYPE;
    public static final String SOURCE_NAMESPACE = BackstageAnnotations.SOURCE_NAMESPACE;
    /** The component type the export writes when a product has no type annotation. */
    public static final String DEFAULT_TYPE = "service";

    private static final Set<String> PRODUCT_KINDS = Set.of("component", "system");
    private static final Set<String> KEPT_METADATA = Set.of("name", "namespace", "title", "description", "tags", "links",
            "annotations");
    private static final Set<String> KEPT_PRODUCT_SPEC = Set.of("owner", "lifecycle", "type");
    private static final Set<String> KEPT_GROUP_SPEC = Set.of("type", "profile", "parent", "children");
    private static final Pattern NON_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern LINK_KEY = Pattern.compile(Rules.LINK_KEY);

    private final EntityManager em;
    private final RevisionClock clock;
    private final Validator validator;
    private final CatalogConfig config;
    private final ObjectMapper mapper;
    private final Event<CatalogChanged> changed;

    public BackstageImporter(EntityManager em, RevisionClock clock, Validator validator, CatalogConfig config,
            ObjectMapper mapper, Event<CatalogChanged> changed) {
        this.em = em;
        this.clock = clock;
        this.validator = validator;
        this.config = config;
        this.mapper = mapper;
        this.changed = changed;
    }

    /** A document on its way in: where it came from, and what it became. */
    private static final class Entry {
        final int index;
        final int line;
        String ref;
        String kind;
        Outcome outcome;
        String reason;
        final List<String> notes = new ArrayList<>();
        List<String> ignored = List.of();
        TeamRequest team;
        ProductRequest product;
        /** A component of the default type: its type annotation is only kept where it already is. */
        boolean defaultType;

        Entry(int index, int line) {
            this.index = index;
            this.line = line;
        }

        void reject(String why) {
            outcome = Outcome.rejected;
            reason = why;
        }

        void skip(String why) {
            outcome = Outcome.skipped;
            reason = why;
        }

        boolean pending() {
            return outcome == null;
        }

        Item item() {
            String text = reason;
            if (text == null && !notes.isEmpty()) {
                text = String.join("; ", notes);
            }
            return new Item(ref, kind, line, outcome, text, ignored);
        }
    }

    @Transactional
    public ImportReport importYaml(String yaml, boolean dryRun) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiProblem.badRequest("The body is empty: send one or more Backstage catalog-info.yaml documents");
        }
        List<BackstageYaml.Document> documents = BackstageYaml.read(yaml, (int) Math.min(Integer.MAX_VALUE,
                config.limits().importBodyBytes()));
        // Decide under the write lock, so that what we compare against is what we overwrite.
        RevisionClock.Allocator revisions = dryRun ? null : clock.lock();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            entries.add(describe(i, documents.get(i)));
        }
        rejectDuplicates(entries);

        Map<String, Team> existingTeams = loadTeams(entries);
        Map<String, Product> existingProducts = loadProducts(entries);
        List<Entry> teams = resolveTeams(entries, existingTeams);
        List<Entry> products = resolveProducts(entries, existingTeams, existingProducts, teams);

        if (revisions != null) {
            write(revisions, teams, products, existingTeams);
        }
        List<Item> items = entries.stream().map(Entry::item).toList();
        return new ImportReport(dryRun, items, ImportReport.Counts.of(items));
    }

    // ---- reading one document --------------------------------------------------------------

    private Entry describe(int index, BackstageYaml.Document document) {
        Entry entry = new Entry(index, document.line());
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

    private void describeGroup(Entry entry, String name, Map<?, ?> metadata, Map<?, ?> spec) {
        List<String> problems = new ArrayList<>();
        Map<?, ?> profile = spec.get("profile") instanceof Map<?, ?> p ? p : Map.of();
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
            String field = ProblemMappers.violations(Set.of(violation)).get(0).field();
            problems.add(groupField(field) + ": " + quoteValue(violation) + violation.getMessage());
        }
        if (!problems.isEmpty()) {
            entry.reject(String.join("; ", problems));
            return;
        }
        entry.team = request;
    }

    private void describeProduct(Entry entry, String kind, String name, String namespace, Map<?, ?> metadata,
            Map<?, ?> spec) {
        List<String> problems = new ArrayList<>();
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
            phase = config.importing().lifecycle().get(lifecycle.toLowerCase(Locale.ROOT));
            if (phase == null) {
                entry.skip("spec.lifecycle '" + lifecycle + "' has no Pillarboard phase; set the annotation " + PHASE
                        + " or map it with pillarboard.catalog.import.lifecycle." + lifecycle + "=<phase>");
                return;
            }
        }

        Integer tier = config.importing().defaultTier();
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
            String field = ProblemMappers.violations(Set.of(violation)).get(0).field();
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

    // ---- resolving documents against each other and the catalog --------------------------

    private static void rejectDuplicates(List<Entry> entries) {
        Map<String, Entry> teams = new HashMap<>();
        Map<String, Entry> products = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.team != null) {
                Entry first = teams.putIfAbsent(entry.team.slug(), entry);
                if (first != null) {
                    entry.reject("a team '" + entry.team.slug() + "' is already defined by " + first.ref + " (line "
                            + first.line + ") in this import");
                    entry.team = null;
                }
            } else if (entry.product != null) {
                Entry first = products.putIfAbsent(entry.product.slug(), entry);
                if (first != null) {
                    entry.reject("a product '" + entry.product.slug() + "' is already defined by " + first.ref + " (line "
                            + first.line + ") in this import");
                    entry.product = null;
                }
            }
        }
    }

    private Map<String, Team> loadTeams(List<Entry> entries) {
        Set<String> slugs = new HashSet<>();
        for (Entry entry : entries) {
            if (entry.team != null) {
                slugs.add(entry.team.slug());
                if (entry.team.parent() != null) {
                    slugs.add(entry.team.parent());
                }
            } else if (entry.product != null) {
                slugs.add(entry.product.owner());
            }
        }
        Map<String, Team> teams = new HashMap<>();
        if (!slugs.isEmpty()) {
            em.createQuery("SELECT t FROM Team t WHERE t.slug IN :slugs", Team.class)
                    .setParameter("slugs", slugs)
                    .getResultList()
                    .forEach(team -> teams.put(team.slug, team));
        }
        return teams;
    }

    private Map<String, Product> loadProducts(List<Entry> entries) {
        List<String> slugs = entries.stream().filter(e -> e.product != null).map(e -> e.product.slug()).toList();
        Map<String, Product> products = new HashMap<>();
        for (int from = 0; from < slugs.size(); from += 5000) {
            em.createQuery("SELECT p FROM Product p WHERE p.slug IN :slugs", Product.class)
                    .setParameter("slugs", slugs.subList(from, Math.min(slugs.size(), from + 5000)))
                    .getResultList()
                    .forEach(product -> products.put(product.slug, product));
        }
        return products;
    }

    /** Decides each team's outcome; returns the teams to write, parents before children. */
    private List<Entry> resolveTeams(List<Entry> entries, Map<String, Team> existing) {
        Map<String, Entry> incoming = new LinkedHashMap<>();
        entries.stream().filter(e -> e.team != null).forEach(e -> incoming.put(e.team.slug(), e));
        for (Entry entry : incoming.values()) {
            String parent = entry.team.parent();
            if (parent != null && !incoming.containsKey(parent) && !existing.containsKey(parent)) {
                entry.notes.add("parent group:default/" + parent + " is neither in this import nor in the catalog: imported without a parent");
                entry.team = new TeamRequest(entry.team.slug(), entry.team.name(), entry.team.contact(), null);
            }
        }
        rejectCycles(incoming);
        List<Entry> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Entry entry : incoming.values()) {
            place(entry, incoming, placed, new LinkedHashSet<>(), ordered);
        }
        List<Entry> toWrite = new ArrayList<>();
        for (Entry entry : ordered) {
            if (!entry.pending()) {
                continue;
            }
            Team team = existing.get(entry.team.slug());
            if (team == null) {
                entry.outcome = Outcome.created;
                toWrite.add(entry);
            } else if (sameTeam(team, entry.team)) {
                entry.outcome = Outcome.unchanged;
            } else {
                entry.outcome = Outcome.updated;
                toWrite.add(entry);
            }
        }
        return toWrite;
    }

    /**
     * Rejects the teams whose parent would make the hierarchy a cycle, counting the parents the
     * catalog already has as well as those of this import (as {@link TeamService} does for one
     * team), and the teams whose parent in this import is rejected. A rejected team keeps the
     * parent it has in the catalog, which can close another cycle, so this repeats until nothing
     * more is rejected.
     */
    private void rejectCycles(Map<String, Entry> incoming) {
        Set<String> seeds = new HashSet<>(incoming.keySet());
        incoming.values().forEach(e -> {
            if (e.team.parent() != null) {
                seeds.add(e.team.parent());
            }
        });
        Map<String, String> catalog = catalogParents(seeds);
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, String> parents = new HashMap<>(catalog);
            incoming.values().stream().filter(Entry::pending).forEach(e -> parents.put(e.team.slug(), e.team.parent()));
            for (Entry entry : incoming.values()) {
                if (!entry.pending()) {
                    continue;
                }
                Entry parent = entry.team.parent() == null ? null : incoming.get(entry.team.parent());
                if (parent != null && !parent.pending()) {
                    entry.reject("spec.parent: its parent " + parent.ref + " was rejected");
                    changed = true;
                    continue;
                }
                String cycle = cycleThrough(entry.team.slug(), parents, incoming);
                if (cycle != null) {
                    entry.reject("spec.parent: the team hierarchy would become a cycle: " + cycle);
                    changed = true;
                }
            }
        }
    }

    /** The cycle that following parents from {@code slug} leads back to it, described; null if none. */
    private static String cycleThrough(String slug, Map<String, String> parents, Map<String, Entry> incoming) {
        List<String> path = new ArrayList<>(List.of(slug));
        List<String> fromCatalog = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = slug;
        while (true) {
            String parent = parents.get(current);
            if (parent == null || !seen.add(current)) {
                return null;
            }
            Entry entry = incoming.get(current);
            if (entry == null || !entry.pending()) {
                fromCatalog.add(current + " -> " + parent);
            }
            path.add(parent);
            if (parent.equals(slug)) {
                return String.join(" -> ", path)
                        + (fromCatalog.isEmpty() ? "" : " (in the catalog: " + String.join(", ", fromCatalog) + ")");
            }
            current = parent;
        }
    }

    /** Parent of each of these teams and of all their ancestors, as the catalog has them. */
    private Map<String, String> catalogParents(Set<String> slugs) {
        Map<String, String> parents = new HashMap<>();
        if (slugs.isEmpty()) {
            return parents;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH RECURSIVE up (slug, parent) AS (
                    SELECT slug, parent FROM team WHERE slug IN (:slugs)
                    UNION
                    SELECT t.slug, t.parent FROM team t JOIN up ON t.slug = up.parent
                )
                SELECT slug, parent FROM up""")
                .setParameter("slugs", slugs)
                .getResultList();
        for (Object[] row : rows) {
            if (row[1] != null) {
                parents.put((String) row[0], (String) row[1]);
            }
        }
        return parents;
    }

    private static void place(Entry entry, Map<String, Entry> incoming, Set<String> placed, LinkedHashSet<String> path,
            List<Entry> ordered) {
        String slug = entry.team.slug();
        if (placed.contains(slug) || !entry.pending()) {
            return;
        }
        if (!path.add(slug)) {
            entry.reject("spec.parent: the parents of " + String.join(" -> ", path) + " -> " + slug + " form a cycle");
            return;
        }
        Entry parent = entry.team.parent() == null ? null : incoming.get(entry.team.parent());
        if (parent != null) {
            place(parent, incoming, placed, path, ordered);
            if (parent.outcome == Outcome.rejected) {
                entry.reject("spec.parent: its parent " + parent.ref + " was rejected");
            }
        }
        path.remove(slug);
        if (entry.pending()) {
            placed.add(slug);
            ordered.add(entry);
        }
    }

    private List<Entry> resolveProducts(List<Entry> entries, Map<String, Team> existingTeams,
            Map<String, Product> existingProducts, List<Entry> teams) {
        Set<String> acceptedTeams = new HashSet<>(existingTeams.keySet());
        entries.stream()
                .filter(e -> e.team != null && e.outcome != Outcome.rejected)
                .forEach(e -> acceptedTeams.add(e.team.slug()));
        List<Entry> toWrite = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.product == null || !entry.pending()) {
                continue;
            }
            if (!acceptedTeams.contains(entry.product.owner())) {
                entry.reject("spec.owner: group:default/" + entry.product.owner()
                        + " is neither in this import nor in the catalog");
                continue;
            }
            Product product = existingProducts.get(entry.product.slug());
            if (entry.defaultType && (product == null || !product.annotations.containsKey(SOURCE_TYPE))) {
                // The export writes the default type for a product without the annotation; reading
                // it back must not add one (a product created through the API has none).
                entry.product = withoutAnnotation(entry.product, SOURCE_TYPE);
            }
            if (product == null) {
                entry.outcome = Outcome.created;
                toWrite.add(entry);
            } else if (sameProduct(product, entry.product)) {
                entry.outcome = Outcome.unchanged;
            } else {
                entry.outcome = Outcome.updated;
                toWrite.add(entry);
            }
        }
        return toWrite;
    }

    private static ProductRequest withoutAnnotation(ProductRequest request, String key) {
        Map<String, String> annotations = new TreeMap<>(request.annotations());
        annotations.remove(key);
        return new ProductRequest(request.slug(), request.name(), request.description(), request.owner(), request.phase(),
                request.tier(), request.tags(), request.links(), annotations);
    }

    private static boolean sameTeam(Team team, TeamRequest request) {
        Team incoming = new Team();
        incoming.slug = request.slug();
        TeamService.apply(incoming, request);
        return Objects.equals(team.name, incoming.name) && Objects.equals(team.contactEmail, incoming.contactEmail)
                && Objects.equals(team.contactChat, incoming.contactChat) && Objects.equals(team.parent, incoming.parent);
    }

    private static boolean sameProduct(Product product, ProductRequest request) {
        Product incoming = new Product();
        ProductService.apply(incoming, request);
        return Objects.equals(product.name, incoming.name) && Objects.equals(product.description, incoming.description)
                && Objects.equals(product.owner, incoming.owner) && Objects.equals(product.phase, incoming.phase)
                && product.tier == incoming.tier && Objects.equals(product.tags, incoming.tags)
                && Objects.equals(product.links, incoming.links) && Objects.equals(product.annotations, incoming.annotations);
    }

    // ---- writing -----------------------------------------------------------------------------

    private void write(RevisionClock.Allocator revisions, List<Entry> teams, List<Entry> products,
            Map<String, Team> existingTeams) {
        int changes = teams.size() + products.size();
        if (changes == 0) {
            return;
        }
        long revision = revisions.reserve(changes);
        Timestamp now = Timestamp.from(RevisionClock.now());
        em.flush();
        Session session = em.unwrap(Session.class);
        long[] next = { revision };
        session.doWork(connection -> {
            writeTeams(connection, teams, existingTeams, next, now);
            writeProducts(connection, products, next, now);
        });
        // Entities loaded earlier in this transaction are stale now.
        session.clear();
        changed.fire(new CatalogChanged(next[0] - 1));
    }

    private static void writeTeams(Connection connection, List<Entry> teams, Map<String, Team> existing, long[] next,
            Timestamp now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO team (slug, name, contact_email, contact_chat, parent, revision, created_at, updated_at)
                VALUES (?, ?, ?, ?, NULL, ?, ?, ?)""");
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE team SET name = ?, contact_email = ?, contact_chat = ?, revision = ?, updated_at = ?
                        WHERE slug = ?""");
                PreparedStatement parents = connection.prepareStatement("UPDATE team SET parent = ? WHERE slug = ?")) {
            for (Entry entry : teams) {
                Team t = new Team();
                TeamService.apply(t, entry.team);
                long revision = next[0]++;
                if (existing.containsKey(entry.team.slug())) {
                    update.setString(1, t.name);
                    update.setString(2, t.contactEmail);
                    update.setString(3, t.contactChat);
                    update.setLong(4, revision);
                    update.setTimestamp(5, now);
                    update.setString(6, entry.team.slug());
                    update.addBatch();
                } else {
                    insert.setString(1, entry.team.slug());
                    insert.setString(2, t.name);
                    insert.setString(3, t.contactEmail);
                    insert.setString(4, t.contactChat);
                    insert.setLong(5, revision);
                    insert.setTimestamp(6, now);
                    insert.setTimestamp(7, now);
                    insert.addBatch();
                }
                parents.setString(1, t.parent);
                parents.setString(2, entry.team.slug());
                parents.addBatch();
            }
            insert.executeBatch();
            update.executeBatch();
            // Parents last: every team of the import exists by now, whatever the order.
            parents.executeBatch();
            forgetTombstones(connection, "team", teams.stream().map(e -> e.team.slug()).toList());
        }
    }

    private void writeProducts(Connection connection, List<Entry> products, long[] next, Timestamp now)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO product (slug, name, description, owner, phase, tier, tags, links, annotations, revision,
                                     created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?)
                ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                    owner = EXCLUDED.owner, phase = EXCLUDED.phase, tier = EXCLUDED.tier, tags = EXCLUDED.tags,
                    links = EXCLUDED.links, annotations = EXCLUDED.annotations, revision = EXCLUDED.revision,
                    updated_at = EXCLUDED.updated_at""")) {
            int batched = 0;
            for (Entry entry : products) {
                Product p = new Product();
                ProductService.apply(p, entry.product);
                upsert.setString(1, entry.product.slug());
                upsert.setString(2, p.name);
                upsert.setString(3, p.description);
                upsert.setString(4, p.owner);
                upsert.setString(5, p.phase);
                upsert.setShort(6, p.tier);
                upsert.setArray(7, connection.createArrayOf("text", p.tags.toArray()));
                upsert.setString(8, json(p.links));
                upsert.setString(9, json(p.annotations));
                upsert.setLong(10, next[0]++);
                upsert.setTimestamp(11, now);
                upsert.setTimestamp(12, now);
                upsert.addBatch();
                if (++batched % 1000 == 0) {
                    upsert.executeBatch();
                }
            }
            upsert.executeBatch();
            forgetTombstones(connection, "product", products.stream().map(e -> e.product.slug()).toList());
        }
    }

    private static void forgetTombstones(Connection connection, String kind, List<String> slugs) throws SQLException {
        if (slugs.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM tombstone WHERE kind = ? AND slug = ANY (?)")) {
            delete.setString(1, kind);
            delete.setArray(2, connection.createArrayOf("text", slugs.toArray()));
            delete.executeUpdate();
        }
    }

    private String json(Map<String, String> map) {
        try {
            return mapper.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- small helpers -----------------------------------------------------------------------

    /** What a non-text YAML value is, without ever turning it into text (aliases can make it contain itself). */
    private static String shape(Object value) {
        return value instanceof Map<?, ?> ? "a mapping" : "a list";
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
