package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.createProduct;
import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ProductResourceTest {

    @Test
    void createsAndReadsAProductWithEtagAndLocation() {
        String owner = team(unique("team"));
        String slug = unique("shop");
        String etag = given().contentType(ContentType.JSON).body(product(slug, owner))
                .post("/api/products")
                .then().statusCode(201)
                .header("Location", containsString("/api/products/" + slug))
                .header("ETag", startsWith("\""))
                .body("slug", equalTo(slug))
                .body("owner", equalTo(owner))
                .body("tier", equalTo(2))
                .body("links.runbook", equalTo("https://wiki.example.com/" + slug))
                .body("annotations.'pagerduty.com/service-id'", notNullValue())
                .extract().header("ETag");

        given().get("/api/products/{slug}", slug)
                .then().statusCode(200)
                .header("ETag", equalTo(etag))
                .body("name", equalTo("Product " + slug))
                .body("tags", contains("java", "payments"))
                .body("phase", equalTo("pre-pmf"));
    }

    @Test
    void ignoresServerSetFieldsInTheBody() {
        String owner = team(unique("team"));
        String slug = unique("shop");
        Map<String, Object> body = new HashMap<>(product(slug, owner));
        body.put("revision", 999999);
        body.put("createdAt", "2001-01-01T00:00:00Z");
        given().contentType(ContentType.JSON).body(body)
                .post("/api/products")
                .then().statusCode(201)
                .body("revision", not(equalTo(999999)))
                .body("createdAt", not(startsWith("2001")));
    }

    @Test
    void duplicateSlugIs409() {
        String owner = team(unique("team"));
        String slug = unique("shop");
        createProduct(slug, owner);
        given().contentType(ContentType.JSON).body(product(slug, owner))
                .post("/api/products")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409));
    }

    @Test
    void unknownOwnerIs422() {
        given().contentType(ContentType.JSON).body(product(unique("shop"), "no-such-team"))
                .post("/api/products")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("owner"));
    }

    @Test
    void unknownProductIs404Problem() {
        given().get("/api/products/{slug}", "does-not-exist")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not found"))
                .body("detail", containsString("does-not-exist"));
    }

    @Test
    void listsWithFilters() {
        String owner = team(unique("team"));
        createProduct(unique("a"), owner);
        createProduct(unique("b"), owner);
        given().queryParam("owner", owner).queryParam("sort", "-name")
                .get("/api/products")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.size()", equalTo(2))
                .body("items.owner", everyItem(owner));
    }

    private static org.hamcrest.Matcher<Iterable<? extends Object>> everyItem(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }

    @Test
    void validationErrorsListEveryField() {
        Map<String, Object> body = new HashMap<>(product("Bad Slug", "x"));
        body.put("tier", 7);
        body.put("phase", "growth");
        body.put("links", Map.of("runbook", "ftp://example.com/x"));
        body.put("tags", List.of("ok", "not ok"));
        given().contentType(ContentType.JSON).body(body)
                .post("/api/products")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("slug"))
                .body("violations.field", hasItem("tier"))
                .body("violations.field", hasItem("phase"))
                .body("violations.field", hasItem("links.runbook"))
                .body("violations.field", hasItem("tags[1]"));
    }
}
