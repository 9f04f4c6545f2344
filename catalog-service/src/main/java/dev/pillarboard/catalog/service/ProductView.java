package dev.pillarboard.catalog.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.pillarboard.catalog.Product;

/** A product as the API returns it. */
public record ProductView(String slug, String name, String description, String owner, String phase, int tier,
        List<String> tags, Map<String, String> links, Map<String, String> annotations, long revision,
        Instant createdAt, Instant updatedAt) {

    public static ProductView of(Product p) {
        return new ProductView(p.slug, p.name, p.description, p.owner, p.phase, p.tier, p.tags, p.links,
                p.annotations, p.revision, p.createdAt, p.updatedAt);
    }
}
