package dev.pillarboard.catalog.service;

/** Fired inside a write transaction; observers act after it commits. */
public record CatalogChanged(long revision) {
}
