package dev.pillarboard.scorecard.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.common.PlainText;
import dev.pillarboard.scorecard.SignalJson;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import dev.pillarboard.scorecard.evaluation.EvaluationQueue;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Facts that automation pushes. A batch is all or nothing: every item is validated first and one
 * bad item rejects the batch (400, each problem as {@code [i].field}); unknown products reject it
 * with 422 (after one catalog poll). The latest observation per product and key is kept; an older
 * observation than the stored one is ignored.
 */
@ApplicationScoped
public class SignalService {

    /** What a push did. */
    public record Accepted(int accepted, int applied, int ignoredAsOlder, int products) {
    }

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,199}");
    private static final Set<String> FIELDS = Set.of("product", "key", "value", "observedAt", "source");
    private static final int MAX_TEXT = 2000;
    /** Observations older than this are refused: a mistyped year, not evidence. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private record Item(String product, String key, String valueJson, Instant observedAt, String source) {
    }

    private final AgroalDataSource dataSource;
    private final ProductMirror products;
    private final EvaluationQueue queue;
    private final ObjectMapper mapper;
    private final ScorecardConfig config;

    public SignalService(AgroalDataSource dataSource, ProductMirror products, EvaluationQueue queue, ObjectMapper mapper,
            ScorecardConfig config) {
        this.dataSource = dataSource;
        this.products = products;
        this.queue = queue;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Validates the batch (a 400 at once) and stores it once the mirror knows its products (after one
     * catalog poll if it does not, without a thread waiting for it), or refuses it with 422.
     */
    public CompletionStage<Accepted> push(JsonNode body, String caller) {
        List<Item> items;
        try {
            items = validate(body, caller);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Set<String> slugs = new LinkedHashSet<>();
        items.forEach(item -> slugs.add(item.product()));
        return products.whenKnown(slugs, () -> storeKnown(items, slugs));
    }

    private Accepted storeKnown(List<Item> items, Set<String> slugs) {
        Map<String, String> known = products.owners(slugs);
        if (known.size() < slugs.size()) {
            List<Violation> violations = new ArrayList<>();
            Set<String> unknown = new TreeSet<>();
            for (int i = 0; i < items.size(); i++) {
                String product = items.get(i).product();
                if (!known.containsKey(product)) {
                    unknown.add(product);
                    violations.add(new Violation("[" + i + "].product", "no product '" + product + "' in the catalog"));
                }
            }
            throw ApiProblem.unprocessable("Unknown products: " + String.join(", ", unknown)
                    + "; nothing was stored. Create them in the catalog first.", violations);
        }
        return QuarkusTransaction.requiringNew().call(() -> store(items, slugs));
    }

    private Accepted store(List<Item> items, Set<String> slugs) {
        Instant now = DatabaseTime.now();
        // One observation per (product, key): the newest of the batch. In (product, key) order, so
        // that concurrent pushes lock rows in the same order.
        Map<String, Item> newest = new TreeMap<>();
        for (Item item : items) {
            newest.merge(item.product() + "\u0000" + item.key(), item,
                    (a, b) -> b.observedAt().isAfter(a.observedAt()) ? b : a);
        }
        List<Item> rows = new ArrayList<>(newest.values());
        String[] products = new String[rows.size()];
        String[] keys = new String[rows.size()];
        String[] values = new String[rows.size()];
        Timestamp[] observed = new Timestamp[rows.size()];
        String[] sources = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Item item = rows.get(i);
            products[i] = item.product();
            keys[i] = item.key();
            values[i] = item.valueJson();
            observed[i] = Timestamp.from(item.observedAt());
            sources[i] = item.source();
        }
        int applied = Jdbc.query(dataSource, "store signals", c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                            INSERT INTO signal (product, key, value, observed_at, source, received_at)
                            SELECT p, k, v::jsonb, o, s, ? FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                                AS batch(p, k, v, o, s)
                            ON CONFLICT (product, key) DO UPDATE SET value = EXCLUDED.value, observed_at = EXCLUDED.observed_at,
                                source = EXCLUDED.source, received_at = EXCLUDED.received_at
                            WHERE signal.observed_at <= EXCLUDED.observed_at
                            RETURNING 1""")) {
                upsert.setTimestamp(1, Timestamp.from(now));
                upsert.setArray(2, c.createArrayOf("text", products));
                upsert.setArray(3, c.createArrayOf("text", keys));
                upsert.setArray(4, c.createArrayOf("text", values));
                upsert.setArray(5, c.createArrayOf("timestamptz", observed));
                upsert.setArray(6, c.createArrayOf("text", sources));
                // RETURNING counts exactly the observations that were newer than what was stored.
                int newer = 0;
                try (ResultSet rs = upsert.executeQuery()) {
                    while (rs.next()) {
                        newer++;
                    }
                }
                return newer;
            }
        });
        queue.enqueue(slugs);
        return new Accepted(items.size(), applied, items.size() - applied, slugs.size());
    }

    private List<Item> validate(JsonNode body, String caller) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiProblem.invalid("body", "send a JSON array of signals: [{product, key, value, observedAt, source}]");
        }
        JsonNode array = body.isObject() ? mapper.createArrayNode().add(body) : body;
        if (!array.isArray()) {
            throw ApiProblem.invalid("body", "send a JSON array of signals: [{product, key, value, observedAt, source}]");
        }
        int max = config.signals().maxBatch();
        if (array.isEmpty()) {
            throw ApiProblem.invalid("body", "the batch is empty");
        }
        if (array.size() > max) {
            throw ApiProblem.invalid("body", "at most " + max + " signals per request; got " + array.size());
        }
        Instant latest = DatabaseTime.now().plus(config.signals().maxClockSkew());
        List<Violation> violations = new ArrayList<>();
        List<Item> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = "[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                violations.add(new Violation(at, "must be an object {product, key, value, observedAt, source}"));
                continue;
            }
            int before = violations.size();
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    violations.add(new Violation(at + "." + name, "unknown field; a signal has product, key, value, observedAt, source"));
                }
            }
            String product = text(node, "product", at, violations);
            if (product != null && !SLUG.matcher(product).matches()) {
                violations.add(new Violation(at + ".product", "'" + shorten(product) + "' is not a product slug"));
            }
            String key = text(node, "key", at, violations);
            if (key != null && !KEY.matcher(key).matches()) {
                violations.add(new Violation(at + ".key",
                        "'" + shorten(key) + "' is not a signal key (letters, digits, _ . : / -, at most 200 characters)"));
            }
            String valueJson = value(node.get("value"), at, violations);
            Instant observedAt = null;
            String observedText = text(node, "observedAt", at, violations);
            if (observedText != null) {
                try {
                    observedAt = OffsetDateTime.parse(observedText).toInstant().truncatedTo(ChronoUnit.MICROS);
                    if (observedAt.isBefore(EARLIEST)) {
                        violations.add(new Violation(at + ".observedAt", "is before " + EARLIEST + "; send when it was observed"));
                    } else if (observedAt.isAfter(latest)) {
                        violations.add(new Violation(at + ".observedAt", "is in the future (more than "
                                + config.signals().maxClockSkew().toSeconds() + " s ahead of the server clock)"));
                    }
                } catch (DateTimeParseException e) {
                    violations.add(new Violation(at + ".observedAt",
                            "'" + shorten(observedText) + "' is not an ISO-8601 timestamp with offset, e.g. 2026-09-01T10:00:00Z"));
                }
            }
            String source = caller;
            JsonNode sourceNode = node.get("source");
            if (sourceNode != null && !sourceNode.isNull()) {
                if (!sourceNode.isTextual() || sourceNode.asText().length() > 200) {
                    violations.add(new Violation(at + ".source", "must be a string of at most 200 characters"));
                } else if (PlainText.problem(sourceNode.asText()) != null) {
                    violations.add(new Violation(at + ".source", PlainText.problem(sourceNode.asText())));
                } else if (!sourceNode.asText().isBlank()) {
                    source = sourceNode.asText().strip();
                }
            }
            if (violations.size() == before) {
                items.add(new Item(product, key, valueJson, observedAt, source));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(ApiProblem.summary(violations, "problems") + "; nothing was stored", violations);
        }
        return items;
    }

    private static String text(JsonNode node, String field, String at, List<Violation> violations) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            violations.add(new Violation(at + "." + field, "is required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            violations.add(new Violation(at + "." + field, "must be a non-empty string"));
            return null;
        }
        return value.asText().strip();
    }

    private String value(JsonNode value, String at, List<Violation> violations) {
        if (value == null || value.isNull()) {
            violations.add(new Violation(at + ".value", "is required (a number, a boolean or a string)"));
            return null;
        }
        if (value.isNumber() || value.isBoolean()) {
            return SignalJson.encode(value);
        }
        if (value.isTextual()) {
            if (value.asText().length() > MAX_TEXT) {
                violations.add(new Violation(at + ".value", "a string value may have at most " + MAX_TEXT + " characters"));
                return null;
            }
            String problem = PlainText.problem(value.asText());
            if (problem != null) {
                violations.add(new Violation(at + ".value", problem));
                return null;
            }
            return SignalJson.encode(value);
        }
        violations.add(new Violation(at + ".value", "must be a number, a boolean or a string, not " + value.getNodeType().name().toLowerCase()));
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }
}
