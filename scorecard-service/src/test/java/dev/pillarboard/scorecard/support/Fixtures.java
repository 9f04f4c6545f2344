package dev.pillarboard.scorecard.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Test data and waiting. Teams are fixed (token claims in annotations must be constants); every
 * test uses its own product slugs, so tests never see each other's products.
 */
public final class Fixtures {

    /** dana (developer) and lee (team lead) are in PAY; sam and tara (team lead) in SEARCH. */
    public static final String PAY = "sc-pay";
    public static final String SEARCH = "sc-search";
    public static final String PAY_CLAIM = "[\"sc-pay\"]";
    public static final String SEARCH_CLAIM = "[\"sc-search\"]";

    /** What "visible within 2 seconds" means in the tests. */
    public static final Duration VISIBLE = Duration.ofSeconds(2);

    static {
        FakeCatalog.team(PAY);
        FakeCatalog.team(SEARCH);
    }

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a product in the catalog (owned by PAY) and waits until its scorecard exists. */
    public static String product(String prefix) {
        return product(prefix, PAY);
    }

    public static String product(String prefix, String owner) {
        String slug = FakeCatalog.createProduct(unique(prefix), owner);
        awaitScorecard(slug);
        return slug;
    }

    public static JsonPath awaitScorecard(String slug) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Response response = given().get("/api/scorecards/{p}", slug);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        }, json -> json != null);
    }

    public static JsonPath scorecard(String slug) {
        return given().get("/api/scorecards/{p}", slug).then().statusCode(200).extract().jsonPath();
    }

    /** The status of one check in the product's stored scorecard. */
    public static String status(String slug, String check) {
        Response response = given().get("/api/scorecards/{p}", slug);
        if (response.statusCode() != 200) {
            return "http " + response.statusCode();
        }
        return response.jsonPath().getString("checks.find { it.id == '" + check + "' }.status");
    }

    /** Waits (polling, with a deadline) until a check has a status. */
    public static void awaitStatus(String slug, String check, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(25)).until(() -> status(slug, check), status::equals);
    }

    public static Map<String, Object> signal(String product, String key, Object value) {
        return signal(product, key, value, Instant.now());
    }

    public static Map<String, Object> signal(String product, String key, Object value, Instant observedAt) {
        return Map.of("product", product, "key", key, "value", value,
                "observedAt", observedAt.truncatedTo(ChronoUnit.MILLIS).toString(), "source", "test");
    }

    /** Queues a product for re-evaluation and waits until it has been evaluated again. */
    public static void requeueAndWait(String slug) {
        String before = given().get("/api/scorecards/{p}", slug).jsonPath().getString("evaluatedAt");
        Db.requeue(slug);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                .until(() -> given().get("/api/scorecards/{p}", slug).jsonPath().getString("evaluatedAt"), at -> !at.equals(before));
    }

    /** Pushes signals; the caller must have the automation or platform-admin role. */
    public static void push(List<Map<String, Object>> signals) {
        given().contentType(ContentType.JSON).body(signals).post("/api/signals").then().statusCode(202);
    }
}
