package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.createProduct;
import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ChangeFeedTest {

    static long head() {
        return given().get("/api/changes?after=0&limit=1").then().statusCode(200).extract().jsonPath().getLong("lastRevision");
    }

    /** Reads the whole feed after a revision, page by page. */
    static List<Map<String, Object>> readAll(long after, int limit) {
        List<Map<String, Object>> all = new ArrayList<>();
        long cursor = after;
        while (true) {
            JsonPath page = given().queryParam("after", cursor).queryParam("limit", limit).get("/api/changes")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            all.addAll(items);
            long last = page.getLong("lastRevision");
            if (items.isEmpty()) {
                return all;
            }
            cursor = last;
        }
    }

    @Test
    void showsCreatesUpdatesAndDeletesInRevisionOrder() {
        long start = latestRevision();
        String owner = team(unique("team"));
        String slug = unique("feed");
        String etag = createProduct(slug, owner);
        String etag2 = given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"phase\":\"pmf\"}")
                .patch("/api/products/{slug}", slug).then().statusCode(200).extract().header("ETag");
        given().header("If-Match", etag2).delete("/api/products/{slug}", slug).then().statusCode(204);

        List<Map<String, Object>> changes = readAll(start, 2);
        List<Long> revisions = changes.stream().map(c -> ((Number) c.get("revision")).longValue()).toList();
        assertThat(revisions).isSorted().doesNotHaveDuplicates();
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.get("kind")).isEqualTo("team");
            assertThat(c.get("slug")).isEqualTo(owner);
            assertThat(c.get("op")).isEqualTo("upsert");
        });
        Map<String, Object> last = changes.stream().filter(c -> slug.equals(c.get("slug"))).reduce((a, b) -> b).orElseThrow();
        assertThat(last.get("op")).isEqualTo("delete");
        assertThat(last.get("data")).isNull();
    }

    /** The feed's entries for one slug of a kind, read from a revision. */
    static List<String> ops(long after, String kind, String slug) {
        return readAll(after, 1000).stream().filter(c -> kind.equals(c.get("kind")) && slug.equals(c.get("slug")))
                .map(c -> (String) c.get("op")).toList();
    }

    @Test
    void aDeletedTeamOrProductCreatedAgainIsAnUpsertWithoutItsTombstoneThroughTheApiAndTheImport() {
        long start = head();
        String owner = team(unique("again"));
        String byApi = unique("again-api");
        String byImport = unique("again-imp");
        String importedTeam = team(unique("again-team"));
        given().header("If-Match", createProduct(byApi, owner)).delete("/api/products/{slug}", byApi).then().statusCode(204);
        given().header("If-Match", createProduct(byImport, owner)).delete("/api/products/{slug}", byImport).then().statusCode(204);
        String teamEtag = given().get("/api/teams/{slug}", importedTeam).then().statusCode(200).extract().header("ETag");
        given().header("If-Match", teamEtag).delete("/api/teams/{slug}", importedTeam).then().statusCode(204);
        String deletedOwner = team(unique("again-owner"));
        String ownerEtag = given().get("/api/teams/{slug}", deletedOwner).then().statusCode(200).extract().header("ETag");
        given().header("If-Match", ownerEtag).delete("/api/teams/{slug}", deletedOwner).then().statusCode(204);
        assertThat(ops(start, "product", byApi)).containsExactly("delete");
        assertThat(ops(start, "team", importedTeam)).containsExactly("delete");

        // Created again: through the API (one row each) and through the import (a batch each).
        team(deletedOwner);
        createProduct(byApi, owner);
        Fixtures.yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                spec:
                  type: team
                  children: []
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                spec:
                  type: service
                  lifecycle: production
                  owner: group:default/%s
                """.formatted(importedTeam, byImport, owner)).post("/api/import").then().statusCode(200)
                .body("counts.created", org.hamcrest.Matchers.equalTo(2));

        for (String[] entity : new String[][] { { "product", byApi }, { "product", byImport }, { "team", importedTeam },
                { "team", deletedOwner } }) {
            assertThat(ops(start, entity[0], entity[1])).as("%s %s", entity[0], entity[1]).containsExactly("upsert");
        }
    }

    @Test
    void feedDataIsTheProductAsGetReturnsIt() {
        long start = latestRevision();
        String slug = unique("feed");
        createProduct(slug, team(unique("team")));
        Map<String, Object> change = readAll(start, 100).stream().filter(c -> slug.equals(c.get("slug"))).findFirst().orElseThrow();
        Map<String, Object> fromGet = given().get("/api/products/{slug}", slug).then().extract().jsonPath().getMap("$");
        assertThat(change.get("data")).isEqualTo(fromGet);
    }

    @Test
    void badParametersAre400() {
        given().get("/api/changes?after=-1").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/changes?limit=abc").then().statusCode(400);
        given().get("/api/changes?limit=100000").then().statusCode(400);
    }

    /** What one reader following the feed ended up with. */
    record Followed(Map<String, Map<String, Object>> products, List<Long> revisions, int emptyPagesWhileWriting) {
    }

    /**
     * Follows the feed from {@code start} until the writers are done and two more empty pages
     * came back. Every empty page must leave the cursor where it was: writes commit in revision
     * order and every revision belongs to a change the feed shows, so an empty page that reports
     * a higher lastRevision has skipped a change that committed while it was being read.
     */
    static Followed follow(long start, int limit, AtomicBoolean writing, AtomicInteger emptyPages) {
        Map<String, Map<String, Object>> seen = new HashMap<>();
        List<Long> revisions = new ArrayList<>();
        int emptyWhileWriting = 0;
        long cursor = start;
        boolean lastRound = false;
        while (!Thread.currentThread().isInterrupted()) {
            boolean writersActive = writing.get();
            JsonPath page = given().queryParam("after", cursor).queryParam("limit", limit).get("/api/changes")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                long revision = ((Number) item.get("revision")).longValue();
                assertThat(revision).as("revisions only grow").isGreaterThan(cursor);
                revisions.add(revision);
                if ("product".equals(item.get("kind"))) {
                    seen.put((String) item.get("slug"), item);
                }
            }
            long last = page.getLong("lastRevision");
            if (items.isEmpty()) {
                assertThat(last).as("an empty page after %d must not move the cursor past changes it did not return", cursor)
                        .isEqualTo(cursor);
                if (writersActive) {
                    emptyWhileWriting++;
                }
                emptyPages.incrementAndGet();
                if (lastRound) {
                    return new Followed(seen, revisions, emptyWhileWriting);
                }
                lastRound = !writing.get();
            }
            cursor = last;
        }
        throw new IllegalStateException("interrupted");
    }

    /**
     * Many writers commit concurrently while readers keep asking for "everything after the last
     * revision I saw": one reading small pages (always behind), four polling with a large limit.
     * Writers pause for a moment between writes, and a last writer writes each time a reader has
     * just come back with an empty page, so that writes commit while caught-up readers ask.
     * When the writers are done, every reader's copy of the catalog must be exactly the catalog:
     * not one change skipped, whatever order the transactions committed in.
     */
    @Test
    void aReaderFollowingTheFeedNeverMissesAChangeUnderConcurrentWrites() throws Exception {
        String owner = team(unique("team"));
        long start = latestRevision();
        int writers = 6;
        int productsPerWriter = 8;
        int updatesPerProduct = 4;
        int[] readerLimits = { 7, 1000, 1000, 1000, 1000 };
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger emptyPages = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(writers + readerLimits.length);
        try {
            List<Future<Followed>> readers = new ArrayList<>();
            for (int limit : readerLimits) {
                readers.add(pool.submit(() -> follow(start, limit, writing, emptyPages)));
            }
            List<Future<List<String>>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    List<String> slugs = new ArrayList<>();
                    for (int p = 0; p < productsPerWriter; p++) {
                        String slug = "w" + writer + "-" + unique("p");
                        String etag = createProduct(slug, owner);
                        slugs.add(slug);
                        for (int u = 0; u < updatesPerProduct; u++) {
                            // Jitter, not a wait: writers pause 0-9 ms at random so that their commits
                            // interleave differently with the readers' pages on every run.
                            Thread.sleep(ThreadLocalRandom.current().nextInt(10));
                            Map<String, Object> body = new HashMap<>(product(slug, owner));
                            body.put("description", "update " + u + " by writer " + writer);
                            body.put("tier", 1 + ThreadLocalRandom.current().nextInt(3));
                            etag = given().contentType(ContentType.JSON).header("If-Match", etag).body(body)
                                    .put("/api/products/{slug}", slug).then().statusCode(200).extract().header("ETag");
                        }
                        if (p % 3 == 0) {
                            given().header("If-Match", etag).delete("/api/products/{slug}", slug).then().statusCode(204);
                        }
                    }
                    return slugs;
                }));
            }
            List<String> slugs = new ArrayList<>();
            for (Future<List<String>> future : work) {
                slugs.addAll(future.get());
            }
            slugs.add(trickle(owner, 40, emptyPages));
            writing.set(false);

            Map<String, Map<String, Object>> catalog = new HashMap<>();
            for (String slug : slugs) {
                var response = given().get("/api/products/{slug}", slug);
                catalog.put(slug, response.statusCode() == 404 ? null : response.then().extract().jsonPath().getMap("$"));
            }
            int emptyPagesWhileWriting = 0;
            for (Future<Followed> reader : readers) {
                Followed followed = reader.get();
                emptyPagesWhileWriting += followed.emptyPagesWhileWriting();
                assertThat(followed.revisions()).isSorted().doesNotHaveDuplicates();
                for (String slug : slugs) {
                    Map<String, Object> change = followed.products().get(slug);
                    assertThat(change).as("the reader saw " + slug).isNotNull();
                    if (catalog.get(slug) == null) {
                        assertThat(change.get("op")).as(slug + " was deleted").isEqualTo("delete");
                    } else {
                        assertThat(change.get("op")).isEqualTo("upsert");
                        assertThat(change.get("data")).as("the reader's copy of " + slug + " is current")
                                .isEqualTo(catalog.get(slug));
                    }
                }
            }
            assertThat(emptyPagesWhileWriting).as("readers read empty pages while writes committed")
                    .isGreaterThanOrEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Updates one product {@code writes} times, each time right after some reader saw an empty page. */
    static String trickle(String owner, int writes, AtomicInteger emptyPages) throws InterruptedException {
        String slug = unique("trickle");
        String etag = createProduct(slug, owner);
        for (int i = 0; i < writes; i++) {
            int before = emptyPages.get();
            await().alias("some reader catches up").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
                    .until(() -> emptyPages.get() != before);
            etag = given().contentType("application/merge-patch+json").header("If-Match", etag)
                    .body(Map.of("description", "trickle " + i))
                    .patch("/api/products/{slug}", slug).then().statusCode(200).extract().header("ETag");
        }
        return slug;
    }

    static long latestRevision() {
        long cursor = 0;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonPath page = given().queryParam("after", cursor).queryParam("limit", 1000).get("/api/changes")
                    .then().statusCode(200).extract().jsonPath();
            if (page.getList("items").isEmpty()) {
                return page.getLong("lastRevision");
            }
            cursor = page.getLong("lastRevision");
        }
        throw new AssertionError("feed did not end");
    }
}
