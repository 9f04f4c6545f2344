package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.createProduct;
import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/changes/recent}: the latest changes for people, newest first, each team or product once at its
 * latest change. Tests run one after another in one application, so the newest changes are this test's own.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class RecentChangesTest {

    static List<Map<String, Object>> recent(Object limit) {
        return given().queryParam("limit", limit).get("/api/changes/recent").then().statusCode(200).extract().jsonPath()
                .getList("");
    }

    static JsonPath read(String path, String slug) {
        return given().get(path, slug).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void newestFirstWithWhatHappenedTheNameAndWhen() {
        String owner = team(unique("recent"));
        String first = unique("recent-a");
        String second = unique("recent-b");
        String third = unique("recent-c");
        String firstTag = createProduct(first, owner);
        String secondTag = createProduct(second, owner);
        createProduct(third, owner);
        given().contentType("application/merge-patch+json").header("If-Match", firstTag).body("{\"name\": \"First, renamed\"}")
                .patch("/api/products/{slug}", first).then().statusCode(200);
        given().header("If-Match", secondTag).delete("/api/products/{slug}", second).then().statusCode(204);
        String teamTag = given().get("/api/teams/{slug}", owner).then().extract().header("ETag");
        given().contentType(ContentType.JSON).header("If-Match", teamTag)
                .body(Map.of("slug", owner, "name", "Renamed team", "contact", Map.of("email", owner + "@example.com")))
                .put("/api/teams/{slug}", owner).then().statusCode(200);

        // Each entity once, at its latest change: the team's update, the deletion (no name: only the slug is kept), the
        // first product's update, the third's creation; the second's creation and the team's are superseded.
        List<Map<String, Object>> latest = recent(4);
        assertThat(latest).extracting("kind", "slug", "op", "name").containsExactly(
                tuple("team", owner, "updated", "Renamed team"),
                tuple("product", second, "deleted", null),
                tuple("product", first, "updated", "First, renamed"),
                tuple("product", third, "created", "Product " + third));
        List<Long> revisions = latest.stream().map(c -> ((Number) c.get("revision")).longValue()).toList();
        assertThat(revisions).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
        JsonPath team = read("/api/teams/{slug}", owner);
        JsonPath firstRead = read("/api/products/{slug}", first);
        JsonPath thirdRead = read("/api/products/{slug}", third);
        assertThat(revisions.get(0)).isEqualTo(team.getLong("revision"));
        assertThat(revisions.get(2)).isEqualTo(firstRead.getLong("revision"));
        assertThat(revisions.get(3)).isEqualTo(thirdRead.getLong("revision"));
        // When: the entity's updatedAt (its createdAt when it was created); the deletion lies between the others.
        assertThat(Instant.parse((String) latest.get(0).get("at"))).isEqualTo(Instant.parse(team.getString("updatedAt")));
        assertThat(Instant.parse((String) latest.get(2).get("at"))).isEqualTo(Instant.parse(firstRead.getString("updatedAt")));
        assertThat(Instant.parse((String) latest.get(3).get("at"))).isEqualTo(Instant.parse(thirdRead.getString("createdAt")));
        Instant deletedAt = Instant.parse((String) latest.get(1).get("at"));
        assertThat(deletedAt).isBetween(Instant.parse(firstRead.getString("updatedAt")), Instant.parse(team.getString("updatedAt")));

        assertThat(recent(1)).extracting("slug").containsExactly(owner);
        List<Map<String, Object>> byDefault = given().get("/api/changes/recent").then().statusCode(200).extract().jsonPath()
                .getList("");
        assertThat(byDefault).hasSizeBetween(4, 10);
        assertThat(byDefault.subList(0, 4)).isEqualTo(latest);
        assertThat(byDefault).extracting("kind", "slug").doesNotHaveDuplicates();

        // A product created again after its deletion is a creation again, once.
        given().contentType(ContentType.JSON).body(product(second, owner)).post("/api/products").then().statusCode(201);
        assertThat(recent(10)).filteredOn(c -> second.equals(c.get("slug"))).extracting("op", "name")
                .containsExactly(tuple("created", "Product " + second));
    }

    @Test
    void limitIsBetweenOneAndAHundred() {
        for (String bad : List.of("0", "101", "-1", "ten")) {
            given().queryParam("limit", bad).get("/api/changes/recent").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("limit"));
        }
        team(unique("recent-limit"));
        assertThat(recent(1)).hasSize(1);
        assertThat(recent(100)).hasSizeGreaterThanOrEqualTo(1).hasSizeLessThanOrEqualTo(100);
    }
}
