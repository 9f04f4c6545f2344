package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.yaml;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * Imports Backstage's own example descriptors (src/test/resources/backstage-examples, copied
 * from the Backstage repository) and checks every document's outcome. The tests build on each
 * other: first import, re-import, then export round trip.
 */
@QuarkusTest
@TestSecurity(user = "robot", roles = "automation")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackstageImportTest {

    static final Path EXAMPLES = Path.of("src/test/resources/backstage-examples");

    /** Every example file, concatenated into one multi-document body. */
    static String allExamples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .map(BackstageImportTest::read)
                    .collect(Collectors.joining("\n---\n"));
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonPath importYaml(String yaml, boolean dryRun) {
        return yaml(yaml)
                .queryParam("dryRun", dryRun)
                .post("/api/import")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    static Map<String, String> outcomes(JsonPath report) {
        Map<String, String> outcomes = new HashMap<>();
        List<Map<String, Object>> items = report.getList("items");
        for (Map<String, Object> item : items) {
            outcomes.merge((String) item.get("ref"), (String) item.get("outcome"), (a, b) -> a + "," + b);
        }
        return outcomes;
    }

    static String reason(JsonPath report, String ref) {
        return report.getString("items.find { it.ref == '" + ref + "' }.reason");
    }

    @Test
    @Order(1)
    void dryRunReportsOutcomesAndChangesNothing() throws IOException {
        JsonPath report = importYaml(allExamples(), true);
        assertThat(report.getBoolean("dryRun")).isTrue();
        assertThat(report.getInt("counts.created")).isEqualTo(20);
        given().get("/api/teams/team-a").then().statusCode(404);
    }

    @Test
    @Order(2)
    void importsEveryExampleDocumentWithAnOutcome() throws IOException {
        JsonPath report = importYaml(allExamples(), false);
        // 59 entity documents in 41 files; every one gets exactly one outcome.
        assertThat(report.getList("items")).hasSize(59);
        assertThat(report.getMap("counts")).containsEntry("created", 20).containsEntry("updated", 0)
                .containsEntry("unchanged", 0).containsEntry("rejected", 5).containsEntry("skipped", 34);

        Map<String, String> outcomes = outcomes(report);
        for (String group : List.of("acme-corp", "infrastructure", "boxoffice", "backstage", "team-a", "team-b", "team-c",
                "team-d", "team-e")) {
            assertThat(outcomes).containsEntry("group:default/" + group, "created");
        }
        for (String component : List.of("artist-lookup", "petstore", "playback-sdk", "podcast-api", "queue-proxy",
                "wayback-archive", "wayback-archive-ingestion", "wayback-archive-storage", "wayback-search", "www-artist")) {
            assertThat(outcomes).containsEntry("component:default/" + component, "created");
        }
        assertThat(outcomes).containsEntry("component:alternative/different-namespace", "created");

        // The deliberate edge cases, each with a reason that names the problem.
        assertThat(outcomes).containsEntry("component:default/invalid component", "rejected");
        assertThat(reason(report, "component:default/invalid component"))
                .contains("metadata.name").contains("metadata.tags[1]").contains("spec.owner");
        assertThat(reason(report, "component:default/backstage-existing")).contains("cncf").contains("neither in this import nor in the catalog");
        assertThat(reason(report, "component:default/playback-order")).contains("group:default/guest");
        assertThat(reason(report, "component:default/searcher")).contains("is a user");
        assertThat(reason(report, "component:default/shuffle-api")).contains("is a user");
        assertThat(reason(report, "system:default/podcast")).contains("no phase");
        assertThat(reason(report, "user:default/guest")).contains("kind User is not imported");
        assertThat(reason(report, "api:default/hello-world")).contains("kind API is not imported");
        assertThat(report.getList("items.findAll { it.outcome == 'skipped' || it.outcome == 'rejected' }.reason"))
                .allSatisfy(r -> assertThat((String) r).isNotBlank());
    }

    @Test
    @Order(3)
    void importedGroupsAndComponentsLandWithOwnersAndLinks() {
        given().get("/api/teams/team-a").then().statusCode(200)
                .body("name", equalTo("team-a"))
                .body("parent", equalTo("backstage"))
                .body("contact.email", equalTo("team-a@example.com"));
        given().get("/api/teams/team-e").then().statusCode(200)
                .body("name", equalTo("Team E With A Very Very Very Very Big Name Size"));
        given().get("/api/products/artist-lookup").then().statusCode(200)
                .body("owner", equalTo("team-a"))
                .body("phase", equalTo("pre-launch"))
                .body("description", equalTo("Artist Lookup"))
                .body("tags", equalTo(List.of("java", "data")))
                .body("links.dashboard", equalTo("https://example.com/dashboard"))
                .body("links.examples-users", equalTo("https://example.com/user"));
        // The default type (service) is what the export writes for a product without a type
        // annotation, so it is not kept; any other type is.
        given().get("/api/products/wayback-search").then().statusCode(200)
                .body("owner", equalTo("team-a"))
                .body("phase", equalTo("pmf"))
                .body("annotations", not(hasKey("pillarboard.dev/backstage-type")));
        given().get("/api/products/www-artist").then().statusCode(200)
                .body("annotations.'pillarboard.dev/backstage-type'", equalTo("website"));
        given().get("/api/products/different-namespace").then().statusCode(200)
                .body("owner", equalTo("team-a"))
                .body("annotations.'pillarboard.dev/backstage-namespace'", equalTo("alternative"));
        given().get("/api/products/petstore").then().statusCode(200)
                .body("links.github-repo", equalTo("https://github.com/swagger-api/swagger-petstore"));
    }

    @Test
    @Order(4)
    void importingTheSameFilesAgainChangesNothing() throws IOException {
        long head = given().get("/api/changes?after=0&limit=1000").then().extract().jsonPath().getLong("lastRevision");
        JsonPath report = importYaml(allExamples(), false);
        assertThat(report.getInt("counts.unchanged")).isEqualTo(20);
        assertThat(report.getInt("counts.created") + report.getInt("counts.updated")).isZero();
        assertThat(given().get("/api/changes?after=" + head).then().extract().jsonPath().getList("items"))
                .as("an unchanged import writes nothing").isEmpty();
    }

    @Test
    @Order(5)
    void exportReimportsToTheSameCatalog() {
        String export = given().get("/api/export").then().statusCode(200)
                .contentType(containsString("yaml"))
                .extract().asString();
        assertThat(export).contains("kind: Group").contains("kind: Component").contains("pillarboard.dev/phase: pre-launch");

        JsonPath report = importYaml(export, true);
        assertThat(report.getInt("counts.created") + report.getInt("counts.updated") + report.getInt("counts.rejected")
                + report.getInt("counts.skipped")).as("every exported entity re-imports unchanged").isZero();
        assertThat(report.getInt("counts.unchanged")).isEqualTo(report.getList("items").size());

        // The exported file is itself stable: exporting again gives the same text.
        given().get("/api/export").then().statusCode(200).body(equalTo(export));
    }

    @Test
    @Order(6)
    void anUpdatedDescriptorReportsUpdated() {
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: artist-lookup
                  description: Artist Lookup, now with a runbook
                  annotations:
                    pillarboard.dev/tier: "1"
                  links:
                    - url: https://runbooks.example.com/artist-lookup
                      title: Runbook
                spec:
                  type: service
                  lifecycle: production
                  owner: group:default/team-a
                """;
        // The dry run names what the update changes: the fields, and the phase and tier with their old and new value.
        JsonPath dryRun = importYaml(yaml, true);
        assertThat(dryRun.getList("items.find { it.ref == 'component:default/artist-lookup' }.changes", String.class))
                .containsExactly("description", "phase: pre-launch → pmf", "tier: 3 → 1", "tags", "links");
        JsonPath report = importYaml(yaml, false);
        assertThat(outcomes(report)).containsEntry("component:default/artist-lookup", "updated");
        assertThat(report.getList("items.find { it.ref == 'component:default/artist-lookup' }.changes", String.class))
                .isEqualTo(dryRun.getList("items.find { it.ref == 'component:default/artist-lookup' }.changes", String.class));
        // Created and unchanged documents list no changes.
        assertThat(importYaml(yaml, true).getList("items[0].changes")).isNull();
        // A team's update names its fields too, the parent with its old and new value.
        JsonPath team = importYaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: team-a
                spec:
                  type: team
                  profile:
                    displayName: Team A, renamed
                  children: []
                """, true);
        assertThat(team.getList("items[0].changes", String.class)).containsExactly("name", "contact.email", "parent: backstage → none");
        given().get("/api/products/artist-lookup").then()
                .body("phase", equalTo("pmf"))
                .body("tier", equalTo(1))
                .body("links.runbook", equalTo("https://runbooks.example.com/artist-lookup"));
    }

    @Test
    void unmappedLifecycleIsSkippedWithTheReason() {
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: old-thing
                spec:
                  type: service
                  lifecycle: deprecated
                  owner: team-a
                """;
        JsonPath report = importYaml(yaml, true);
        assertThat(report.getString("items[0].outcome")).isEqualTo("skipped");
        assertThat(report.getString("items[0].reason")).contains("deprecated").contains("pillarboard.dev/phase");
    }

    @Test
    void phaseAnnotationWinsOverLifecycleAndOwnerFormsAreAllUnderstood() {
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: owners-team
                spec:
                  type: team
                  children: []
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: owner-form-bare
                  annotations:
                    pillarboard.dev/phase: pre-pmf
                spec:
                  type: service
                  lifecycle: production
                  owner: owners-team
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: owner-form-kind
                spec:
                  type: service
                  lifecycle: production
                  owner: group:owners-team
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: owner-form-full
                spec:
                  type: service
                  lifecycle: experimental
                  owner: group:default/Owners-Team
                """;
        JsonPath report = importYaml(yaml, false);
        assertThat(report.getList("items.outcome")).containsOnly("created");
        given().get("/api/products/owner-form-bare").then().body("phase", equalTo("pre-pmf")).body("owner", equalTo("owners-team"))
                .body("annotations", equalTo(Map.of()));
        given().get("/api/products/owner-form-kind").then().body("owner", equalTo("owners-team"));
        given().get("/api/products/owner-form-full").then().body("owner", equalTo("owners-team")).body("phase", equalTo("pre-launch"));
    }

    static String group(String slug, String parent) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                spec:
                  type: team
                  children: []
                """.formatted(slug) + (parent == null ? "" : "  parent: " + parent + "\n");
    }

    @Test
    void moreProductsThanOneStatementWritesAreAllStoredWithTheirOwnRevisionAndFields() {
        // The writer upserts products in sets of 2,000 per statement: 2,100 take two, the second one partial.
        String team = Fixtures.unique("bulk");
        int count = 2_100;
        StringBuilder yaml = new StringBuilder(group(team, null));
        for (int i = 1; i <= count; i++) {
            yaml.append("""
                    ---
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: %1$s-%2$d
                      description: "Bulk product %2$d: yes, 1.10, 2026-01-01"
                      tags: [bulk, n%2$d]
                      links:
                        - url: https://runbooks.example.com/%1$s/%2$d
                          title: Runbook
                      annotations:
                        pillarboard.dev/tier: "%3$d"
                    spec:
                      type: service
                      lifecycle: experimental
                      owner: %1$s
                    """.formatted(team, i, 1 + i % 3));
        }
        JsonPath report = importYaml(yaml.toString(), false);
        assertThat(report.getInt("counts.created")).isEqualTo(count + 1);

        given().queryParam("owner", team).queryParam("size", 1).get("/api/products")
                .then().statusCode(200).body("total", equalTo(count));
        List<Long> revisions = new ArrayList<>();
        for (int i : new int[] { 1, 2, 2_000, 2_001, count }) {
            JsonPath product = given().get("/api/products/" + team + "-" + i).then().statusCode(200).extract().jsonPath();
            assertThat(product.getString("name")).isEqualTo(team + "-" + i);
            assertThat(product.getString("description")).isEqualTo("Bulk product " + i + ": yes, 1.10, 2026-01-01");
            assertThat(product.getString("owner")).isEqualTo(team);
            assertThat(product.getString("phase")).isEqualTo("pre-launch");
            assertThat(product.getInt("tier")).isEqualTo(1 + i % 3);
            assertThat(product.getList("tags", String.class)).containsExactlyInAnyOrder("bulk", "n" + i);
            assertThat(product.getString("links.runbook")).isEqualTo("https://runbooks.example.com/" + team + "/" + i);
            revisions.add(product.getLong("revision"));
        }
        // One revision per product, in the file's order, across the statements.
        assertThat(revisions).isSorted().doesNotHaveDuplicates();
        assertThat(revisions.get(revisions.size() - 1) - revisions.get(0)).isEqualTo(count - 1);

        // Imported again unchanged, nothing is written; changed, every product is updated across the sets.
        JsonPath again = importYaml(yaml.toString(), false);
        assertThat(again.getInt("counts.unchanged")).isEqualTo(count + 1);
        JsonPath changed = importYaml(yaml.toString().replace("lifecycle: experimental", "lifecycle: production"), false);
        assertThat(changed.getInt("counts.updated")).isEqualTo(count);
        for (int i : new int[] { 1, 2_001, count }) {
            given().get("/api/products/" + team + "-" + i).then().statusCode(200)
                    .body("phase", equalTo("pmf"))
                    .body("links.runbook", equalTo("https://runbooks.example.com/" + team + "/" + i));
        }
    }

    @Test
    void aParentCycleThroughTeamsAlreadyInTheCatalogIsRejected() {
        String root = Fixtures.unique("cyc-root");
        String child = Fixtures.unique("cyc-child");
        importYaml(group(root, null) + "---\n" + group(child, root), false);

        // root's new parent would be its own child, whose parent (root) is in the catalog.
        JsonPath report = importYaml(group(root, child), false);
        assertThat(report.getString("items[0].outcome")).isEqualTo("rejected");
        assertThat(report.getString("items[0].reason")).contains("spec.parent").contains("cycle")
                .contains(root + " -> " + child + " -> " + root).contains("in the catalog: " + child + " -> " + root);
        given().get("/api/teams/{slug}", root).then().statusCode(200).body("parent", equalTo(null));

        // A longer way round: a -> b in the catalog, then b -> c and c -> a in one import.
        String a = Fixtures.unique("cyc-a");
        String b = Fixtures.unique("cyc-b");
        String c = Fixtures.unique("cyc-c");
        importYaml(group(b, null) + "---\n" + group(a, b), false);
        report = importYaml(group(b, c) + "---\n" + group(c, a), true);
        assertThat(report.getList("items.outcome")).containsExactly("rejected", "rejected");
        assertThat(report.getString("items[0].reason")).contains(b + " -> " + c + " -> " + a + " -> " + b);
    }

    @Test
    void aTeamRejectedForACycleKeepsItsCatalogParentWhichCanCloseAnotherCycle() {
        String p = Fixtures.unique("cyc-p");
        String r = Fixtures.unique("cyc-r");
        String s = Fixtures.unique("cyc-s");
        String q = Fixtures.unique("cyc-q");
        importYaml(group(p, null) + "---\n" + group(r, p) + "---\n" + group(s, r), false);
        // r <-> q is a cycle within the import, so r keeps its catalog parent p; then p -> s would
        // close p -> s -> r -> p through the catalog.
        JsonPath report = importYaml(group(r, q) + "---\n" + group(q, r) + "---\n" + group(p, s), false);
        assertThat(report.getList("items.outcome")).containsExactly("rejected", "rejected", "rejected");
        assertThat(report.getString("items[2].reason")).contains(p + " -> " + s + " -> " + r + " -> " + p)
                .contains("in the catalog: " + s + " -> " + r + ", " + r + " -> " + p);
        given().get("/api/teams/{slug}", p).then().body("parent", equalTo(null));
        given().get("/api/teams/{slug}", r).then().body("parent", equalTo(p));
    }

    @Test
    void controlCharactersInADescriptorRejectTheDocumentNamingTheField() {
        String owner = Fixtures.unique("ctl-team");
        String slug = Fixtures.unique("ctl");
        JsonPath report = importYaml(group(owner, null) + """
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  title: "Nul\\0Title"
                  annotations:
                    example.com/bell: "ding\\a"
                spec:
                  type: service
                  lifecycle: production
                  owner: %s
                """.formatted(slug, owner), false);
        assertThat(report.getString("items[1].outcome")).isEqualTo("rejected");
        assertThat(report.getString("items[1].reason")).contains("metadata.title: must not contain control characters")
                .contains("metadata.annotations.example.com/bell:").doesNotContain("\u0000");
        given().get("/api/products/{slug}", slug).then().statusCode(404);

        // A raw NUL is not even YAML: 400 with the line.
        yaml("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\u0000b\n")
                .post("/api/import")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 4"))
                .body("detail", containsString("U+0000"));
    }

    static String component(String slug, String owner, String metadata) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                %s
                spec:
                  type: service
                  lifecycle: production
                  owner: %s
                """.formatted(slug, metadata.indent(2).stripTrailing(), owner);
    }

    @Test
    void annotationValuesAndTagsMustBeTextSoRecursiveAliasesAreRejectedNotStringified() {
        String owner = Fixtures.unique("alias-team");
        String recursiveAnnotations = Fixtures.unique("alias-ann");
        String recursiveTags = Fixtures.unique("alias-tags");
        String listAnnotation = Fixtures.unique("alias-list");
        JsonPath report = importYaml(group(owner, null)
                + "---\n" + component(recursiveAnnotations, owner, "annotations: &a {x: [*a]}")
                + "---\n" + component(recursiveTags, owner, "tags: &t [java, *t]")
                + "---\n" + component(listAnnotation, owner, "annotations:\n  example.com/list: [a, b]\n  example.com/ok: yes"), false);
        assertThat(report.getList("items.outcome")).containsExactly("created", "rejected", "rejected", "rejected");
        assertThat(report.getString("items[1].reason")).isEqualTo("metadata.annotations.x: must be text, not a list");
        assertThat(report.getString("items[2].reason")).isEqualTo("metadata.tags[1]: must be text, not a list");
        assertThat(report.getString("items[3].reason")).isEqualTo("metadata.annotations.example.com/list: must be text, not a list");
    }

    @Test
    void aMappingKeyThatIsNotTextIs400WithTheLine() {
        yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: &m
                  name: x
                  other: [*m]
                  ? [*m]
                  : recursive
                """)
                .post("/api/import")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 6"))
                .body("detail", containsString("key"));
    }

    @Test
    void notYamlIs400WithTheLine() {
        yaml("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n  title: a: b\nspec:\n  owner: t\n")
                .post("/api/import")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("Not valid YAML at line 5, column 11: mapping values are not allowed here"))
                .body("violations[0].field", equalTo("line 5"));
        // In a later document, the line is counted from the start of the body.
        yaml(group(Fixtures.unique("lines"), null) + "---\nkind: Group\nmetadata:\n  name: [unclosed\nspec: {}\n")
                .post("/api/import")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("line 12"));
    }

    @Test
    void aDryRunLeavesTheChangeFeedWhereItWas() {
        long head = ChangeFeedTest.latestRevision();
        String team = Fixtures.unique("dry-team");
        String slug = Fixtures.unique("dry");
        JsonPath report = importYaml(group(team, null) + "---\n" + component(slug, team, "title: Dry"), true);
        assertThat(report.getList("items.outcome")).containsExactly("created", "created");
        assertThat(ChangeFeedTest.latestRevision()).isEqualTo(head);
        given().get("/api/changes?after=" + head).then().statusCode(200).body("items.size()", equalTo(0))
                .body("lastRevision", equalTo((int) head));
        given().get("/api/teams/{slug}", team).then().statusCode(404);
        given().get("/api/products/{slug}", slug).then().statusCode(404);
    }

    @Test
    void importsAreLimitedByTheirOwnBodyLimit() throws Exception {
        // The test profile sets the import limit to 4 MiB (production: 32 MiB); JSON bodies stop at 1 MiB.
        String team = Fixtures.unique("big");
        String padding = "# " + "x".repeat(100) + "\n";
        String twoMiB = group(team, null) + padding.repeat(2 * 1024 * 1024 / padding.length());
        importYaml(twoMiB, false);
        given().get("/api/teams/{slug}", team).then().statusCode(200);

        String fiveMiB = group(Fixtures.unique("big"), null) + padding.repeat(5 * 1024 * 1024 / padding.length());
        yaml(fiveMiB).post("/api/import")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("4194304"));
        // Without a Content-Length (chunked), the same limit holds while the body is read.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/api/import"))
                .header("Content-Type", "application/yaml")
                .version(HttpClient.Version.HTTP_1_1)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(fiveMiB.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("4194304");
    }

    @Test
    void aliasBombIsRefusedNotExpanded() {
        String bomb = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                """;
        yaml(bomb)
                .post("/api/import")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("alias"));
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void developersMayNotImport() {
        yaml("kind: Group\n")
                .post("/api/import")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aMisspeltDryRunIsRefusedRatherThanIgnored() {
        yaml("kind: Group\n").queryParam("dryRun", "yes")
                .post("/api/import")
                .then().statusCode(400)
                .body("violations.field", hasItem("dryRun"));
    }
}
