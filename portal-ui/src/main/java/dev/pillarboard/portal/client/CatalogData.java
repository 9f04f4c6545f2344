package dev.pillarboard.portal.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What the portal reads from catalog-service: its own records of the catalog's JSON (unknown fields ignored). */
public final class CatalogData {

    private CatalogData() {
    }

    public record Product(String slug, String name, String description, String owner, String phase, int tier,
            List<String> tags, Map<String, String> links, Map<String, String> annotations, long revision,
            Instant createdAt, Instant updatedAt) {

        public Product {
            tags = tags == null ? List.of() : tags;
            links = links == null ? Map.of() : links;
            annotations = annotations == null ? Map.of() : annotations;
        }

        /** The product's ETag (its revision), for If-Match. */
        public String etag() {
            return "\"" + revision + "\"";
        }
    }

    public record Contact(String email, String chat) {
    }

    public record Team(String slug, String name, Contact contact, String parent, long revision, Instant createdAt,
            Instant updatedAt) {
    }

    /** One of the catalog's latest changes ({@code GET /api/changes/recent}): op is created, updated or deleted. */
    public record Change(long revision, String kind, String slug, String name, String op, Instant at) {
    }

    /** One document of an import: its outcome, why (skipped, rejected), what an update changes, what is not kept. */
    public record ImportItem(String ref, String kind, String outcome, String reason, List<String> changes,
            List<String> ignored) {
        public ImportItem {
            changes = changes == null ? List.of() : changes;
            ignored = ignored == null ? List.of() : ignored;
        }
    }

    public record ImportReport(boolean dryRun, List<ImportItem> items, Map<String, Integer> counts) {
        public ImportReport {
            items = items == null ? List.of() : items;
            counts = counts == null ? Map.of() : counts;
        }

        /** This report with each item's reason as {@code read} gives it (in the page's language). */
        public ImportReport withReasons(UnaryOperator<String> read) {
            return new ImportReport(dryRun, items.stream().map(i -> new ImportItem(i.ref(), i.kind(), i.outcome(),
                    read.apply(i.reason()), i.changes(), i.ignored())).toList(), counts);
        }

        /** Whether importing would create or update anything (else there is nothing to import for real). */
        public boolean changesAnything() {
            return counts.getOrDefault("created", 0) + counts.getOrDefault("updated", 0) > 0;
        }

        /** The documents refused, which an import leaves out. */
        public int rejected() {
            return counts.getOrDefault("rejected", 0);
        }
    }
}
