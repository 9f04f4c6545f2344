package dev.pillarboard.portal.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

/** catalog-service for the pages: fault tolerance, problems as values, the teams cached briefly. */
@ApplicationScoped
public class Catalog {

    /** Filters of the product list, as the catalog takes them. */
    public record ProductQuery(List<String> owners, String phase, Integer tier, String q, String sort, int page, int size) {
    }

    private final CatalogApi api;
    private final Guarded guarded;
    private final Calls calls = new Calls(Downstream.CATALOG);
    private final LastGood<List<CatalogData.Team>> teams = new LastGood<>(Duration.ofSeconds(30));

    public Catalog(@RestClient CatalogApi api, Guarded.ForCatalog guarded) {
        this.api = api;
        this.guarded = guarded;
    }

    /** Every team, sorted by name (at most 2,000). */
    public List<CatalogData.Team> teams() {
        return teams.get(() -> calls.read(guarded::read, () -> {
            List<CatalogData.Team> all = new ArrayList<>();
            for (int page = 0; page < 20; page++) {
                Paged<CatalogData.Team> found = api.teams(page, 100);
                all.addAll(found.items());
                if (found.items().size() < 100) {
                    break;
                }
            }
            return List.copyOf(all);
        })).orElse(List.of());
    }

    public Optional<CatalogData.Team> team(String slug) {
        return teams().stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /** The product with its ETag. */
    public Reply<CatalogData.Product> product(String slug) {
        return calls.reply(guarded::read, () -> api.product(slug), CatalogData.Product.class);
    }

    public Paged<CatalogData.Product> products(ProductQuery query) {
        String owners = query.owners() == null || query.owners().isEmpty() ? null : String.join(",", query.owners());
        return calls.read(guarded::read, () -> api.products(owners, query.phase(), query.tier(), query.q(),
                query.sort(), query.page(), query.size())).orElse(Paged.empty());
    }

    /** The latest changes of the catalog, newest first. */
    public List<CatalogData.Change> recentChanges(int limit) {
        return calls.read(guarded::read, () -> api.recentChanges(limit)).orElse(List.of());
    }

    public Reply<CatalogData.Product> create(Map<String, Object> product) {
        return calls.reply(guarded::write, () -> api.createProduct(product), CatalogData.Product.class);
    }

    public Reply<CatalogData.Product> replace(String slug, String etag, Map<String, Object> product) {
        return calls.reply(guarded::write, () -> api.replaceProduct(slug, etag, product), CatalogData.Product.class);
    }

    public Reply<CatalogData.ImportReport> importYaml(String yaml, boolean dryRun) {
        return calls.reply(guarded::write, () -> api.importYaml(dryRun, yaml), CatalogData.ImportReport.class);
    }

    /** Forgets the cached teams (after a write that may have changed them). */
    public void teamsChanged() {
        teams.forget();
    }
}
