package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Every bound of a product, on both sides: the largest allowed value is created, one more is a
 * 400 naming the field as the client wrote it. And the fields the server sets are ignored on every
 * write, not only on create.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ValidationTest {

    static String owner;

    static String owner() {
        if (owner == null) {
            owner = team(unique("bounds"));
        }
        return owner;
    }

    static ValidatableResponse post(Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(product(unique("b"), owner()));
        body.putAll(changes);
        return given().contentType(ContentType.JSON).body(body).post("/api/products").then();
    }

    static void refused(Map<String, Object> changes, String field) {
        post(changes).statusCode(400).contentType("application/problem+json")
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo(field));
    }

    static Map<String, String> numbered(String prefix, int count, String value) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            map.put(prefix + i, value);
        }
        return map;
    }

    @Test
    void slugIsTwoToSixtyThreeLowerCaseLettersDigitsAndDashes() {
        post(Map.of("slug", "a" + unique("").substring(1, 2))).statusCode(201);
        String longest = unique("s") + "x".repeat(53);
        post(Map.of("slug", longest)).statusCode(201).body("slug", equalTo(longest));
        org.assertj.core.api.Assertions.assertThat(longest).hasSize(63);
        refused(Map.of("slug", "a"), "slug");
        refused(Map.of("slug", "a".repeat(64)), "slug");
        refused(Map.of("slug", "-ab"), "slug");
        refused(Map.of("slug", "ab-"), "slug");
        refused(Map.of("slug", "Ab"), "slug");
        refused(Map.of("slug", "a_b"), "slug");
        given().contentType(ContentType.JSON).body(Map.of("slug", "x", "name", "X")).post("/api/teams")
                .then().statusCode(400).body("violations[0].field", equalTo("slug"));
    }

    @Test
    void nameAndDescriptionLengths() {
        post(Map.of("name", "n".repeat(200), "description", "d".repeat(4000))).statusCode(201);
        refused(Map.of("name", "n".repeat(201)), "name");
        refused(Map.of("name", "   "), "name");
        refused(Map.of("description", "d".repeat(4001)), "description");
    }

    @Test
    void tagsAreBoundedInCountAndLength() {
        List<String> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            tags.add("t" + i);
        }
        post(Map.of("tags", tags)).statusCode(201);
        tags.add("t32");
        refused(Map.of("tags", tags), "tags");
        post(Map.of("tags", List.of("t".repeat(63)))).statusCode(201);
        refused(Map.of("tags", List.of("ok", "t".repeat(64))), "tags[1]");
        refused(Map.of("tags", List.of("two--dashes")), "tags[0]");
        refused(Map.of("tags", List.of("")), "tags[0]");
    }

    @Test
    void annotationsAreBoundedInCountKeyAndValue() {
        post(Map.of("annotations", numbered("example.com/a", 64, "v".repeat(2000)))).statusCode(201);
        refused(Map.of("annotations", numbered("example.com/a", 65, "v")), "annotations");
        refused(Map.of("annotations", Map.of("example.com/long", "v".repeat(2001))), "annotations.example.com/long");
        post(Map.of("annotations", Map.of("k".repeat(255), "v"))).statusCode(201);
        refused(Map.of("annotations", Map.of("k".repeat(256), "v")), "annotations." + "k".repeat(256) + " (key)");
        refused(Map.of("annotations", Map.of("bad key", "v")), "annotations.bad key (key)");
        refused(Map.of("annotations", Map.of("/leading-slash", "v")), "annotations./leading-slash (key)");
    }

    @Test
    void linksAreBoundedAndMustBeAbsoluteHttpUrls() {
        post(Map.of("links", numbered("l", 32, "https://example.com/"))).statusCode(201);
        refused(Map.of("links", numbered("l", 33, "https://example.com/")), "links");
        for (String url : List.of("ftp://example.com/x", "javascript:alert(1)", "mailto:ops@example.com", "/relative/path",
                "example.com/no-scheme", "http://", "file:///etc/passwd", "https://exa mple.com/", "")) {
            refused(Map.of("links", Map.of("runbook", url)), "links.runbook");
        }
        post(Map.of("links", Map.of("docs", "HTTP://Example.com:8443/a?b=c#d"))).statusCode(201);
        refused(Map.of("links", Map.of("Runbook", "https://example.com/")), "links.Runbook (key)");
        refused(Map.of("links", Map.of("l".repeat(64), "https://example.com/")), "links." + "l".repeat(64) + " (key)");
    }

    @Test
    void serverSetFieldsAreIgnoredOnPutAndPatch() {
        String slug = unique("server-set");
        Map<String, Object> created = given().contentType(ContentType.JSON).body(product(slug, owner())).post("/api/products")
                .then().statusCode(201).extract().jsonPath().getMap("$");
        String etag = given().get("/api/products/{slug}", slug).then().extract().header("ETag");

        Map<String, Object> put = new HashMap<>(product(slug, owner()));
        put.put("name", "Replaced");
        put.put("revision", 999999);
        put.put("createdAt", "2001-01-01T00:00:00Z");
        put.put("updatedAt", "2001-01-01T00:00:00Z");
        String putEtag = given().contentType(ContentType.JSON).header("If-Match", etag).body(put).put("/api/products/{slug}", slug)
                .then().statusCode(200)
                .body("name", equalTo("Replaced"))
                .body("revision", not(equalTo(999999)))
                .body("createdAt", equalTo(created.get("createdAt")))
                .body("updatedAt", not(equalTo("2001-01-01T00:00:00Z")))
                .extract().header("ETag");

        given().contentType("application/merge-patch+json").header("If-Match", putEtag)
                .body("{\"name\": \"Patched\", \"revision\": 1, \"createdAt\": \"not even a date\", \"updatedAt\": null}")
                .patch("/api/products/{slug}", slug)
                .then().statusCode(200)
                .body("name", equalTo("Patched"))
                .body("revision", not(equalTo(1)))
                .body("createdAt", equalTo(created.get("createdAt")))
                .body("updatedAt", not(equalTo(null)));
        given().get("/api/products/{slug}", slug).then()
                .body("name", equalTo("Patched"))
                .body("createdAt", equalTo(created.get("createdAt")));
    }
}
