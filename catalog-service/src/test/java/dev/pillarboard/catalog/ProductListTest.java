package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.team;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The product list: every filter, every sort in both directions with the exact order, and
 * paging with its total (counted, or known from a short page). Five products of one team made
 * for this class; every query filters by that team (or searches for a word only they contain),
 * so other tests' data never shows.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ProductListTest {

    static String owner;
    static String otherOwner;
    static String foxtrot;
    static String golf;
    static String word;
    static String alpha;
    static String bravo;
    static String charlie;
    static String delta;
    static String echo;

    @BeforeEach
    void createProductsOnce() {
        if (owner != null) {
            return;
        }
        String team = team(unique("list"));
        word = unique("zebra").replace("-", "");
        alpha = create(team, "list-a", "Alpha Ledger", "Books the money", "pre-launch", 1, List.of("payments", "java"));
        charlie = create(team, "list-c", "Charlie Cart", "Holds carts", "pmf", 3, List.of("payments"));
        bravo = create(team, "list-b", "bravo Search", "Finds the " + word.toUpperCase() + " quickly", "pmf", 2, List.of("search"));
        delta = create(team, "list-d", "delta " + word.substring(0, 3).toUpperCase() + word.substring(3) + " index",
                "None", "pre-pmf", 1, List.of("search", "java"));
        echo = create(team, "list-e", "Echo 100% Stats", "Counts_things", "pre-pmf", 2, List.of());
        // A second team, for lists of several owners.
        String other = team(unique("list2"));
        golf = create(other, "list-g", "golf Ledger", "Also books", "pmf", 2, List.of());
        foxtrot = create(other, "list-f", "Foxtrot Feed", "Feeds", "pre-launch", 3, List.of("java"));
        otherOwner = other;
        // Changed last: bravo is now the most recently updated.
        String etag = given().get("/api/products/{slug}", bravo).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"description\": \"Finds the "
                + word.toUpperCase() + " fast\"}").patch("/api/products/{slug}", bravo).then().statusCode(200);
        owner = team;
    }

    static String create(String team, String prefix, String name, String description, String phase, int tier, List<String> tags) {
        String slug = unique(prefix);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("name", name);
        body.put("description", description);
        body.put("owner", team);
        body.put("phase", phase);
        body.put("tier", tier);
        body.put("tags", tags);
        given().contentType(ContentType.JSON).body(body).post("/api/products").then().statusCode(201);
        return slug;
    }

    static RequestSpecification mine() {
        return given().queryParam("owner", owner);
    }

    static JsonPath list(RequestSpecification request) {
        return request.get("/api/products").then().statusCode(200).extract().jsonPath();
    }

    static List<String> slugs(RequestSpecification request) {
        return list(request).getList("items.slug");
    }

    @Test
    void filtersByOwnerPhaseTierAndTag() {
        assertThat(slugs(mine())).containsExactly(alpha, bravo, charlie, delta, echo);
        assertThat(slugs(mine().queryParam("phase", "pmf"))).containsExactly(bravo, charlie);
        assertThat(slugs(mine().queryParam("tier", 1))).containsExactly(alpha, delta);
        assertThat(slugs(mine().queryParam("tag", "payments"))).containsExactly(alpha, charlie);
        assertThat(slugs(mine().queryParam("tag", "java"))).containsExactly(alpha, delta);
        assertThat(slugs(mine().queryParam("phase", "pre-pmf").queryParam("tier", 1))).containsExactly(delta);
        assertThat(slugs(mine().queryParam("phase", "pre-pmf").queryParam("tag", "search").queryParam("tier", 2))).isEmpty();
        JsonPath none = list(mine().queryParam("tag", "cobol"));
        assertThat(none.getList("items")).isEmpty();
        assertThat(none.getLong("total")).isZero();
    }

    @Test
    void ownerTakesSeveralTeams() {
        assertThat(slugs(given().queryParam("owner", owner + "," + otherOwner))).containsExactly(alpha, bravo, charlie, delta,
                echo, foxtrot, golf);
        // Spaces and blank entries are ignored; an unknown team adds nothing; one owner is the same as before.
        assertThat(slugs(given().queryParam("owner", " " + otherOwner + ", ,no-such-team,"))).containsExactly(foxtrot, golf);
        assertThat(slugs(given().queryParam("owner", otherOwner))).containsExactly(foxtrot, golf);
        assertThat(slugs(given().queryParam("owner", owner + "," + otherOwner).queryParam("tag", "java")))
                .containsExactly(alpha, delta, foxtrot);
        assertThat(slugs(given().queryParam("owner", owner + "," + otherOwner).queryParam("sort", "-tier")))
                .containsExactly(foxtrot, charlie, golf, echo, bravo, delta, alpha);
        // A later page counts with the same owners.
        JsonPath page = list(given().queryParam("owner", owner + "," + otherOwner).queryParam("size", 3).queryParam("page", 2));
        assertThat(page.getList("items.slug", String.class)).containsExactly(golf);
        assertThat(page.getLong("total")).isEqualTo(7);
        JsonPath full = list(given().queryParam("owner", owner + "," + otherOwner).queryParam("size", 3).queryParam("page", 1));
        assertThat(full.getList("items.slug", String.class)).containsExactly(delta, echo, foxtrot);
        assertThat(full.getLong("total")).isEqualTo(7);
        String tooMany = String.join(",", java.util.Collections.nCopies(101, owner));
        given().queryParam("owner", tooMany).get("/api/products").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", org.hamcrest.Matchers.equalTo("owner"));
    }

    @Test
    void qSearchesNameAndDescriptionIgnoringCase() {
        // The word is in bravo's description (upper case) and delta's name (mixed case); no filter by owner.
        assertThat(slugs(given().queryParam("q", word))).containsExactly(bravo, delta);
        assertThat(slugs(given().queryParam("q", word.toUpperCase()))).containsExactly(bravo, delta);
        assertThat(slugs(given().queryParam("q", "the " + word))).containsExactly(bravo);
        assertThat(slugs(mine().queryParam("q", "LEDGER"))).containsExactly(alpha);
        assertThat(slugs(mine().queryParam("q", "holds cart"))).containsExactly(charlie);
        // LIKE's wildcards are plain characters in a search.
        assertThat(slugs(mine().queryParam("q", "100%"))).containsExactly(echo);
        assertThat(slugs(mine().queryParam("q", "_"))).containsExactly(echo);
        assertThat(slugs(mine().queryParam("q", "%"))).containsExactly(echo);
    }

    @Test
    void sortsByNameIgnoringCaseInBothDirections() {
        assertThat(slugs(mine().queryParam("sort", "name"))).containsExactly(alpha, bravo, charlie, delta, echo);
        assertThat(slugs(mine().queryParam("sort", "+name"))).containsExactly(alpha, bravo, charlie, delta, echo);
        assertThat(slugs(mine().queryParam("sort", "-name"))).containsExactly(echo, delta, charlie, bravo, alpha);
    }

    @Test
    void sortsByTierThenNameInBothDirections() {
        assertThat(slugs(mine().queryParam("sort", "tier"))).containsExactly(alpha, delta, bravo, echo, charlie);
        assertThat(slugs(mine().queryParam("sort", "-tier"))).containsExactly(charlie, echo, bravo, delta, alpha);
    }

    @Test
    void sortsByUpdatedAtInBothDirections() {
        assertThat(slugs(mine().queryParam("sort", "updatedAt"))).containsExactly(alpha, charlie, delta, echo, bravo);
        assertThat(slugs(mine().queryParam("sort", "-updatedAt"))).containsExactly(bravo, echo, delta, charlie, alpha);
    }

    @Test
    void pagesCarryTheTotalWhetherCountedOrKnownFromAShortPage() {
        // Full pages need a count; a short page shows where the list ends; an empty page after the end counts again.
        String[][] expected = { { alpha, bravo }, { charlie, delta }, { echo }, {} };
        for (int page = 0; page < expected.length; page++) {
            JsonPath result = list(mine().queryParam("sort", "name").queryParam("size", 2).queryParam("page", page));
            assertThat(result.getList("items.slug", String.class)).as("page " + page).containsExactly(expected[page]);
            assertThat(result.getInt("page")).isEqualTo(page);
            assertThat(result.getInt("size")).isEqualTo(2);
            assertThat(result.getLong("total")).as("total on page " + page).isEqualTo(5);
        }
        assertThat(list(mine().queryParam("size", 5)).getLong("total")).isEqualTo(5);
        assertThat(list(mine().queryParam("size", 100)).getLong("total")).isEqualTo(5);

        // The count applies the same filters as the page.
        String[][] payments = { { alpha }, { charlie }, {} };
        for (int page = 0; page < payments.length; page++) {
            JsonPath result = list(mine().queryParam("tag", "payments").queryParam("size", 1).queryParam("page", page));
            assertThat(result.getList("items.slug", String.class)).containsExactly(payments[page]);
            assertThat(result.getLong("total")).isEqualTo(2);
        }
        JsonPath searched = list(given().queryParam("q", word).queryParam("size", 1).queryParam("page", 1));
        assertThat(searched.getList("items.slug", String.class)).containsExactly(delta);
        assertThat(searched.getLong("total")).isEqualTo(2);
    }

    @Test
    void defaultPageIsTwentySortedByName() {
        JsonPath result = list(mine());
        assertThat(result.getInt("page")).isZero();
        assertThat(result.getInt("size")).isEqualTo(20);
        assertThat(result.getLong("total")).isEqualTo(5);
    }
}
