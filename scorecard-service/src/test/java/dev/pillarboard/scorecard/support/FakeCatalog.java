package dev.pillarboard.scorecard.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.oidc.client.OidcTestClient;

/**
 * The catalog's data as the WireMock catalog serves it: a compacted, revision-ordered change feed
 * exactly like catalog-service's {@code GET /api/changes} (one entry per team or product at its
 * latest revision; deletions as {@code op: delete}). Like the real catalog, every write nudges the
 * scorecard ({@code POST /api/sync/nudge}) unless nudging is switched off.
 */
public final class FakeCatalog {

    private static long head;
    private static final Map<String, Entry> ENTRIES = new HashMap<>();
    private static volatile boolean nudge = true;

    private record Entry(long revision, String kind, String slug, String op, Map<String, Object> data) {
    }

    private FakeCatalog() {
    }

    public static synchronized long head() {
        return head;
    }

    public static void nudging(boolean on) {
        nudge = on;
    }

    /** The feed page the catalog would answer. */
    public static synchronized Map<String, Object> changes(long after, int limit) {
        List<Entry> items = new ArrayList<>();
        for (Entry entry : ENTRIES.values()) {
            if (entry.revision() > after) {
                items.add(entry);
            }
        }
        items.sort((a, b) -> Long.compare(a.revision(), b.revision()));
        List<Map<String, Object>> page = new ArrayList<>();
        for (Entry entry : items.subList(0, Math.min(limit, items.size()))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("revision", entry.revision());
            item.put("kind", entry.kind());
            item.put("slug", entry.slug());
            item.put("op", entry.op());
            item.put("data", entry.data());
            page.add(item);
        }
        long last = page.isEmpty() ? Math.max(after, head) : (long) page.get(page.size() - 1).get("revision");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page);
        answer.put("lastRevision", last);
        return answer;
    }

    public static String team(String slug) {
        synchronized (FakeCatalog.class) {
            long revision = ++head;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("slug", slug);
            data.put("name", "Team " + slug);
            data.put("contact", Map.of("email", slug + "@example.com"));
            data.put("parent", null);
            data.put("revision", revision);
            data.put("createdAt", now());
            data.put("updatedAt", now());
            ENTRIES.put("team:" + slug, new Entry(revision, "team", slug, "upsert", data));
        }
        nudge();
        return slug;
    }

    /** A product in pre-pmf, tier 2, with repo, runbook and dashboard links. */
    public static Map<String, Object> product(String slug, String owner) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("slug", slug);
        data.put("name", "Product " + slug);
        data.put("description", "Sells tickets");
        data.put("owner", owner);
        data.put("phase", "pre-pmf");
        data.put("tier", 2);
        data.put("tags", List.of("java"));
        data.put("links", new LinkedHashMap<>(Map.of("repo", "https://git.example.com/" + slug,
                "runbook", "https://wiki.example.com/" + slug, "dashboard", "https://grafana.example.com/" + slug)));
        data.put("annotations", new LinkedHashMap<>(Map.of("pagerduty.com/service-id", "P" + Math.abs(slug.hashCode()))));
        return data;
    }

    /** Creates or replaces a product; returns its revision. */
    public static long upsert(Map<String, Object> product) {
        long revision;
        synchronized (FakeCatalog.class) {
            revision = ++head;
            String slug = (String) product.get("slug");
            Map<String, Object> data = new LinkedHashMap<>(product);
            data.put("revision", revision);
            data.put("createdAt", now());
            data.put("updatedAt", now());
            ENTRIES.put("product:" + slug, new Entry(revision, "product", slug, "upsert", data));
        }
        nudge();
        return revision;
    }

    public static String createProduct(String slug, String owner) {
        upsert(product(slug, owner));
        return slug;
    }

    public static void deleteProduct(String slug) {
        synchronized (FakeCatalog.class) {
            long revision = ++head;
            ENTRIES.put("product:" + slug, new Entry(revision, "product", slug, "delete", null));
        }
        nudge();
    }

    /**
     * Pings the scorecard the way the catalog does after a write (best effort), with a bearer token
     * (the catalog forwards the writer's): a real one from OIDC Dev Services, fetched once a minute.
     */
    public static void nudge() {
        if (!nudge) {
            return;
        }
        try {
            given().auth().oauth2(token()).post("/api/sync/nudge");
        } catch (RuntimeException e) {
            // like the catalog: a ping that fails is simply lost; the poll catches up
        }
    }

    private static String token;
    private static Instant tokenFetchedAt = Instant.MIN;

    private static synchronized String token() {
        if (tokenFetchedAt.isBefore(Instant.now().minusSeconds(60))) {
            OidcTestClient oidc = new OidcTestClient();
            try {
                token = oidc.getAccessToken("robot", "robot");
            } finally {
                oidc.close();
            }
            tokenFetchedAt = Instant.now();
        }
        return token;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    }
}
