package dev.pillarboard.scorecard.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of the catalog's change feed, as the catalog writes it. Unknown fields are ignored
 * (the catalog may add some); {@code data} is read as {@link CatalogProduct} or {@link CatalogTeam}
 * according to {@code kind}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogChanges(List<Change> items, long lastRevision) {

    public CatalogChanges {
        items = items == null ? List.of() : items;
    }

    /** One entry: {@code kind} team or product, {@code op} upsert or delete. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(long revision, String kind, String slug, String op, JsonNode data) {

        public boolean isProduct() {
            return "product".equals(kind);
        }

        public boolean isTeam() {
            return "team".equals(kind);
        }

        public boolean isDelete() {
            return "delete".equals(op);
        }
    }
}
