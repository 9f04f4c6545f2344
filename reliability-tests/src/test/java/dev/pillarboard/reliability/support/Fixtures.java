package dev.pillarboard.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

/** Data made through the public APIs, as the suite's tests need it. Slugs are unique per call. */
public final class Fixtures {

    /** A check whose evidence is an attestation in the default rubric (required in pre-pmf). */
    public static final String ATTESTED_CHECK = "incident-process";

    private Fixtures() {
    }

    private static Suite.World world() {
        return Suite.world();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> product(String slug, String owner, String phase) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("slug", slug);
        product.put("name", "Product " + slug);
        product.put("description", "Made by the reliability suite");
        product.put("owner", owner);
        product.put("phase", phase);
        product.put("tier", 2);
        product.put("tags", List.of("java"));
        product.put("links", Map.of("repo", "https://git.example.com/" + slug, "runbook", "https://wiki.example.com/" + slug));
        product.put("annotations", Map.of("example.com/cost-center", "cc-1"));
        return product;
    }

    /** Creates a product (as a platform admin) and returns its ETag. */
    public static String createProduct(String slug, String owner, String phase) {
        Api.Answer created = Api.json("POST", world().catalog.url() + "/api/products", world().admin(), product(slug, owner, phase));
        assertThat(created.status()).as("create %s: %s", slug, created).isEqualTo(201);
        return created.etag();
    }

    public static Map<String, Object> team(String slug) {
        return Map.of("slug", slug, "name", "Team " + slug, "contact", Map.of("email", slug + "@example.com"));
    }

    /** Creates a team (as a platform admin) and returns its ETag. */
    public static String createTeam(String slug) {
        Api.Answer created = Api.json("POST", world().catalog.url() + "/api/teams", world().admin(), team(slug));
        assertThat(created.status()).as("create team %s: %s", slug, created).isEqualTo(201);
        return created.etag();
    }

    /** Waits until the scorecard has evaluated the product (it follows the catalog's feed). */
    public static JsonNode awaitScorecard(String slug) {
        String token = world().admin();
        return Awaitility.await("the scorecard of " + slug).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Api.Answer answer = Api.get(world().scorecard.url() + "/api/scorecards/" + slug, token);
                    return answer.status() == 200 ? answer.json() : null;
                }, card -> card != null);
    }

    /** The catalog's head revision: where an empty page of its change feed says it is. */
    public static long catalogHead() {
        long after = 0;
        String token = world().admin();
        while (true) {
            JsonNode page = Api.get(world().catalog.url() + "/api/changes?after=" + after + "&limit=1000", token).json();
            after = page.get("lastRevision").asLong();
            if (page.get("items").isEmpty()) {
                return after;
            }
        }
    }

    public static Map<String, Object> signal(String product, String key, Object value, Instant observedAt) {
        return Map.of("product", product, "key", key, "value", value,
                "observedAt", observedAt.truncatedTo(ChronoUnit.MILLIS).toString(), "source", "reliability-suite");
    }

    /** The id of a product's open task for a check (the product must be evaluated). */
    public static long taskId(String product, String check) {
        JsonNode page = Api.get(world().scorecard.url() + "/api/tasks?product=" + product + "&size=100", world().admin()).json();
        for (JsonNode task : page.get("items")) {
            if (check.equals(task.get("check").asText())) {
                return task.get("id").asLong();
            }
        }
        throw new AssertionError("no task for " + check + " of " + product + ": " + page);
    }

    /** The rubric's check ids, in order. */
    public static List<String> checks() {
        JsonNode rubric = Api.get(world().scorecard.url() + "/api/rubric", world().admin()).json();
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode check : rubric.get("checks")) {
            ids.add(check.get("id").asText());
        }
        return ids;
    }
}
