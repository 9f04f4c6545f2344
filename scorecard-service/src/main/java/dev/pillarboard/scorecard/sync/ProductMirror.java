package dev.pillarboard.scorecard.sync;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ThreadContext;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import io.agroal.api.AgroalDataSource;

/**
 * Lookups in the catalog mirror. A request that names a product the mirror does not know triggers
 * one catalog poll before it is refused ({@link #whenKnown}), so a product created a second ago is
 * not turned away.
 */
@ApplicationScoped
public class ProductMirror {

    private final AgroalDataSource dataSource;
    private final CatalogFollower follower;
    private final ScorecardConfig config;
    private final ThreadContext context;
    private final ExecutorService executor;

    public ProductMirror(AgroalDataSource dataSource, CatalogFollower follower, ScorecardConfig config, ThreadContext context,
            ExecutorService executor) {
        this.dataSource = dataSource;
        this.follower = follower;
        this.config = config;
        this.context = context;
        this.executor = executor;
    }

    /** The owning team of each known product among the slugs. */
    public Map<String, String> owners(Collection<String> slugs) {
        Map<String, String> owners = new HashMap<>();
        if (slugs.isEmpty()) {
            return owners;
        }
        Jdbc.update(dataSource, "read the product mirror", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT slug, owner FROM product WHERE slug = ANY(?)")) {
                query.setArray(1, c.createArrayOf("varchar", slugs.toArray()));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        owners.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        });
        return owners;
    }

    /**
     * Runs {@code work} once the mirror knows the products: at once, in the caller's thread, when it
     * does; otherwise after one catalog poll (at most {@code sync.unknown-product-wait}), on the worker
     * pool with the caller's context (request, identity), so that no thread waits for the poll.
     * {@code work} decides what an unknown product means (a 422, through {@link #requireOwner}).
     */
    public <T> CompletionStage<T> whenKnown(Collection<String> slugs, Supplier<T> work) {
        try {
            if (owners(slugs).size() == slugs.size()) {
                return CompletableFuture.completedFuture(work.get());
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // answered through the stage, like a failure after the poll
        }
        Supplier<T> contextual = context.contextualSupplier(work);
        CompletableFuture<T> result = new CompletableFuture<>();
        follower.pollSoon(config.sync().unknownProductWait()).whenComplete((caughtUp, failure) -> executor.execute(() -> {
            try {
                result.complete(contextual.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e); // the failure itself, unwrapped, so that its mapper answers
            }
        }));
        return result;
    }

    /** The owner of a product named in a request body; 422 naming the field if the mirror has no such product. */
    public String requireOwner(String slug, String field) {
        String owner = owners(List.of(slug)).get(slug);
        if (owner == null) {
            throw ApiProblem.unprocessable(field, "no product '" + slug + "' in the catalog");
        }
        return owner;
    }

    /**
     * A mirrored product's place in its life: owner, phase, when it was created in the catalog (null if the catalog did
     * not say) and when it entered its phase.
     */
    public record Lifecycle(String owner, String phase, Instant createdAt, Instant phaseSince) {
    }

    /** The lifecycle of a product named in a request body; 422 naming the field if the mirror has no such product. */
    public Lifecycle requireLifecycle(String slug, String field) {
        Lifecycle found = Jdbc.query(dataSource, "read the product mirror", c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT owner, phase, created_at, phase_since FROM product WHERE slug = ?")) {
                query.setString(1, slug);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    java.sql.Timestamp created = rs.getTimestamp(3);
                    java.sql.Timestamp since = rs.getTimestamp(4);
                    return new Lifecycle(rs.getString(1), rs.getString(2), created == null ? null : created.toInstant(),
                            since == null ? null : since.toInstant());
                }
            }
        });
        if (found == null) {
            throw ApiProblem.unprocessable(field, "no product '" + slug + "' in the catalog");
        }
        return found;
    }

    /** How many products are in a phase not in the list (a new rubric cannot score them). */
    public long countInOtherPhases(List<String> phases) {
        return Jdbc.query(dataSource, "read the product mirror", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM product WHERE phase <> ALL(?)")) {
                query.setArray(1, c.createArrayOf("varchar", phases.toArray()));
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Every product's slug, in order. */
    public List<String> allSlugs() {
        return Jdbc.query(dataSource, "list products", c -> {
            List<String> slugs = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT slug FROM product ORDER BY slug");
                    ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    slugs.add(rs.getString(1));
                }
            }
            return slugs;
        });
    }
}
