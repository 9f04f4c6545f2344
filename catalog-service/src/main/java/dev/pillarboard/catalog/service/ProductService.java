package dev.pillarboard.catalog.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pillarboard.catalog.Product;
import dev.pillarboard.catalog.Team;
import dev.pillarboard.catalog.Tombstone;
import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.request.SortParam;
import dev.pillarboard.common.request.Violations;
import dev.pillarboard.common.security.Caller;
import io.agroal.api.AgroalDataSource;

/**
 * Product reads and writes. Every write runs under the catalog write lock (see
 * {@link RevisionLock}), checks the caller's right to write the product, and bumps the revision.
 */
@ApplicationScoped
public class ProductService {

    /** Sort keys a client may ask for, and their SQL (always ending on slug, for stable pages). */
    private static final List<String> SORT_KEYS = List.of("name", "updatedAt", "tier");
    private static final Map<String, String> SORTS = Map.of(
            "name", "lower(p.name) %1$s, p.slug %1$s",
            "updatedAt", "p.updated_at %1$s, p.slug %1$s",
            "tier", "p.tier %1$s, lower(p.name) %1$s, p.slug %1$s");
    private static final Set<String> IMMUTABLE = Set.of("slug");
    private static final Set<String> SERVER_SET = Set.of("revision", "createdAt", "updatedAt");

    private final EntityManager em;
    private final RevisionLock revisionLock;
    private final Caller caller;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final EntryWrites<Product> writes;
    private final AgroalDataSource dataSource;
    private final ProductRows rows;

    public ProductService(EntityManager em, RevisionLock revisionLock, Caller caller, Validator validator, ObjectMapper mapper,
            Event<CatalogChanged> changed, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
        this.rows = new ProductRows(mapper);
        this.revisionLock = revisionLock;
        this.caller = caller;
        this.validator = validator;
        this.mapper = mapper;
        this.writes = new EntryWrites<>(Product.class, Tombstone.PRODUCT, em, changed);
    }

    /** Filters of the product list; null (an empty list of owners) means "any". */
    public record Filter(List<String> owners, String phase, Integer tier, String tag, String q) {

        public Filter {
            owners = owners == null ? List.of() : List.copyOf(owners);
        }
    }

    /** A filtered, sorted page, read with plain JDBC (see {@link ProductRows}). */
    public Page<ProductView> list(Filter filter, String sort, int page, int size) {
        String order = orderBy(sort);
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter.owners().size() == 1) {
            where.append(" AND p.owner = ?");
            params.add(filter.owners().get(0));
        } else if (!filter.owners().isEmpty()) {
            where.append(" AND p.owner = ANY(?)");
            params.add(filter.owners().toArray(String[]::new));
        }
        if (filter.phase() != null) {
            where.append(" AND p.phase = ?");
            params.add(filter.phase());
        }
        if (filter.tier() != null) {
            where.append(" AND p.tier = ?");
            params.add(filter.tier().shortValue());
        }
        if (filter.tag() != null) {
            where.append(" AND p.tags @> ARRAY[?]::text[]");
            params.add(filter.tag());
        }
        if (filter.q() != null) {
            where.append(" AND p.search_text LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(filter.q().toLowerCase()) + "%");
        }
        String select = "SELECT " + ProductRows.COLUMNS + " FROM product p" + where + " ORDER BY " + order + " LIMIT ? OFFSET ?";
        return Jdbc.query(dataSource, "list products", connection -> {
            List<ProductView> items = new ArrayList<>(size);
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                int i = Jdbc.bind(statement, params);
                statement.setInt(i, size);
                statement.setLong(i + 1, (long) page * size);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        items.add(rows.read(rs, 1));
                    }
                }
            }
            // The total needs its own count, unless this page already shows where the list ends.
            if (items.size() < size && (page == 0 || !items.isEmpty())) {
                return new Page<>(items, (long) page * size + items.size());
            }
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM product p" + where)) {
                Jdbc.bind(count, params);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return new Page<>(items, rs.getLong(1));
                }
            }
        });
    }

    static String orderBy(String sort) {
        SortParam order = SortParam.parse(sort, "name", SORT_KEYS);
        return SORTS.get(order.key()).formatted(order.direction());
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** One product, read with plain JDBC (see {@link ProductRows}). */
    public ProductView get(String slug) {
        return Jdbc.query(dataSource, "read product " + slug, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + ProductRows.COLUMNS + " FROM product p WHERE p.slug = ?")) {
                statement.setString(1, slug);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiProblem.notFound("product", slug);
                    }
                    return rows.read(rs, 1);
                }
            }
        });
    }

    @Transactional
    public Product create(ProductRequest request) {
        caller.requireTeamMember(request.owner(), "write its products");
        RevisionLock.Allocator revisions = revisionLock.take();
        requireTeam(request.owner());
        writes.requireNew(request.slug());
        Product product = new Product();
        product.slug = request.slug();
        apply(product, request);
        writes.insert(product, revisions);
        return product;
    }

    @Transactional
    public Product replace(String slug, ProductRequest request, String ifMatch) {
        requireSlug(slug, request.slug());
        RevisionLock.Allocator revisions = revisionLock.take();
        Product product = writes.locked(slug);
        caller.requireTeamMember(product.owner, "write its products");
        writes.requireRevision(ifMatch, product);
        caller.requireTeamMember(request.owner(), "write its products");
        return update(product, request, revisions);
    }

    /** Applies an RFC 7386 JSON merge patch to the product's current state. */
    @Transactional
    public Product patch(String slug, JsonNode patch, String ifMatch) {
        if (patch == null || !patch.isObject()) {
            throw ApiProblem.badRequest("A merge patch must be a JSON object");
        }
        RevisionLock.Allocator revisions = revisionLock.take();
        Product product = writes.locked(slug);
        caller.requireTeamMember(product.owner, "write its products");
        writes.requireRevision(ifMatch, product);
        JsonNode slugPatch = patch.get("slug");
        requireSlug(slug, slugPatch == null ? null : slugPatch.asText());
        ObjectNode current = mapper.valueToTree(new ProductRequest(product.slug, product.name, product.description,
                product.owner, product.phase, (int) product.tier, product.tags, product.links, product.annotations));
        ObjectNode merged = (ObjectNode) mergePatch(current, patch);
        SERVER_SET.forEach(merged::remove);
        IMMUTABLE.forEach(field -> merged.put(field, slug));
        ProductRequest request = read(merged);
        validate(request);
        caller.requireTeamMember(request.owner(), "write its products");
        return update(product, request, revisions);
    }

    @Transactional
    public void delete(String slug, String ifMatch) {
        RevisionLock.Allocator revisions = revisionLock.take();
        Product product = writes.locked(slug);
        caller.requireTeamMember(product.owner, "write its products");
        writes.requireRevision(ifMatch, product);
        writes.delete(product, revisions);
    }

    private Product update(Product product, ProductRequest request, RevisionLock.Allocator revisions) {
        requireTeam(request.owner());
        apply(product, request);
        writes.update(product, revisions);
        return product;
    }

    /** A product's slug never changes: a body may repeat it or leave it out. */
    private static void requireSlug(String slug, String requested) {
        if (requested != null && !requested.equals(slug)) {
            throw ApiProblem.invalid("slug", "cannot change (it is '" + slug + "'); create a new product instead");
        }
    }

    private void requireTeam(String owner) {
        if (em.find(Team.class, owner) == null) {
            throw ApiProblem.unprocessable("owner", "no team '" + owner + "' in the catalog; create it first");
        }
    }

    private static void apply(Product product, ProductRequest request) {
        ProductRequest stored = request.normalized();
        product.name = stored.name();
        product.description = stored.description();
        product.owner = stored.owner();
        product.phase = stored.phase();
        product.tier = stored.tier().shortValue();
        product.tags = stored.tags();
        product.links = stored.links();
        product.annotations = stored.annotations();
    }

    /** The patched product as a request; a value of the wrong type is a 400 naming the field, as for a POST. */
    private ProductRequest read(ObjectNode node) {
        try {
            return mapper.treeToValue(node, ProductRequest.class);
        } catch (MismatchedInputException e) {
            throw Violations.ofJson(e);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("The patched product cannot be read as a product");
        }
    }

    void validate(ProductRequest request) {
        Set<ConstraintViolation<ProductRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(Violations.of(violations));
        }
    }

    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        List<String> removed = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                removed.add(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        }
        removed.forEach(result::remove);
        return result;
    }
}
