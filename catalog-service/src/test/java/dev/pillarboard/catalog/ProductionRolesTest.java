package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.common.testing.ProductionRoles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Roles are read where production reads them: the test profile takes the role claim path from the
 * production setting in application.properties (tests otherwise also accept the {@code groups} claim
 * of OIDC Dev Services' tokens), and the tokens are signed like Keycloak's, realm roles in
 * {@code realm_access.roles} and the teams claim beside them. A role only in {@code groups} counts
 * for nothing.
 */
@QuarkusTest
@TestProfile(ProductionRoles.class)
class ProductionRolesTest {

    @Test
    void adminsDevelopersAndAutomationWithKeycloakRealmRoles() {
        String admin = ProductionRoles.token("ada", List.of("platform-admin"), null, null);
        String team = unique("prodroles");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("slug", team, "name", "Prod roles"))
                .post("/api/teams").then().statusCode(201);

        String dana = ProductionRoles.token("dana", List.of("developer"), null, List.of(team));
        String slug = unique("prodroles-p");
        given().auth().oauth2(dana).contentType(ContentType.JSON).body(product(slug, team)).post("/api/products").then()
                .statusCode(201);

        String robot = ProductionRoles.token("service-account-pillarboard-automation", List.of("automation"), null, null);
        Fixtures.yaml("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: " + unique("g")
                + "\nspec:\n  type: team\n  children: []\n").auth().oauth2(robot).queryParam("dryRun", "true")
                .post("/api/import").then().statusCode(200);
        given().auth().oauth2(robot).contentType(ContentType.JSON).body(Map.of("slug", unique("t"), "name", "T"))
                .post("/api/teams").then().statusCode(403);
    }

    @Test
    void theSameRolesInGroupsCountForNothing() {
        String adminInGroups = ProductionRoles.token("ada", null, List.of("platform-admin"), null);
        given().auth().oauth2(adminInGroups).contentType(ContentType.JSON).body(Map.of("slug", unique("t"), "name", "T"))
                .post("/api/teams").then().statusCode(403).contentType("application/problem+json");
        String robotInGroups = ProductionRoles.token("robot", null, List.of("automation"), null);
        Fixtures.yaml("kind: Group\n").auth().oauth2(robotInGroups).post("/api/import").then().statusCode(403);
        // Reading needs no role at all, only a valid token.
        given().auth().oauth2(adminInGroups).get("/api/teams").then().statusCode(200);
    }
}
