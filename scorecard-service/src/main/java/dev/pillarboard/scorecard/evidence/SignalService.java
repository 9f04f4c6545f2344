package dev.pillarboard.scorecard.evidence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.SignalJson;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import dev.pillarboard.scorecard.evaluation.EvaluationQueue;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Facts that automation pushes. A batch is all or nothing: every item is validated first
 * ({@link SignalBatch}) and one bad item rejects the batch (400, each problem as {@code [i].field});
 * unknown products reject it with 422 (after one catalog poll). The latest observation per product
 * and key is kept; an older observation than the stored one is ignored.
 */
@ApplicationScoped
public class SignalService {

    /** What a push did. */
    public record Accepted(int accepted, int applied, int ignoredAsOlder, int products) {
    }

    private final AgroalDataSource dataSource;
    private final ProductMirror products;
    private final EvaluationQueue queue;
    private final ScorecardConfig config;

    public SignalService(AgroalDataSource dataSource, ProductMirror products, EvaluationQueue queue, ScorecardConfig config) {
        this.dataSource = dataSource;
        this.products = products;
        this.queue = queue;
        this.config = config;
    }

    /**
     * Validates the batch (a 400 at once) and stores it once the mirror knows its products (after one
     * catalog poll if it does not, without a thread waiting for it), or refuses it with 422.
     */
    public CompletionStage<Accepted> push(JsonNode body, String caller) {
        List<SignalRequest> items;
        try {
            items = SignalBatch.read(body, caller, config.signals(), DatabaseTime.now());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Set<String> slugs = new LinkedHashSet<>();
        items.forEach(item -> slugs.add(item.product()));
        return products.whenKnown(slugs, () -> storeKnown(items, slugs));
    }

    private Accepted storeKnown(List<SignalRequest> items, Set<String> slugs) {
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

    private Accepted store(List<SignalRequest> items, Set<String> slugs) {
        Instant now = DatabaseTime.now();
        // One observation per (product, key): the newest of the batch. In (product, key) order, so
        // that concurrent pushes lock rows in the same order.
        Map<String, SignalRequest> newest = new TreeMap<>();
        for (SignalRequest item : items) {
            newest.merge(item.product() + "\u0000" + item.key(), item,
                    (a, b) -> b.observedAt().isAfter(a.observedAt()) ? b : a);
        }
        List<SignalRequest> rows = new ArrayList<>(newest.values());
        String[] products = new String[rows.size()];
        String[] keys = new String[rows.size()];
        String[] values = new String[rows.size()];
        Timestamp[] observed = new Timestamp[rows.size()];
        String[] sources = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            SignalRequest item = rows.get(i);
            products[i] = item.product();
            keys[i] = item.key();
            values[i] = SignalJson.encode(item.value());
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
}
