package dev.pillarboard.scorecard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.common.testing.ProductionRoles;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Roles are read where production reads them: the test profile takes the role claim path from the
 * production setting in application.properties (tests otherwise also accept the {@code groups} claim
 * of OIDC Dev Services' tokens), and the tokens are signed like Keycloak's, roles in
 * {@code realm_access.roles}. A role that is only in {@code groups} counts for nothing.
 */
@QuarkusTest
@TestProfile(ProductionRoles.class)
class ProductionRolesTest {

    @Test
    void aTeamLeadWithKeycloakRealmRolesSignsOffAndTheSameRoleInGroupsCountsForNothing() {
        String admin = ProductionRoles.token("ada", List.of("platform-admin"), null, List.of());
        String slug = productVisibleTo(admin);
        Map<String, Object> review = Map.of("product", slug, "decision", "approved", "comment", "reviewed");

        String lee = ProductionRoles.token("lee", List.of("team-lead", "developer"), null, List.of(Fixtures.PAY));
        given().auth().oauth2(lee).contentType(ContentType.JSON).body(review).post("/api/reviews").then().statusCode(201);

        String leeInGroups = ProductionRoles.token("lee", null, List.of("team-lead", "developer"), List.of(Fixtures.PAY));
        given().auth().oauth2(leeInGroups).contentType(ContentType.JSON).body(review).post("/api/reviews").then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void automationWithKeycloakRealmRolesPushesSignalsButDecidesNothing() {
        String admin = ProductionRoles.token("ada", List.of("platform-admin"), null, List.of());
        String slug = productVisibleTo(admin);
        String robot = ProductionRoles.token("service-account-pillarboard-automation", List.of("automation"), null, null);
        given().auth().oauth2(robot).contentType(ContentType.JSON).body(List.of(Fixtures.signal(slug, "slo.count", 2)))
                .post("/api/signals").then().statusCode(202).body("applied", equalTo(1));
        given().auth().oauth2(robot).contentType(ContentType.JSON).body(Map.of("product", slug, "decision", "approved"))
                .post("/api/reviews").then().statusCode(403);
        given().auth().oauth2(robot).post("/api/evaluations").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/scorecards/{p}", slug).then().statusCode(200);
    }

    /** A product in the (stand-in) catalog, once the scorecard has it; the nudge is sent with {@code token}. */
    private static String productVisibleTo(String token) {
        String slug = FakeCatalog.createProduct(Fixtures.unique("prodroles"), Fixtures.PAY);
        given().auth().oauth2(token).post("/api/sync/nudge").then().statusCode(202);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> given().auth().oauth2(token).get("/api/scorecards/{p}", slug).statusCode() == 200);
        return slug;
    }
}
