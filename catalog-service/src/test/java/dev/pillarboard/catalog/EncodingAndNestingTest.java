package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.createProduct;
import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Bodies read as text (the merge patch, the Backstage import) are decoded strictly: bytes that are
 * not UTF-8 are a 400 naming where, never replacement characters in the catalog. A body nested
 * deeper than the JSON reader allows is a 400 in the API's words, without the reader's internals.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class EncodingAndNestingTest {

    /** The bytes of {@code before}, then {@code bad}, then the bytes of {@code after}. */
    static byte[] bytes(String before, byte[] bad, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A request whose Content-Type names no charset (rest-assured would add ISO-8859-1). */
    static RequestSpecification raw(String contentType, byte[] body) {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(contentType).body(body);
    }

    /** The change feed's head revision: where an empty page says the feed is. */
    static long head() {
        long after = 0;
        while (true) {
            var page = given().get("/api/changes?after=" + after + "&limit=1000").then().statusCode(200).extract().jsonPath();
            after = page.getLong("lastRevision");
            if (page.getList("items").isEmpty()) {
                return after;
            }
        }
    }

    static ValidatableResponse speaksTheApisLanguage(ValidatableResponse response) {
        return response.contentType("application/problem+json")
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("jackson")))
                .body("detail", not(containsString("`")))
                .body("detail", not(containsString("Source:")))
                .body("detail", not(containsString("\uFFFD")));
    }

    @Test
    void aMergePatchThatIsNotUtf8Is400NamingTheByteAndChangesNothing() {
        String owner = team(unique("team"));
        String slug = unique("p");
        String etag = createProduct(slug, owner);
        String before = "{\"description\": \"caf";
        // 0xC3 starts a two-byte sequence; 0x28 '(' cannot continue it. Then a lone 0xFF.
        for (byte[] bad : new byte[][] { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 } }) {
            speaksTheApisLanguage(raw("application/merge-patch+json", bytes(before, bad, "\"}")).header("If-Match", etag)
                    .patch("/api/products/{slug}", slug)
                    .then().statusCode(400))
                    .body("detail", containsString("not valid UTF-8"))
                    .body("detail", containsString("byte offset " + before.length()));
        }
        speaksTheApisLanguage(raw("application/merge-patch+json; charset=utf-8", bytes(before, new byte[] { (byte) 0xFF }, "\"}"))
                .header("If-Match", etag)
                .patch("/api/products/{slug}", slug)
                .then().statusCode(400))
                .body("detail", containsString("byte offset " + before.length()));
        given().get("/api/products/{slug}", slug).then().statusCode(200)
                .header("ETag", etag)
                .body("description", equalTo("Sells tickets to " + slug));
        // A client that says its body is ISO-8859-1 gets exactly the characters it sent.
        raw("application/merge-patch+json; charset=ISO-8859-1", bytes(before, new byte[] { (byte) 0xE9 }, "\"}"))
                .header("If-Match", etag)
                .patch("/api/products/{slug}", slug)
                .then().statusCode(200).body("description", equalTo("caf\u00e9"));
    }

    @Test
    void anImportThatIsNotUtf8Is400NamingTheLineAndImportsNothing() {
        long head = head();
        String slug = unique("utf");
        String before = """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                  description: caf""".formatted(slug);
        byte[] body = bytes(before, new byte[] { (byte) 0xE9 }, " au lait\nspec:\n  type: team\n  children: []\n");
        speaksTheApisLanguage(raw("application/yaml", body)
                .post("/api/import")
                .then().statusCode(400))
                .body("detail", containsString("not valid UTF-8"))
                .body("detail", containsString("line 5"))
                .body("detail", containsString("byte offset " + before.length()));
        given().get("/api/teams/{slug}", slug).then().statusCode(404);
        given().get("/api/changes?after=" + head).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aBodyNestedTooDeepIs400InTheApisWords() {
        String owner = team(unique("team"));
        String slug = unique("p");
        String etag = createProduct(slug, owner);
        String deep = "{\"annotations\": " + "{\"a\": ".repeat(1200) + "1" + "}".repeat(1200) + "}";
        speaksTheApisLanguage(given().contentType("application/merge-patch+json").header("If-Match", etag).body(deep)
                .patch("/api/products/{slug}", slug)
                .then().statusCode(400))
                .body("detail", containsString("nested deeper than 1000 levels"))
                .body("detail", not(containsString("StreamReadConstraints")));
        given().get("/api/products/{slug}", slug).then().statusCode(200).header("ETag", etag);
    }

    @Test
    void aTruncatedBodyNamesWhereItEndsWithoutTheReadersInternals() {
        String owner = team(unique("team"));
        String slug = unique("p");
        String etag = createProduct(slug, owner);
        speaksTheApisLanguage(given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"tags\": [\"a\",")
                .patch("/api/products/{slug}", slug)
                .then().statusCode(400))
                .body("detail", containsString("line 1"));
        speaksTheApisLanguage(given().contentType("application/json").body("{\"slug\": \"x\", \"tags\": [\"a\",")
                .post("/api/products")
                .then().statusCode(400))
                .body("detail", containsString("line 1"));
    }
}
