package dev.pillarboard.catalog.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pillarboard.catalog.ApiProblem;
import dev.pillarboard.catalog.Product;
import dev.pillarboard.catalog.Team;
import dev.pillarboard.catalog.Tombstone;
import dev.pillarboard.catalog.rest.ProblemMappers;
import dev.pillarboard.catalog.rest.ProductRequest;

/**
 * Product reads and writes. Every write runs under the catalog write lock (see
 * {@link RevisionClock}), checks the caller's right to write the product, and bumps the revision.
 */
@ApplicationScoped
public class ProductService {

    /** Sort keys a client may ask for, and their SQL (always ending on slug, for stable pages). */
    private static final Map<String, String> SORTS = Map.of(
            "name", "lower(p.name) %1$s, p.slug %1$s",
            "updatedAt", "p.updated_at %1$s, p.slug %1$s",
            "tier", "p.tier %1$s, lower(p.name) %1$s, p.slug %1$s");
    private static final Set<String> IMMUTABLE = Set.of("slug");
    private static final Set<String> SERVER_SET = Set.of("revision", "createdAt", "updatedAt");
    private static final String COLUMNS = "p.slug, p.name, p.description, p.owner, p.phase, p.tier, p.tags, p.links, "
            + "p.annotations, p.revision, p.created_at, p.updated_at";

    private final EntityManager em;
    private final RevisionClock clock;
    private final Caller caller;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final Event<CatalogChanged> changed;

    public ProductService(EntityManager em, RevisionClock clock, Caller caller, Validator validator, ObjectMapper mapper,
            Event<CatalogChanged> changed) {
        this.em = em;
        this.clock = clock;
        this.caller = caller;
        this.validator = validator;
        this.mapper = mapper;
        this.changed = changed;
    }

    /** Filters of the product list; null means "any". */
    public record Filter(String owner, String phase, Integer tier, String tag, String q) {
    }

    public record Page(List<Product> items, long total) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page list(Filter filter, String sort, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.owner() != null) {
            where.append(" AND p.owner = :owner");
            params.put("owner", filter.owner());
        }
        if (filter.phase() != null) {
            where.append(" AND p.phase = :phase");
            params.put("phase", filter.phase());
        }
        if (filter.tier() != null) {
            where.append(" AND p.tier = :tier");
            params.put("tier", filter.tier());
        }
        if (filter.tag() != null) {
            where.append(" AND p.tags @> ARRAY[CAST(:tag AS text)]");
            params.put("tag", filter.tag());
        }
        if (filter.q() != null) {
            where.append(" AND p.search_text LIKE :q ESCAPE '\\'");
            params.put("q", "%" + escapeLike(filter.q().toLowerCase()) + "%");
        }
        Query select = em.createNativeQuery("SELECT " + COLUMNS + " FROM product p" + where + " ORDER BY " + orderBy(sort)
                + " LIMIT :limit OFFSET :offset", Product.class);
        Query count = em.createNativeQuery("SELECT count(*) FROM product p" + where);
        params.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        select.setParameter("limit", size);
        select.setParameter("offset", (long) page * size);
        @SuppressWarnings("unchecked")
        List<Product> items = select.getResultList();
        long total = items.size() < size && (page == 0 || !items.isEmpty())
                ? (long) page * size + items.size()
                : ((Number) count.getSingleResult()).longValue();
        return new Page(items, total);
    }

    static String orderBy(String sort) {
        String key = sort == null || sort.isBlank() ? "name" : sort.trim();
        String direction = "ASC";
        if (key.startsWith("-")) {
            direction = "DESC";
            key = key.substring(1);
        } else if (key.startsWith("+")) {
            key = key.substring(1);
        }
        String sql = SORTS.get(key);
        if (sql == null) {
            throw ApiProblem.invalid("sort", "unknown sort field '" + key + "'; use name, updatedAt or tier (prefix - for descending)");
        }
        return sql.formatted(direction);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Product get(String slug) {
        Product product = em.find(Product.class, slug);
        if (product == null) {
            throw ApiProblem.notFound("product", slug);
        }
        return product;
    }

    @Transactional
    public Product create(ProductRequest request) {
        caller.requireProductWriter(request.owner());
        RevisionClock.Allocator revisions = clock.lock();
        requireTeam(request.owner());
        if (em.find(Product.class, request.slug()) != null) {
            throw ApiProblem.conflict("A product '" + request.slug() + "' already exists");
        }
        Product product = new Product();
        product.slug = request.slug();
        apply(product, request);
        product.createdAt = RevisionClock.now();
        product.updatedAt = product.createdAt;
        product.revision = revisions.next();
        em.persist(product);
        Tombstone.forget(em, Tombstone.PRODUCT, product.slug);
        changed.fire(new CatalogChanged(product.revision));
        return product;
    }

    @Transactional
    public Product replace(String slug, ProductRequest request, String ifMatch) {
        if (request.slug() != null && !request.slug().equals(slug)) {
            throw ApiProblem.invalid("slug", "cannot change (it is '" + slug + "'); create a new product instead");
        }
        RevisionClock.Allocator revisions = clock.lock();
        Product product = lockedProduct(slug);
        caller.requireProductWriter(product.owner);
        IfMatch.check(ifMatch, "product", slug, product.revision);
        caller.requireProductWriter(request.owner());
        return update(product, request, revisions);
    }

    /** Applies an RFC 7386 JSON merge patch to the product's current state. */
    @Transactional
    public Product patch(String slug, JsonNode patch, String ifMatch) {
        if (patch == null || !patch.isObject()) {
            throw ApiProblem.badRequest("A merge patch must be a JSON object");
        }
        RevisionClock.Allocator revisions = clock.lock();
        Product product = lockedProduct(slug);
        caller.requireProductWriter(product.owner);
        IfMatch.check(ifMatch, "product", slug, product.revision);
        JsonNode slugPatch = patch.get("slug");
        if (slugPatch != null && !slug.equals(slugPatch.asText())) {
            throw ApiProblem.invalid("slug", "cannot change (it is '" + slug + "'); create a new product instead");
        }
        ObjectNode current = mapper.valueToTree(new ProductRequest(product.slug, product.name, product.description,
                product.owner, product.phase, (int) product.tier, product.tags, product.links, product.annotations));
        ObjectNode merged = (ObjectNode) mergePatch(current, patch);
        SERVER_SET.forEach(merged::remove);
        IMMUTABLE.forEach(field -> merged.put(field, slug));
        ProductRequest request = read(merged);
        validate(request);
        caller.requireProductWriter(request.owner());
        return update(product, request, revisions);
    }

    @Transactional
    public void delete(String slug, String ifMatch) {
        RevisionClock.Allocator revisions = clock.lock();
        Product product = lockedProduct(slug);
        caller.requireProductWriter(product.owner);
        IfMatch.check(ifMatch, "product", slug, product.revision);
        em.remove(product);
        long revision = revisions.next();
        Tombstone.record(em, Tombstone.PRODUCT, slug, revision);
        changed.fire(new CatalogChanged(revision));
    }

    private Product update(Product product, ProductRequest request, RevisionClock.Allocator revisions) {
        requireTeam(request.owner());
        apply(product, request);
        product.updatedAt = RevisionClock.now();
        product.revision = revisions.next();
        changed.fire(new CatalogChanged(product.revision));
        return product;
    }

    private Product lockedProduct(String slug) {
        Product product = em.find(Product.class, slug, LockModeType.PESSIMISTIC_WRITE);
        if (product == null) {
            throw ApiProblem.notFound("product", slug);
        }
        return product;
    }

    private void requireTeam(String owner) {
        if (em.find(Team.class, owner) == null) {
            throw ApiProblem.unprocessable("owner", "no team '" + owner + "' in the catalog; create it first");
        }
    }

    static void apply(Product product, ProductRequest request) {
        product.name = request.name().strip();
        product.description = request.description().strip();
        product.owner = request.owner();
        product.phase = request.phase();
        product.tier = request.tier().shortValue();
        product.tags = List.copyOf(new java.util.LinkedHashSet<>(request.tags()));
        product.links = new java.util.TreeMap<>(request.links());
        product.annotations = new java.util.TreeMap<>(request.annotations());
    }

    private ProductRequest read(ObjectNode node) {
        try {
            return mapper.treeToValue(node, ProductRequest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.badRequest("The patched product cannot be read: " + e.getOriginalMessage());
        }
    }

    void validate(ProductRequest request) {
        Set<ConstraintViolation<ProductRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            var list = ProblemMappers.violations(violations);
            throw ApiProblem.invalid(list.size() == 1 ? list.get(0).field() + ": " + list.get(0).message()
                    : list.size() + " fields are invalid", list);
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
