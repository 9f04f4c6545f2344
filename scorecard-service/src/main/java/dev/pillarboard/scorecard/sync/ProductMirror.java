package dev.pillarboard.scorecard.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import io.agroal.api.AgroalDataSource;

/**
 * Lookups in the catalog mirror. A request that names a product the mirror does not know triggers
 * one catalog poll before it is refused, so a product created a second ago is not turned away.
 */
@ApplicationScoped
public class ProductMirror {

    private final AgroalDataSource dataSource;
    private final CatalogFollower follower;
    private final ScorecardConfig config;

    public ProductMirror(AgroalDataSource dataSource, CatalogFollower follower, ScorecardConfig config) {
        this.dataSource = dataSource;
        this.follower = follower;
        this.config = config;
    }

    /** The owning team of each known product among the slugs. */
    public Map<String, String> owners(Collection<String> slugs) {
        Map<String, String> owners = new HashMap<>();
        if (slugs.isEmpty()) {
            return owners;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT slug, owner FROM product WHERE slug = ANY(?)")) {
            query.setArray(1, c.createArrayOf("varchar", slugs.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    owners.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the product mirror: " + e.getMessage(), e);
        }
        return owners;
    }

    public Optional<String> owner(String slug) {
        return Optional.ofNullable(owners(java.util.List.of(slug)).get(slug));
    }

    /** Like {@link #owners}, but polls the catalog once if some are unknown. */
    public Map<String, String> ownersCatchingUp(Collection<String> slugs) {
        Map<String, String> owners = owners(slugs);
        if (owners.size() < slugs.size() && follower.pollNow(config.sync().unknownProductWait())) {
            owners = owners(slugs);
        }
        return owners;
    }

    /** The owner of a product named in a request body; 422 naming the field if the catalog has no such product. */
    public String requireOwner(String slug, String field) {
        String owner = ownersCatchingUp(java.util.List.of(slug)).get(slug);
        if (owner == null) {
            throw ApiProblem.unprocessable(field, "no product '" + slug + "' in the catalog");
        }
        return owner;
    }

    /** How many products are in a phase not in the list (a new rubric cannot score them). */
    public long countInOtherPhases(java.util.List<String> phases) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT count(*) FROM product WHERE phase <> ALL(?)")) {
            query.setArray(1, c.createArrayOf("varchar", phases.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the product mirror: " + e.getMessage(), e);
        }
    }

    /** The owner of a product named in a path; 404 if unknown. */
    public String requireExisting(String slug) {
        return owner(slug).orElseThrow(() -> ApiProblem.notFound("product", slug));
    }
}
