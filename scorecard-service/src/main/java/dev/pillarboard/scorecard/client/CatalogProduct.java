package dev.pillarboard.scorecard.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A product as the catalog returns it ({@code GET /api/products/{slug}} and the change feed). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogProduct(String slug, String name, String description, String owner, String phase, Integer tier,
        List<String> tags, Map<String, String> links, Map<String, String> annotations, long revision,
        Instant createdAt, Instant updatedAt) {
}
