package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.client.OidcTestClient;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/**
 * Who may do what. Most cases set the caller with @TestSecurity and token claims; the last group
 * uses real signed tokens from OIDC Dev Services (no container), verified like any bearer token.
 */
@QuarkusTest
class SecurityTest {

    static final OidcTestClient OIDC = new OidcTestClient();

    static final String PAYMENTS = "sec-payments";
    static final String SEARCH = "sec-search";
    static final String THEIRS = unique("sec-theirs");
    static String theirsEtag;
    /** Owned by SEARCH, for the refusals of payments' members; never changed. */
    static final String SEARCHS = unique("sec-searchs");

    /**
     * Set-up through the API with a real platform-admin token (no test identity is active here).
     * Team slugs are fixed because @Claim values must be constants; the test database starts empty.
     */
    @BeforeAll
    static void createTeams() {
        String admin = OIDC.getAccessToken("ada", "ada");
        String base = TestHTTPResourceManager.getUri();
        for (String team : new String[] { PAYMENTS, SEARCH }) {
            given().baseUri(base).auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("slug", team, "name", team))
                    .post("/api/teams").then().statusCode(201);
        }
        theirsEtag = given().baseUri(base).auth().oauth2(admin).contentType(ContentType.JSON).body(product(THEIRS, PAYMENTS))
                .post("/api/products").then().statusCode(201).extract().header("ETag");
        given().baseUri(base).auth().oauth2(admin).contentType(ContentType.JSON).body(product(SEARCHS, SEARCH))
                .post("/api/products").then().statusCode(201);
    }

    /** Creates, replaces, patches and deletes a product of the caller's own team: every step succeeds. */
    static void writesOwnTeamsProduct(String team) {
        String slug = unique("own");
        String etag = given().contentType(ContentType.JSON).body(product(slug, team)).post("/api/products")
                .then().statusCode(201).extract().header("ETag");
        Map<String, Object> replaced = new HashMap<>(product(slug, team));
        replaced.put("name", "Replaced by its team");
        etag = given().contentType(ContentType.JSON).header("If-Match", etag).body(replaced).put("/api/products/{slug}", slug)
                .then().statusCode(200).body("name", equalTo("Replaced by its team")).extract().header("ETag");
        etag = given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"phase\": \"pmf\"}")
                .patch("/api/products/{slug}", slug)
                .then().statusCode(200).body("phase", equalTo("pmf")).extract().header("ETag");
        given().header("If-Match", etag).delete("/api/products/{slug}", slug).then().statusCode(204);
        given().get("/api/products/{slug}", slug).then().statusCode(404);
    }

    /** Every write of another team's product is a 403 problem, and the product stays as it was. */
    static void isRefusedAnotherTeamsProduct() {
        var current = given().get("/api/products/{slug}", SEARCHS).then().statusCode(200).extract();
        String etag = current.header("ETag");
        Map<String, Object> replaced = new HashMap<>(product(SEARCHS, SEARCH));
        replaced.put("name", "Taken over");
        given().contentType(ContentType.JSON).header("If-Match", etag).body(replaced).put("/api/products/{slug}", SEARCHS)
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString(SEARCH));
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"phase\": \"pmf\"}")
                .patch("/api/products/{slug}", SEARCHS).then().statusCode(403).contentType("application/problem+json");
        given().header("If-Match", etag).delete("/api/products/{slug}", SEARCHS).then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(product(unique("new"), SEARCH)).post("/api/products")
                .then().statusCode(403);
        given().get("/api/products/{slug}", SEARCHS).then().statusCode(200).header("ETag", etag)
                .body("name", equalTo(current.path("name")));
    }

    @AfterAll
    static void close() {
        OIDC.close();
    }

    @Test
    void noTokenIs401ProblemWithBearerChallenge() {
        given().get("/api/products")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().contentType(ContentType.JSON).body(product(unique("x"), PAYMENTS)).post("/api/products")
                .then().statusCode(401);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.data.'<default>'", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void platformAdminWritesTeamsAndAnyProduct() {
        given().contentType(ContentType.JSON).body(product(unique("adm"), SEARCH)).post("/api/products")
                .then().statusCode(201);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"sec-payments\"]", type = ClaimType.JSON_ARRAY))
    void developerWritesOnlyProductsOfTheirOwnTeams() {
        String mine = unique("mine");
        String etag = given().contentType(ContentType.JSON).body(product(mine, PAYMENTS)).post("/api/products")
                .then().statusCode(201).extract().header("ETag");

        given().contentType(ContentType.JSON).body(product(unique("theirs"), SEARCH)).post("/api/products")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString(SEARCH));

        // Giving a product away to a team you are not in is not allowed either.
        Map<String, Object> moved = new HashMap<>(product(mine, SEARCH));
        given().contentType(ContentType.JSON).header("If-Match", etag).body(moved).put("/api/products/{slug}", mine)
                .then().statusCode(403);

        given().contentType(ContentType.JSON).body(Map.of("slug", unique("t"), "name", "T")).post("/api/teams")
                .then().statusCode(403).contentType("application/problem+json");
        Fixtures.yaml("kind: Group\n").post("/api/import").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"sec-payments\"]", type = ClaimType.JSON_ARRAY))
    void developerReplacesPatchesAndDeletesTheirTeamsProductButNotAnotherTeams() {
        writesOwnTeamsProduct(PAYMENTS);
        isRefusedAnotherTeamsProduct();
    }

    @Test
    @TestSecurity(user = "lee", roles = "team-lead")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"sec-payments\"]", type = ClaimType.JSON_ARRAY))
    void teamLeadWritesTheirTeamsProductsOnlyAndNoTeamsOrImports() {
        writesOwnTeamsProduct(PAYMENTS);
        isRefusedAnotherTeamsProduct();
        given().contentType(ContentType.JSON).body(Map.of("slug", unique("t"), "name", "T")).post("/api/teams")
                .then().statusCode(403).contentType("application/problem+json");
        Fixtures.yaml("kind: Group\n").post("/api/import").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "tara", roles = "team-lead")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"sec-search\", \"sec-payments\"]", type = ClaimType.JSON_ARRAY))
    void aLeadOfTwoTeamsMayMoveAProductBetweenThem() {
        String slug = unique("moved");
        String etag = given().contentType(ContentType.JSON).body(product(slug, PAYMENTS)).post("/api/products")
                .then().statusCode(201).extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"owner\": \"sec-search\"}")
                .patch("/api/products/{slug}", slug).then().statusCode(200).body("owner", equalTo(SEARCH));
    }

    @Test
    @TestSecurity(user = "sam", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"sec-search\"]", type = ClaimType.JSON_ARRAY))
    void developerCannotChangeOrDeleteAnotherTeamsProduct() {
        String theirs = THEIRS;
        String etag = theirsEtag;
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"phase\":\"pmf\"}")
                .patch("/api/products/{slug}", theirs)
                .then().statusCode(403);
        given().header("If-Match", etag).delete("/api/products/{slug}", theirs).then().statusCode(403);
        given().get("/api/products/{slug}", theirs).then().statusCode(200).body("phase", equalTo("pre-pmf"));
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void automationImportsButDoesNotEditProducts() {
        given().contentType(ContentType.JSON).body(product(unique("bot"), PAYMENTS)).post("/api/products")
                .then().statusCode(403);
        given().get("/api/products").then().statusCode(200);
    }

    // ---- real signed tokens from OIDC Dev Services --------------------------------------------

    @Test
    void realTokenOfAPlatformAdminCreatesATeam() {
        String token = OIDC.getAccessToken("ada", "ada");
        String slug = unique("real");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Real"))
                .post("/api/teams")
                .then().statusCode(201);
        given().auth().oauth2(token).get("/api/teams/{slug}", slug).then().statusCode(200);
    }

    @Test
    void realTokenOfADeveloperWithoutTeamsIsRefusedProductWrites() {
        String token = OIDC.getAccessToken("dana", "dana");
        given().auth().oauth2(token).get("/api/products").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(product(unique("x"), PAYMENTS))
                .post("/api/products")
                .then().statusCode(403).body("detail", containsString("your token lists no teams"));
    }

    @Test
    void tamperedOrForeignTokensAre401() {
        String token = OIDC.getAccessToken("ada", "ada");
        // Verified once (and so remembered by the token cache): variants of it must still fail.
        given().auth().oauth2(token).get("/api/products").then().statusCode(200);
        String[] parts = token.split("\\.");
        // Same header and signature, a payload that claims something else: the signature no longer matches.
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA" + "." + parts[2];
        given().auth().oauth2(forged).get("/api/products").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").get("/api/products").then().statusCode(401);
    }
}
