package dev.pillarboard.catalog.backstage;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.catalog.Team;
import dev.pillarboard.catalog.config.CatalogConfig;
import dev.pillarboard.catalog.service.BackstageAnnotations;
import dev.pillarboard.catalog.service.ProductRows;
import dev.pillarboard.catalog.service.ProductView;
import io.agroal.api.AgroalDataSource;

/**
 * Writes the catalog as Backstage multi-document YAML: teams as {@code Group}s (parents first),
 * products as {@code Component}s or {@code System}s. Phase and tier travel as
 * {@code pillarboard.dev/*} annotations, so the file re-imports to the same catalog.
 */
@ApplicationScoped
public class BackstageExporter {

    private static final String API_VERSION = "backstage.io/v1alpha1";
    private static final int FETCH_SIZE = 500;

    private final AgroalDataSource dataSource;
    private final CatalogConfig config;
    private final ProductRows rows;

    public BackstageExporter(AgroalDataSource dataSource, CatalogConfig config, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.config = config;
        this.rows = new ProductRows(mapper);
    }

    /**
     * Streams the export to {@code out}: one read-only, repeatable-read transaction (one
     * consistent view of teams and products), products fetched in batches, so memory stays flat
     * however large the catalog is.
     */
    public void export(Writer out) throws IOException {
        BackstageYaml.DocumentWriter yaml = BackstageYaml.documentWriter(out);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                for (Team team : parentsFirst(teams(connection))) {
                    yaml.write(group(team));
                }
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + ProductRows.COLUMNS + " FROM product p ORDER BY p.slug")) {
                    statement.setFetchSize(FETCH_SIZE);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            yaml.write(component(rows.read(rs, 1)));
                        }
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("Could not read the catalog for export", e);
        }
        out.flush();
    }

    private static List<Team> teams(Connection connection) throws SQLException {
        List<Team> teams = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT slug, name, contact_email, contact_chat, parent FROM team ORDER BY slug");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                Team team = new Team();
                team.slug = rs.getString(1);
                team.name = rs.getString(2);
                team.contactEmail = rs.getString(3);
                team.contactChat = rs.getString(4);
                team.parent = rs.getString(5);
                teams.add(team);
            }
        }
        return teams;
    }

    private static List<Team> parentsFirst(List<Team> teams) {
        Map<String, Team> bySlug = new HashMap<>();
        teams.forEach(team -> bySlug.put(team.slug, team));
        List<Team> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Team team : teams) {
            place(team, bySlug, placed, ordered);
        }
        return ordered;
    }

    private static void place(Team team, Map<String, Team> bySlug, Set<String> placed, List<Team> ordered) {
        if (!placed.add(team.slug)) {
            return;
        }
        Team parent = team.parent == null ? null : bySlug.get(team.parent);
        if (parent != null) {
            place(parent, bySlug, placed, ordered);
        }
        ordered.add(team);
    }

    private static Map<String, Object> group(Team team) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", team.slug);
        if (team.contactChat != null) {
            metadata.put("annotations", Map.of(BackstageAnnotations.CHAT, team.contactChat));
        }
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("displayName", team.name);
        if (team.contactEmail != null) {
            profile.put("email", team.contactEmail);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "team");
        spec.put("profile", profile);
        if (team.parent != null) {
            spec.put("parent", team.parent);
        }
        spec.put("children", List.of());
        return entity("Group", metadata, spec);
    }

    private Map<String, Object> component(ProductView product) {
        Map<String, String> annotations = new TreeMap<>(product.annotations());
        String kind = annotations.remove(BackstageAnnotations.SOURCE_KIND);
        String type = annotations.remove(BackstageAnnotations.SOURCE_TYPE);
        String namespace = annotations.remove(BackstageAnnotations.SOURCE_NAMESPACE);
        annotations.put(BackstageAnnotations.PHASE, product.phase());
        annotations.put(BackstageAnnotations.TIER, Integer.toString(product.tier()));

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", product.slug());
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        if (!product.name().equals(product.slug())) {
            metadata.put("title", product.name());
        }
        if (!product.description().isEmpty()) {
            metadata.put("description", product.description());
        }
        if (!product.tags().isEmpty()) {
            metadata.put("tags", product.tags());
        }
        if (!product.links().isEmpty()) {
            List<Map<String, String>> links = new ArrayList<>();
            new TreeMap<>(product.links()).forEach((key, url) -> {
                Map<String, String> link = new LinkedHashMap<>();
                link.put("url", url);
                link.put("title", key);
                links.add(link);
            });
            metadata.put("links", links);
        }
        metadata.put("annotations", annotations);

        boolean system = "System".equalsIgnoreCase(kind);
        Map<String, Object> spec = new LinkedHashMap<>();
        if (type != null) {
            spec.put("type", type);
        } else if (!system) {
            spec.put("type", BackstageAnnotations.DEFAULT_TYPE);
        }
        if (!system) {
            spec.put("lifecycle", lifecycle(product.phase()));
        }
        spec.put("owner", "group:default/" + product.owner());
        return entity(system ? "System" : "Component", metadata, spec);
    }

    /** The first configured lifecycle that maps to the phase; the phase annotation is what counts on re-import. */
    private String lifecycle(String phase) {
        return new TreeMap<>(config.importing().lifecycle()).entrySet().stream()
                .filter(e -> e.getValue().equals(phase))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("production");
    }

    private static Map<String, Object> entity(String kind, Map<String, Object> metadata, Map<String, Object> spec) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", API_VERSION);
        document.put("kind", kind);
        document.put("metadata", metadata);
        document.put("spec", spec);
        return document;
    }
}
