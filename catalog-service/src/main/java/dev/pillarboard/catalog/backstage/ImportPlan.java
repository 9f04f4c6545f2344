package dev.pillarboard.catalog.backstage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.pillarboard.catalog.Product;
import dev.pillarboard.catalog.Team;
import dev.pillarboard.catalog.backstage.ImportReport.Outcome;
import dev.pillarboard.catalog.service.ProductRequest;
import dev.pillarboard.catalog.service.TeamRequest;

/**
 * Resolves the documents of one import against each other and the catalog: duplicates, unknown
 * parents and owners, parent cycles (within the import or through the parents the catalog already
 * has), and whether each team and product is created, updated or unchanged. Runs under the catalog
 * write lock, so that what it compares against is what the writer overwrites.
 */
@ApplicationScoped
class ImportPlan {

    /** What to write: teams parents first, products, and the teams the catalog has already. */
    record Writes(List<ImportEntry> teams, List<ImportEntry> products, Map<String, Team> existingTeams) {
    }

    private final EntityManager em;

    ImportPlan(EntityManager em) {
        this.em = em;
    }

    /** Decides the outcome of every pending entry; returns what to write. */
    Writes resolve(List<ImportEntry> entries) {
        rejectDuplicates(entries);
        Map<String, Team> existingTeams = loadTeams(entries);
        Map<String, Product> existingProducts = loadProducts(entries);
        List<ImportEntry> teams = resolveTeams(entries, existingTeams);
        List<ImportEntry> products = resolveProducts(entries, existingTeams, existingProducts);
        return new Writes(teams, products, existingTeams);
    }

    private static void rejectDuplicates(List<ImportEntry> entries) {
        Map<String, ImportEntry> teams = new HashMap<>();
        Map<String, ImportEntry> products = new HashMap<>();
        for (ImportEntry entry : entries) {
            if (entry.team != null) {
                ImportEntry first = teams.putIfAbsent(entry.team.slug(), entry);
                if (first != null) {
                    entry.reject("a team '" + entry.team.slug() + "' is already defined by " + first.ref + " (line "
                            + first.line + ") in this import");
                    entry.team = null;
                }
            } else if (entry.product != null) {
                ImportEntry first = products.putIfAbsent(entry.product.slug(), entry);
                if (first != null) {
                    entry.reject("a product '" + entry.product.slug() + "' is already defined by " + first.ref + " (line "
                            + first.line + ") in this import");
                    entry.product = null;
                }
            }
        }
    }

    private Map<String, Team> loadTeams(List<ImportEntry> entries) {
        Set<String> slugs = new HashSet<>();
        for (ImportEntry entry : entries) {
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

    private Map<String, Product> loadProducts(List<ImportEntry> entries) {
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
    private List<ImportEntry> resolveTeams(List<ImportEntry> entries, Map<String, Team> existing) {
        Map<String, ImportEntry> incoming = new LinkedHashMap<>();
        entries.stream().filter(e -> e.team != null).forEach(e -> incoming.put(e.team.slug(), e));
        for (ImportEntry entry : incoming.values()) {
            String parent = entry.team.parent();
            if (parent != null && !incoming.containsKey(parent) && !existing.containsKey(parent)) {
                entry.notes.add("parent group:default/" + parent + " is neither in this import nor in the catalog: imported without a parent");
                entry.team = new TeamRequest(entry.team.slug(), entry.team.name(), entry.team.contact(), null);
            }
        }
        rejectCycles(incoming);
        List<ImportEntry> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (ImportEntry entry : incoming.values()) {
            place(entry, incoming, placed, ordered);
        }
        List<ImportEntry> toWrite = new ArrayList<>();
        for (ImportEntry entry : ordered) {
            if (!entry.pending()) {
                continue;
            }
            Team team = existing.get(entry.team.slug());
            settle(entry, team == null ? null : teamChanges(team, entry.team), toWrite);
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
    private void rejectCycles(Map<String, ImportEntry> incoming) {
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
            incoming.values().stream().filter(ImportEntry::pending).forEach(e -> parents.put(e.team.slug(), e.team.parent()));
            for (ImportEntry entry : incoming.values()) {
                if (!entry.pending()) {
                    continue;
                }
                ImportEntry parent = entry.team.parent() == null ? null : incoming.get(entry.team.parent());
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
    private static String cycleThrough(String slug, Map<String, String> parents, Map<String, ImportEntry> incoming) {
        List<String> path = new ArrayList<>(List.of(slug));
        List<String> fromCatalog = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = slug;
        while (true) {
            String parent = parents.get(current);
            if (parent == null || !seen.add(current)) {
                return null;
            }
            ImportEntry entry = incoming.get(current);
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

    /** Appends the pending team to {@code ordered} after its parents in the import (cycles were rejected before). */
    private static void place(ImportEntry entry, Map<String, ImportEntry> incoming, Set<String> placed,
            List<ImportEntry> ordered) {
        String slug = entry.team.slug();
        if (placed.contains(slug) || !entry.pending()) {
            return;
        }
        placed.add(slug);
        ImportEntry parent = entry.team.parent() == null ? null : incoming.get(entry.team.parent());
        if (parent != null) {
            place(parent, incoming, placed, ordered);
        }
        ordered.add(entry);
    }

    private List<ImportEntry> resolveProducts(List<ImportEntry> entries, Map<String, Team> existingTeams,
            Map<String, Product> existingProducts) {
        Set<String> acceptedTeams = new HashSet<>(existingTeams.keySet());
        entries.stream()
                .filter(e -> e.team != null && e.outcome != Outcome.rejected)
                .forEach(e -> acceptedTeams.add(e.team.slug()));
        List<ImportEntry> toWrite = new ArrayList<>();
        for (ImportEntry entry : entries) {
            if (entry.product == null || !entry.pending()) {
                continue;
            }
            if (!acceptedTeams.contains(entry.product.owner())) {
                entry.reject("spec.owner: group:default/" + entry.product.owner()
                        + " is neither in this import nor in the catalog");
                continue;
            }
            Product product = existingProducts.get(entry.product.slug());
            if (entry.defaultType && (product == null || !product.annotations.containsKey(BackstageDescriptors.SOURCE_TYPE))) {
                // The export writes the default type for a product without the annotation; reading
                // it back must not add one (a product created through the API has none).
                entry.product = withoutAnnotation(entry.product, BackstageDescriptors.SOURCE_TYPE);
            }
            settle(entry, product == null ? null : productChanges(product, entry.product), toWrite);
        }
        return toWrite;
    }

    /**
     * Gives {@code entry} its outcome from the fields that differ from the catalog's ({@code changes}, null when the
     * catalog does not hold it yet) and adds it to {@code toWrite} unless it is unchanged.
     */
    private static void settle(ImportEntry entry, List<String> changes, List<ImportEntry> toWrite) {
        if (changes == null) {
            entry.outcome = Outcome.created;
        } else if (changes.isEmpty()) {
            entry.outcome = Outcome.unchanged;
            return;
        } else {
            entry.outcome = Outcome.updated;
            entry.changes = changes;
        }
        toWrite.add(entry);
    }

    private static ProductRequest withoutAnnotation(ProductRequest request, String key) {
        Map<String, String> annotations = new TreeMap<>(request.annotations());
        annotations.remove(key);
        return new ProductRequest(request.slug(), request.name(), request.description(), request.owner(), request.phase(),
                request.tier(), request.tags(), request.links(), annotations);
    }

    /** The fields of the team the import would change, the parent with its old and new value; none: unchanged. */
    private static List<String> teamChanges(Team team, TeamRequest request) {
        TeamRequest incoming = request.normalized();
        Changes changes = new Changes();
        changes.field("name", team.name, incoming.name());
        changes.field("contact.email", team.contactEmail, incoming.contact().email());
        changes.field("contact.chat", team.contactChat, incoming.contact().chat());
        changes.valued("parent", team.parent, incoming.parent());
        return changes.list();
    }

    /**
     * The fields of the product the import would change — the owner, the phase and the tier with their old and new
     * value, as they change what is asked of the product and of whom; none: unchanged.
     */
    private static List<String> productChanges(Product product, ProductRequest request) {
        ProductRequest incoming = request.normalized();
        Changes changes = new Changes();
        changes.field("name", product.name, incoming.name());
        changes.field("description", product.description, incoming.description());
        changes.valued("owner", product.owner, incoming.owner());
        changes.valued("phase", product.phase, incoming.phase());
        changes.valued("tier", (int) product.tier, incoming.tier());
        changes.field("tags", product.tags, incoming.tags());
        changes.field("links", product.links, incoming.links());
        changes.field("annotations", product.annotations, incoming.annotations());
        return changes.list();
    }

    /** The changed fields of one entity, in the order they are compared; the list is made only for a change. */
    private static final class Changes {
        private List<String> list = List.of();

        void field(String name, Object before, Object after) {
            if (!Objects.equals(before, after)) {
                add(name);
            }
        }

        void valued(String name, Object before, Object after) {
            if (!Objects.equals(before, after)) {
                add(name + ": " + (before == null ? "none" : before) + " → " + (after == null ? "none" : after));
            }
        }

        private void add(String change) {
            if (list.isEmpty()) {
                list = new ArrayList<>(4);
            }
            list.add(change);
        }

        List<String> list() {
            return list;
        }
    }
}
