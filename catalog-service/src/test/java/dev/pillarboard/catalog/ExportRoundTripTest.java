package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.unique;
import static dev.pillarboard.catalog.Fixtures.yaml;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * What the API creates, the Backstage export writes and the import reads back exactly: every
 * entity re-imports {@code unchanged} and nothing is written. Each test checks only the outcomes
 * of its own (unique) slugs, so it does not matter what other tests left in the catalog.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ExportRoundTripTest {

    static void createTeam(Map<String, Object> team) {
        given().contentType(ContentType.JSON).body(team).post("/api/teams").then().statusCode(201);
    }

    static void createProduct(Map<String, Object> product) {
        given().contentType(ContentType.JSON).body(product).post("/api/products").then().statusCode(201);
    }

    static Map<String, Object> product(String slug, String owner, Map<String, Object> fields) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("slug", slug);
        product.put("name", slug);
        product.put("owner", owner);
        product.put("phase", "pre-launch");
        product.put("tier", 3);
        product.putAll(fields);
        return product;
    }

    /** Exports, imports the export (for real, not a dry run) and returns the outcome of each ref. */
    static Map<String, String> exportAndReimport() {
        String export = given().get("/api/export").then().statusCode(200).extract().asString();
        JsonPath report = yaml(export).post("/api/import").then().statusCode(200).extract().jsonPath();
        Map<String, String> outcomes = new HashMap<>();
        List<Map<String, Object>> items = report.getList("items");
        for (Map<String, Object> item : items) {
            outcomes.put((String) item.get("ref"), item.get("outcome") + (item.get("reason") == null ? "" : ": " + item.get("reason")));
        }
        return outcomes;
    }

    @Test
    void productsAndTeamsCreatedThroughTheApiReimportUnchanged() {
        String parent = unique("rt-parent");
        String child = unique("rt-child");
        createTeam(Map.of("slug", parent, "name", "Round Trip Parent",
                "contact", Map.of("email", parent + "@example.com", "chat", "#round-trip")));
        createTeam(Map.of("slug", child, "name", "Round Trip Child", "parent", parent,
                "contact", Map.of("email", child + "@example.com")));

        String full = unique("rt-full");
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("pagerduty.com/service-id", "PX12");
        annotations.put("backstage.io/techdocs-ref", "dir:.");
        annotations.put("example.com/empty", "");
        annotations.put("example.com/number", "42");
        annotations.put("example.com/boolean", "true");
        annotations.put("example.com/null-word", "null");
        annotations.put("example.com/padded", "  padded  ");
        annotations.put("example.com/multi-line", "first\nsecond\n");
        createProduct(product(full, child, Map.of(
                "name", "Checkout: Web # 1",
                "description", "Takes the money.\nSecond line\twith a tab, and a Windows line end\r\nthird: yes",
                "phase", "pmf",
                "tier", 1,
                "tags", List.of("web", "payments", "c++", "lang:java"),
                "links", Map.of("repo", "https://github.com/acme/" + full, "runbook", "https://wiki.example.com/runbook?a=1&b=2",
                        "on-call", "https://pagerduty.example.com/x", "docs", "http://docs.example.com/"),
                "annotations", annotations)));
        String bare = unique("rt-bare");
        createProduct(product(bare, parent, Map.of()));
        String typed = unique("rt-typed");
        createProduct(product(typed, child, Map.of("annotations", Map.of("pillarboard.dev/backstage-type", "service"))));
        String website = unique("rt-website");
        createProduct(product(website, child, Map.of("phase", "pre-pmf", "tier", 2,
                "annotations", Map.of("pillarboard.dev/backstage-type", "website"))));
        String system = unique("rt-system");
        createProduct(product(system, parent, Map.of("annotations", Map.of("pillarboard.dev/backstage-kind", "System"))));
        String namespaced = unique("rt-namespaced");
        createProduct(product(namespaced, parent, Map.of("annotations", Map.of("pillarboard.dev/backstage-namespace", "payments"))));

        long head = ChangeFeedTest.latestRevision();
        Map<String, String> outcomes = exportAndReimport();

        for (String ref : List.of("group:default/" + parent, "group:default/" + child, "component:default/" + full,
                "component:default/" + bare, "component:default/" + typed, "component:default/" + website,
                "system:default/" + system, "component:payments/" + namespaced)) {
            assertThat(outcomes).as(ref).containsEntry(ref, "unchanged");
        }
        assertThat(given().get("/api/changes?after=" + head).then().extract().jsonPath().getList("items"))
                .as("re-importing the export writes nothing").isEmpty();
        given().get("/api/products/{slug}", typed).then().body("annotations.'pillarboard.dev/backstage-type'", equalTo("service"));
    }

    @Test
    void everyLinkNameTheApiAcceptsSurvivesTheRoundTrip() {
        String owner = unique("rt-links");
        createTeam(Map.of("slug", owner, "name", "Links"));
        String slug = unique("rt-links");
        Map<String, Object> links = Map.of("a--b", "https://example.com/a", "trailing-", "https://example.com/t",
                "9", "https://example.com/9", "x".repeat(63), "https://example.com/long", "on-call", "https://example.com/o");
        createProduct(product(slug, owner, Map.of("links", links)));

        assertThat(exportAndReimport()).containsEntry("component:default/" + slug, "unchanged");
        given().get("/api/products/{slug}", slug).then().statusCode(200).body("links", equalTo(links));
    }

    @Test
    void linkTitlesThatAreNotLinkNamesBecomeSlugs() {
        String owner = unique("rt-titles");
        createTeam(Map.of("slug", owner, "name", "Titles"));
        String slug = unique("rt-titles");
        yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  links:
                    - url: https://github.com/acme/x
                      title: GitHub  Repo!
                    - url: https://example.com/runbook
                      title: -Runbook-
                    - url: https://example.com/kept
                      type: admin--dashboard
                spec:
                  type: service
                  lifecycle: production
                  owner: %s
                """.formatted(slug, owner)).post("/api/import").then().statusCode(200).body("items[0].outcome", equalTo("created"));
        given().get("/api/products/{slug}", slug).then().statusCode(200)
                .body("links", equalTo(Map.of("github-repo", "https://github.com/acme/x", "runbook", "https://example.com/runbook",
                        "admin--dashboard", "https://example.com/kept")));
    }

    @Test
    void annotationsThatOnlyTheImportMaySetAreRefused() {
        String owner = unique("rt-owner");
        createTeam(Map.of("slug", owner, "name", "Owner"));
        for (var annotation : List.of(Map.of("pillarboard.dev/phase", "pmf"), Map.of("pillarboard.dev/tier", "1"),
                Map.of("pillarboard.dev/backstage-kind", "Component"), Map.of("pillarboard.dev/backstage-namespace", "default"),
                Map.of("pillarboard.dev/backstage-type", " "))) {
            given().contentType(ContentType.JSON).body(product(unique("rt-bad"), owner, Map.of("annotations", annotation)))
                    .post("/api/products")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", equalTo("annotations." + annotation.keySet().iterator().next()));
        }
    }
}
