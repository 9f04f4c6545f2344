package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.testing.StreamedBody;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Bad input always gets a clear 4xx problem document; never a 500, a stack trace, or a half write. */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ErrorHandlingTest {

    @TestHTTPResource("/api/products")
    URI products;

    @Test
    void malformedJsonIs400WithTheLocation() {
        given().contentType(ContentType.JSON).body("{\"slug\": \"x\", ")
                .post("/api/products")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 1"))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("jackson")));
    }

    @Test
    void wrongTypesNameTheField() {
        Map<String, Object> body = new HashMap<>(product(unique("p"), "t"));
        body.put("tier", "high");
        given().contentType(ContentType.JSON).body(body)
                .post("/api/products")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("tier"))
                .body("violations[0].message", containsString("integer"));
        body.put("tier", 1);
        body.put("tags", "java");
        given().contentType(ContentType.JSON).body(body).post("/api/products")
                .then().statusCode(400).body("violations[0].field", equalTo("tags"));
    }

    @Test
    void numbersAreNeitherTruncatedNorReadFromStrings() {
        String owner = team(unique("team"));
        String slug = unique("p");
        Map<String, Object> body = new HashMap<>(product(slug, owner));
        for (Object tier : new Object[] { 2.7, 2.0, "2", "" }) {
            body.put("tier", tier);
            given().contentType(ContentType.JSON).body(body).post("/api/products")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("tier"))
                    .body("violations[0].message", containsString("integer"));
        }
        given().get("/api/products/{slug}", slug).then().statusCode(404);
        body.put("tier", 2);
        String etag = given().contentType(ContentType.JSON).body(body).post("/api/products").then().statusCode(201)
                .extract().header("ETag");
        for (String patch : new String[] { "{\"tier\": 1.5}", "{\"tier\": \"1\"}" }) {
            given().contentType("application/merge-patch+json").header("If-Match", etag).body(patch)
                    .patch("/api/products/{slug}", slug)
                    .then().statusCode(400).body("violations[0].field", equalTo("tier"));
        }
        given().get("/api/products/{slug}", slug).then().body("tier", equalTo(2)).header("ETag", etag);
    }

    @Test
    void unknownFieldsAreRefusedSoTyposAreNotSilentlyLost() {
        Map<String, Object> body = new HashMap<>(product(unique("p"), "t"));
        body.put("descripton", "typo");
        given().contentType(ContentType.JSON).body(body).post("/api/products")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("descripton"))
                .body("violations[0].message", equalTo("unknown field"));
    }

    @Test
    void emptyOrNullBodyIs400() {
        given().contentType(ContentType.JSON).body("null").post("/api/products")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).post("/api/products")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void boundsAreEnforced() {
        String owner = team(unique("team"));
        Map<String, Object> body = new HashMap<>(product(unique("p"), owner));
        body.put("name", "x".repeat(201));
        body.put("description", "y".repeat(4001));
        body.put("tags", java.util.Collections.nCopies(33, "t"));
        given().contentType(ContentType.JSON).body(body).post("/api/products")
                .then().statusCode(400)
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("description"))
                .body("violations.field", hasItem("tags"));
    }

    @Test
    void oversizedBodyIs413Problem() {
        String huge = "{\"slug\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(huge).post("/api/products")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("1048576"));
    }

    /** Sends a body without a Content-Length: chunked over HTTP/1.1, in frames over HTTP/2 (h2c). */
    static HttpResponse<String> sendUnsized(HttpClient.Version version, String method, URI uri, String contentType, byte[] body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .header("If-Match", "\"0\"")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newBuilder().version(version).build().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oversizedBodyWithoutContentLengthIs413ProblemToo() throws Exception {
        String owner = team(unique("team"));
        String slug = unique("chunked");
        byte[] huge = ("{\"slug\": \"" + slug + "\", \"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpResponse<String> response = sendUnsized(version, "POST", products, "application/json", huge);
            assertThat(response.statusCode()).as(version + ": " + response.body()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("1048576");
            // A merge patch is read as text, not by Jackson: limited all the same.
            response = sendUnsized(version, "PATCH", products.resolve("/api/products/" + slug), "application/merge-patch+json", huge);
            assertThat(response.statusCode()).as(version + " patch: " + response.body()).isEqualTo(413);
        }
        given().get("/api/products/{slug}", slug).then().statusCode(404);

        // A body within the limit is read as usual.
        byte[] small = new ObjectMapper().writeValueAsBytes(product(slug, owner));
        assertThat(sendUnsized(HttpClient.Version.HTTP_1_1, "POST", products, "application/json", small).statusCode()).isEqualTo(201);
    }

    /**
     * Over the ceiling, Quarkus itself refused a declared Content-Length with a bare 413 (no body): now the same problem
     * as below it, quoting the endpoint's limit, sent before the body is read, and the connection is closed.
     */
    @Test
    void bodyOverTheNetworkCeilingWithContentLengthIs413ProblemBeforeItIsRead() throws Exception {
        String owner = team(unique("team"));
        String slug = unique("ceiling");
        long head = ChangeFeedTest.head();
        byte[] start = ("{\"slug\": \"" + slug + "\", \"owner\": \"" + owner + "\", \"name\": \"").getBytes(StandardCharsets.UTF_8);
        StreamedBody.Answer answer = StreamedBody.send(products, "POST", "/api/products", Map.of("Content-Type", "application/json"),
                start, StreamedBody.ceiling() + 1, 256 * 1024);
        StreamedBody.assertTooLarge(answer, "/api/products", 1048576);
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(answer.closed()).as("%s", answer).isTrue();
        // The import has a limit of its own (4 MiB in tests), and the answer says so.
        answer = StreamedBody.send(products, "POST", "/api/import", Map.of("Content-Type", "application/yaml"),
                "apiVersion: backstage.io/v1alpha1\n".getBytes(StandardCharsets.UTF_8), StreamedBody.ceiling() + 1, 256 * 1024);
        StreamedBody.assertTooLarge(answer, "/api/import", 4194304);
        given().get("/api/products/{slug}", slug).then().statusCode(404);
        assertThat(ChangeFeedTest.head()).isEqualTo(head);
    }

    /**
     * A chunked body is refused at the endpoint's limit while it is read, long before the ceiling: the answer comes
     * then, not after the client has finished (a JSON body used to be read to its end first, however long), and the
     * server stops reading at the ceiling (it used to read on as long as the client sent).
     */
    @Test
    void bodyWithoutContentLengthStreamingPastTheCeilingIs413ProblemAndIsNotReadPastIt() throws Exception {
        String owner = team(unique("team"));
        String slug = unique("ceilingc");
        given().contentType(ContentType.JSON).body(product(slug, owner)).post("/api/products").then().statusCode(201);
        long head = ChangeFeedTest.head();
        long ceiling = StreamedBody.ceiling();
        for (String[] request : new String[][] {
                { "POST", "/api/products", "application/json", "{\"slug\": \"" + unique("ceilingc") + "\", \"owner\": \"" + owner + "\", \"name\": \"" },
                { "PATCH", "/api/products/" + slug, "application/merge-patch+json", "{\"description\": \"" } }) {
            String etag = given().get("/api/products/{slug}", slug).then().extract().header("ETag");
            StreamedBody.Answer answer = StreamedBody.send(products, request[0], request[1],
                    Map.of("Content-Type", request[2], "If-Match", etag), request[3].getBytes(StandardCharsets.UTF_8),
                    StreamedBody.CHUNKED, ceiling + 16 * 1024 * 1024);
            StreamedBody.assertTooLarge(answer, request[1], 1048576);
            assertThat(answer.sentWhenAnswered()).as("answered while the body was arriving: %s", answer).isLessThan(ceiling);
            assertThat(answer.refusedMore()).as("stopped reading at the ceiling: %s", answer).isTrue();
            assertThat(answer.sent()).as("%s", answer).isLessThan(ceiling + 16 * 1024 * 1024);
        }
        given().get("/api/products/{slug}", slug).then().statusCode(200).body("description", not(containsString("xxxx")));
        assertThat(ChangeFeedTest.head()).isEqualTo(head);
    }

    /**
     * A chunked body refused for what it says (here not JSON at all) is answered as soon as that is known, not after
     * the rest of it: the JSON reader closes the body as it gives up, and closing used to read everything the client
     * went on sending before the answer could go out. Now what is left is read only up to the endpoint's limit.
     */
    @Test
    void aBadChunkedBodyIsAnsweredWithoutReadingTheRestOfIt() throws Exception {
        long head = ChangeFeedTest.head();
        long ceiling = StreamedBody.ceiling();
        StreamedBody.Answer answer = StreamedBody.send(products, "POST", "/api/products", Map.of("Content-Type", "application/json"),
                "{\"slug\": x".getBytes(StandardCharsets.UTF_8), StreamedBody.CHUNKED, ceiling + 16 * 1024 * 1024);
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("not well-formed JSON at line 1");
        assertThat(answer.sentWhenAnswered()).as("answered while the body was arriving: %s", answer).isLessThan(ceiling);
        assertThat(answer.refusedMore()).as("stopped reading at the ceiling: %s", answer).isTrue();
        assertThat(ChangeFeedTest.head()).isEqualTo(head);
    }

    @Test
    void badQueryParametersAre400() {
        given().get("/api/products?sort=price").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("sort"))
                .body("detail", containsString("name, updatedAt or tier"));
        given().get("/api/products?size=101").then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().get("/api/products?page=-1").then().statusCode(400).body("violations[0].field", equalTo("page"));
        given().get("/api/products?tier=four").then().statusCode(400).body("violations[0].field", equalTo("tier"));
    }

    @Test
    void controlCharactersInJsonFieldsAre400NamingTheField() {
        String owner = team(unique("team"));
        Map<String, Object> body = new HashMap<>(product(unique("p"), owner));
        body.put("name", "Nul\u0000Name");
        given().contentType(ContentType.JSON).body(body).post("/api/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"))
                .body("violations[0].message", containsString("control characters"));
        body.put("name", "Bell\u0007");
        given().contentType(ContentType.JSON).body(body).post("/api/products")
                .then().statusCode(400).body("violations[0].field", equalTo("name"));
        body.put("name", "Fine");
        body.put("description", "nul \u0000 here");
        given().contentType(ContentType.JSON).body(body).post("/api/products")
                .then().statusCode(400).body("violations[0].field", equalTo("description"));
        body.put("description", "");
        body.put("annotations", Map.of("example.com/x", "\u0000"));
        given().contentType(ContentType.JSON).body(body).post("/api/products")
                .then().statusCode(400).body("violations[0].field", equalTo("annotations.example.com/x"));

        // Tabs and line breaks are fine in descriptions and annotation values.
        body.put("description", "line one\r\nline two\twith a tab");
        body.put("annotations", Map.of("example.com/x", "a\nb"));
        String etag = given().contentType(ContentType.JSON).body(body).post("/api/products")
                .then().statusCode(201).body("description", equalTo("line one\r\nline two\twith a tab"))
                .extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"name\": \"x\\u0000\"}")
                .patch("/api/products/{slug}", body.get("slug"))
                .then().statusCode(400).body("violations[0].field", equalTo("name"));

        given().contentType(ContentType.JSON).body(Map.of("slug", unique("t"), "name", "T\u0000"))
                .post("/api/teams").then().statusCode(400).body("violations[0].field", equalTo("name"));
        given().contentType(ContentType.JSON).body(Map.of("slug", unique("t"), "name", "T", "contact", Map.of("chat", "#a\u0000")))
                .post("/api/teams").then().statusCode(400).body("violations[0].field", equalTo("contact.chat"));
    }

    @Test
    void controlCharactersInQueryParametersAre400NamingTheParameter() {
        // Refused by common's PlainParameters filter before any resource method runs.
        for (String parameter : new String[] { "q", "owner", "phase", "tag" }) {
            given().queryParam(parameter, "\u0000").get("/api/products")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(parameter));
        }
        given().queryParam("q", "a\u0000b").get("/api/teams")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("q"));
    }

    @Test
    void controlCharactersInPathsAre400() {
        given().get("/api/products/{slug}", "\u0000").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("path"));
        given().get("/api/teams/{slug}", "a\u0000").then().statusCode(400).body("violations[0].field", equalTo("path"));
        given().header("If-Match", "\"1\"").delete("/api/products/{slug}", "x\u0000").then().statusCode(400);
    }

    @Test
    void unknownPathsMethodsAndMediaTypesAreProblems() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/products").then().statusCode(405).contentType("application/problem+json");
        given().contentType(ContentType.XML).body("<product/>").post("/api/products")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void teamCrudAndItsConflicts() {
        String parent = team(unique("parent"));
        String child = unique("child");
        String etag = given().contentType(ContentType.JSON)
                .body(Map.of("slug", child, "name", "Child", "parent", parent, "contact", Map.of("chat", "#child")))
                .post("/api/teams").then().statusCode(201)
                .header("Location", containsString("/api/teams/" + child))
                .extract().header("ETag");
        given().contentType(ContentType.JSON).body(Map.of("slug", child, "name", "Again")).post("/api/teams")
                .then().statusCode(409);
        // A parent that is its own descendant would make a cycle.
        String parentEtag = given().get("/api/teams/{slug}", parent).then().extract().header("ETag");
        given().contentType(ContentType.JSON).header("If-Match", parentEtag)
                .body(Map.of("slug", parent, "name", "Parent", "parent", child))
                .put("/api/teams/{slug}", parent).then().statusCode(422).body("violations[0].field", equalTo("parent"));
        given().contentType(ContentType.JSON).body(Map.of("slug", unique("orphan"), "name", "O", "parent", "no-such-team"))
                .post("/api/teams").then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("slug", unique("bad"), "name", "B", "contact", Map.of("email", "not-an-email")))
                .post("/api/teams").then().statusCode(400).body("violations[0].field", equalTo("contact.email"));

        // A team that still owns products, or has children, cannot be deleted.
        Fixtures.createProduct(unique("owned"), child);
        given().header("If-Match", etag).delete("/api/teams/{slug}", child).then().statusCode(409)
                .body("detail", containsString("still owns 1 product"));
        given().header("If-Match", parentEtag).delete("/api/teams/{slug}", parent).then().statusCode(409)
                .body("detail", containsString("parent of 1 team"));

        String renamed = given().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("slug", child, "name", "Child Renamed", "parent", parent, "contact", Map.of("email", "c@example.com")))
                .put("/api/teams/{slug}", child).then().statusCode(200)
                .body("name", equalTo("Child Renamed"))
                .body("contact.email", equalTo("c@example.com"))
                .extract().header("ETag");
        given().header("If-Match", etag).delete("/api/teams/{slug}", child).then().statusCode(412);
        given().queryParam("q", "child renamed").get("/api/teams").then().statusCode(200)
                .body("items.slug", hasItem(child));
        given().get("/api/teams/{slug}", child).then().header("ETag", renamed);
    }

    @Test
    void openApiDescribesEveryEndpointAndItsErrors() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/products'.get.responses.'400'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/products/{slug}'.put.responses.'412'", not(equalTo(null)))
                .body("paths.'/api/products/{slug}'.patch.responses.'428'", not(equalTo(null)))
                .body("paths.'/api/changes'.get", not(equalTo(null)))
                .body("paths.'/api/import'.post.responses.'413'", not(equalTo(null)))
                .body("paths.'/api/export'.get", not(equalTo(null)))
                .body("paths.'/api/teams/{slug}'.delete.responses.'409'", not(equalTo(null)))
                .body("components.schemas.Problem.properties.violations", not(equalTo(null)));
    }

    @Test
    void metricsArePrometheusText() {
        given().get("/api/products").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds_count"));
    }
}
