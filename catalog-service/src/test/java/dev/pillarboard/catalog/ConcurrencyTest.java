package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.createProduct;
import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Optimistic concurrency: If-Match on every write, so that nobody silently overwrites anybody. */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ConcurrencyTest {

    @Test
    void missingIfMatchIs428() {
        String slug = unique("shop");
        createProduct(slug, team(unique("team")));
        given().contentType(ContentType.JSON).body(Map.of("phase", "pmf"))
                .patch("/api/products/{slug}", slug)
                .then().statusCode(428).contentType("application/problem+json");
        given().delete("/api/products/{slug}", slug).then().statusCode(428);
    }

    @Test
    void rejectsStaleIfMatchWith412AndKeepsTheNewerVersion() {
        String owner = team(unique("team"));
        String slug = unique("shop");
        String first = createProduct(slug, owner);
        String second = given().contentType("application/merge-patch+json").header("If-Match", first)
                .body("{\"phase\": \"pmf\"}")
                .patch("/api/products/{slug}", slug)
                .then().statusCode(200).body("phase", equalTo("pmf"))
                .extract().header("ETag");
        assertThat(second).isNotEqualTo(first);

        Map<String, Object> stale = new HashMap<>(product(slug, owner));
        stale.put("name", "Overwritten");
        given().contentType(ContentType.JSON).header("If-Match", first).body(stale)
                .put("/api/products/{slug}", slug)
                .then().statusCode(412).contentType("application/problem+json");
        given().header("If-Match", first).delete("/api/products/{slug}", slug).then().statusCode(412);
        given().get("/api/products/{slug}", slug).then().body("phase", equalTo("pmf")).body("name", not(equalTo("Overwritten")));
    }

    @Test
    void twoClientsRacingWithTheSameEtagNeverBothWin() throws Exception {
        String owner = team(unique("team"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String slug = unique("race");
                String etag = createProduct(slug, owner);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (String name : List.of("Alice's edit", "Bob's edit")) {
                    Callable<Integer> put = () -> {
                        Map<String, Object> body = new HashMap<>(product(slug, owner));
                        body.put("name", name);
                        start.await();
                        return given().contentType(ContentType.JSON).header("If-Match", etag).body(body)
                                .put("/api/products/{slug}", slug).statusCode();
                    };
                    results.add(pool.submit(put));
                }
                start.countDown();
                List<Integer> statuses = List.of(results.get(0).get(), results.get(1).get());
                assertThat(statuses).containsExactlyInAnyOrder(200, 412);
                String winner = statuses.get(0) == 200 ? "Alice's edit" : "Bob's edit";
                given().get("/api/products/{slug}", slug).then().body("name", equalTo(winner));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mergePatchChangesOnlyWhatItNamesAndNullRemoves() {
        String slug = unique("shop");
        String etag = createProduct(slug, team(unique("team")));
        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"links\": {\"runbook\": null, \"dashboard\": \"https://grafana.example.com/d/1\"}, \"tier\": 1}")
                .patch("/api/products/{slug}", slug)
                .then().statusCode(200)
                .body("tier", equalTo(1))
                .body("links", not(hasKey("runbook")))
                .body("links.dashboard", equalTo("https://grafana.example.com/d/1"))
                .body("links.repo", equalTo("https://github.com/acme/" + slug))
                .body("phase", equalTo("pre-pmf"));
    }

    @Test
    void anInvalidPatchChangesNothing() {
        String slug = unique("shop");
        String etag = createProduct(slug, team(unique("team")));
        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"tier\": 9, \"name\": \"Renamed\"}")
                .patch("/api/products/{slug}", slug)
                .then().statusCode(400).body("violations[0].field", equalTo("tier"));
        given().get("/api/products/{slug}", slug).then().header("ETag", etag).body("name", equalTo("Product " + slug));
        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"slug\": \"other\"}")
                .patch("/api/products/{slug}", slug)
                .then().statusCode(400).body("violations[0].field", equalTo("slug"));
    }

    @Test
    void aPatchOfTheWrongTypeNamesTheFieldAndTheExpectedTypeWithoutJavaNames() {
        String slug = unique("shop");
        String etag = createProduct(slug, team(unique("team")));
        String[][] cases = {
                { "{\"tier\": \"high\"}", "tier", "expected an integer" },
                { "{\"tags\": \"java\"}", "tags", "expected an array" },
                { "{\"links\": {\"repo\": [\"https://x.example.com\"]}}", "links.repo", "expected a string" },
                { "{\"annotations\": [\"a\"]}", "annotations", "expected an object of string values" },
                { "{\"name\": {\"first\": \"x\"}}", "name", "expected a string" },
                { "{\"tags\": [\"ok\", [\"nested\"]]}", "tags[1]", "expected a string" },
                { "{\"colour\": \"red\"}", "colour", "unknown field" } };
        for (String[] c : cases) {
            given().contentType("application/merge-patch+json").header("If-Match", etag).body(c[0])
                    .patch("/api/products/{slug}", slug)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.size()", equalTo(1))
                    .body("violations[0].field", equalTo(c[1]))
                    .body("violations[0].message", equalTo(c[2]))
                    .body("detail", equalTo(c[1] + ": " + c[2]));
        }
        given().get("/api/products/{slug}", slug).then().header("ETag", etag);
    }

    @Test
    void deleteNeedsTheCurrentEtag() {
        String slug = unique("shop");
        String etag = createProduct(slug, team(unique("team")));
        given().header("If-Match", etag).delete("/api/products/{slug}", slug).then().statusCode(204);
        given().get("/api/products/{slug}", slug).then().statusCode(404);
    }

    @Test
    void ifNoneMatchGives304() {
        String slug = unique("shop");
        String etag = createProduct(slug, team(unique("team")));
        given().header("If-None-Match", etag).get("/api/products/{slug}", slug).then().statusCode(304);
    }
}
