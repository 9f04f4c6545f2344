package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.createProduct;
import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static dev.pillarboard.catalog.Fixtures.yaml;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Defects the reliability suite's bad-input corpus found (reliability-tests' BadInputIT applies the whole corpus to
 * the packaged service): each is a 400 problem in the API's words, and nothing is stored.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class BadInputTest {

    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("java")))
                .body("detail", not(containsString("`")));
    }

    @Test
    void textIsNeverReadFromANumberOrABoolean() {
        String owner = team(unique("team"));
        String slug = unique("p");
        Object[][] cases = { { "name", 5, "name" }, { "name", true, "name" }, { "description", 5.5, "description" },
                { "tags", List.of("java", 5), "tags[1]" }, { "annotations", Map.of("example.com/flag", true), "annotations.example.com/flag" } };
        for (Object[] c : cases) {
            Map<String, Object> body = new HashMap<>(product(slug, owner));
            body.put((String) c[0], c[1]);
            problem(given().contentType(ContentType.JSON).body(body).post("/api/products").then(), 400)
                    .body("violations[0].field", equalTo(c[2]))
                    .body("violations[0].message", equalTo("expected a string"));
        }
        given().get("/api/products/{slug}", slug).then().statusCode(404);
        String teamSlug = unique("team");
        problem(given().contentType(ContentType.JSON)
                .body(Map.of("slug", teamSlug, "name", 42, "contact", Map.of("email", "a@example.com")))
                .post("/api/teams").then(), 400)
                .body("violations[0].field", equalTo("name"));
        given().get("/api/teams/{slug}", teamSlug).then().statusCode(404);
    }

    @Test
    void aBodyIsOneJsonValueWithEachFieldOnce() {
        String owner = team(unique("team"));
        String slug = unique("p");
        String etag = createProduct(slug, owner);
        for (String patch : new String[] { "{\"tier\": 1} {\"tier\": 3}", "{\"tier\": 1}]", "{\"tier\": 1, \"tier\": 3}" }) {
            problem(given().contentType("application/merge-patch+json").header("If-Match", etag).body(patch)
                    .patch("/api/products/{slug}", slug).then(), 400);
        }
        given().get("/api/products/{slug}", slug).then().header("ETag", etag).body("tier", equalTo(2));
        String other = unique("p");
        String twice = "{\"slug\": \"" + other + "\", \"slug\": \"" + unique("p") + "\", \"name\": \"Twice\", \"owner\": \""
                + owner + "\", \"phase\": \"pre-pmf\", \"tier\": 2}";
        problem(given().contentType(ContentType.JSON).body(twice).post("/api/products").then(), 400)
                .body("detail", containsString("slug"));
        given().get("/api/products/{slug}", other).then().statusCode(404);
        problem(given().contentType(ContentType.JSON).body("{\"slug\": \"" + other + "\"} {}").post("/api/teams").then(), 400)
                .body("violations[0].field", equalTo("body"));
    }

    @Test
    void aJsonBodyThatIsNotUtf8Is400NamingTheByteEvenWhereTheReaderWouldDecodeIt() {
        String owner = team(unique("team"));
        String slug = unique("p");
        String before = "{\"slug\": \"" + slug + "\", \"owner\": \"" + owner
                + "\", \"phase\": \"pre-pmf\", \"tier\": 2, \"name\": \"a";
        int offset = before.getBytes(StandardCharsets.UTF_8).length;
        // An overlong "/" (C0 AF), an overlong "/" in three bytes, a surrogate, a code point beyond U+10FFFF, a
        // sequence cut short by the quote: the first two the JSON reader alone decoded into "/".
        byte[][] bads = { { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xE0, (byte) 0x80, (byte) 0xAF },
                { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, { (byte) 0xE2, (byte) 0x82 } };
        for (byte[] bad : bads) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(before.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bad);
            body.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
            problem(given().config(RestAssured.config().encoderConfig(
                    EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                    .contentType("application/json").body(body.toByteArray()).post("/api/products").then(), 400)
                    .body("detail", containsString("not valid UTF-8 at byte offset " + offset + " (line 1)"));
        }
        given().get("/api/products/{slug}", slug).then().statusCode(404);
    }

    @Test
    void aSemicolonInTheQueryIsPartOfTheValueAndAParameterIsGivenOnce() {
        String owner = team(unique("team"));
        problem(given().urlEncodingEnabled(false).get("/api/products?sort=name;drop").then(), 400)
                .body("violations[0].field", equalTo("sort"))
                .body("violations[0].message", containsString("'name;drop'"))
                .body("violations[0].message", containsString("use name, updatedAt or tier"));
        problem(given().urlEncodingEnabled(false).get("/api/products?sort=-tier;&size=5").then(), 400)
                .body("violations[0].field", equalTo("sort"));
        // A parameter given twice was read once (the first): a 400 naming it.
        problem(given().urlEncodingEnabled(false).get("/api/products?sort=name&sort=-tier").then(), 400)
                .body("violations[0].field", equalTo("sort"))
                .body("violations[0].message", containsString("more than once"));
        problem(given().urlEncodingEnabled(false).get("/api/products?owner=" + owner + "&owner=other").then(), 400)
                .body("violations[0].field", equalTo("owner"));
        // The same holds for every parameter: a search for "semi;colon" finds that text, not "semi".
        Map<String, Object> semi = new HashMap<>(product(unique("p"), owner));
        semi.put("name", "Alpha semi");
        given().contentType(ContentType.JSON).body(semi).post("/api/products").then().statusCode(201);
        Map<String, Object> colon = new HashMap<>(product(unique("p"), owner));
        colon.put("name", "Beta semi;colon");
        given().contentType(ContentType.JSON).body(colon).post("/api/products").then().statusCode(201);
        given().urlEncodingEnabled(false).get("/api/products?owner=" + owner + "&q=semi;colon").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].name", equalTo("Beta semi;colon"));
    }

    @Test
    void anImportWithAVeryLongLineIs400NamingTheLineBeforeTheYamlReaderScansIt() {
        String name = unique("long");
        String descriptor = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: %s
                spec:
                  type: service
                  lifecycle: production
                  owner: group:nobody
                """.formatted(name, "x".repeat(100_000));
        long started = System.nanoTime();
        problem(yaml(descriptor).post("/api/import").then(), 400)
                .body("violations[0].field", equalTo("line 5"))
                .body("detail", containsString("longer than 65536 characters"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(2_000);
        // At the limit the file is read (the component is rejected for its owner, not for its line).
        yaml(descriptor.replace("x".repeat(100_000), "x".repeat(60_000))).queryParam("dryRun", "true").post("/api/import")
                .then().statusCode(200).body("items[0].outcome", equalTo("rejected"));
    }

    @Test
    void aKeyTwiceInOneMappingIs400NamingTheLineAndNothingIsImported() {
        String owner = team(unique("team"));
        String first = unique("twice");
        String second = unique("twice");
        String descriptor = """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  name: %s
                spec:
                  type: service
                  lifecycle: production
                  owner: group:%s
                """.formatted(first, second, owner);
        problem(yaml(descriptor).post("/api/import").then(), 400)
                .body("violations[0].field", equalTo("line 5"))
                .body("violations[0].message", equalTo("the key 'name' appears twice in one mapping"));
        given().get("/api/products/{slug}", first).then().statusCode(404);
        given().get("/api/products/{slug}", second).then().statusCode(404);
    }

    @Test
    void yamlNestedTooDeepIsRefusedInTheApisWords() {
        String deep = "a: " + "[".repeat(60) + "]".repeat(60) + "\n";
        problem(yaml(deep).post("/api/import").then(), 400)
                .body("detail", equalTo("refused: the YAML is nested deeper than 50 levels"));
    }

    @Test
    void aDeleteWithABodyIsRefusedAndDeletesNothing() {
        String owner = team(unique("team"));
        String slug = unique("p");
        String etag = createProduct(slug, owner);
        problem(given().contentType(ContentType.JSON).header("If-Match", etag).body("{\"reason\": \"cleanup\"}")
                .delete("/api/products/{slug}", slug).then(), 400)
                .body("detail", containsString("takes no request body"));
        given().get("/api/products/{slug}", slug).then().statusCode(200).header("ETag", etag);
        String empty = team(unique("team"));
        String emptyEtag = given().get("/api/teams/{slug}", empty).then().extract().header("ETag");
        problem(given().contentType(ContentType.JSON).header("If-Match", emptyEtag).body("{}").delete("/api/teams/{slug}", empty)
                .then(), 400);
        given().get("/api/teams/{slug}", empty).then().statusCode(200);
        // Without a body they delete.
        given().header("If-Match", etag).delete("/api/products/{slug}", slug).then().statusCode(204);
        given().header("If-Match", emptyEtag).delete("/api/teams/{slug}", empty).then().statusCode(204);
    }
}
