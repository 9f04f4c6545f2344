package dev.pillarboard.scorecard.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the WireMock catalog for every @QuarkusTest (one app, one catalog for the whole run). */
@QuarkusTestResource(WireMockCatalog.class)
public final class CatalogTestResource {

    private CatalogTestResource() {
    }
}
