package dev.pillarboard.catalog;

import static dev.pillarboard.catalog.Fixtures.product;
import static dev.pillarboard.catalog.Fixtures.unique;
import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Roles are read where production reads them: the test profile takes the role claim path from the
 * production setting in application.properties (tests otherwise also accept the {@code groups} claim
 * of OIDC Dev Services' tokens), and the tokens are signed like Keycloak's, realm roles in
 * {@code realm_access.roles} and the teams claim beside them. A role only in {@code groups} counts
 * for nothing.
 */
@QuarkusTest
@TestProfile(ProductionRolesTest.ProductionRoles.class)
class ProductionRolesTest {

    /** Verifies tokens with the test key pair (src/test/resources/production-roles) and production's role path. */
    public static class ProductionRoles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No OIDC server: the key verifies the tokens (an earlier test's OIDC Dev Services would
            // otherwise still provide its auth-server-url).
            return Map.of("quarkus.oidc.devservices.enabled", "false", "quarkus.oidc.auth-server-url", "",
                    "quarkus.oidc.public-key", pem("production-roles/public.pem"),
                    "quarkus.oidc.roles.role-claim-path", productionSetting("quarkus.oidc.roles.role-claim-path"));
        }
    }

    @Test
    void adminsDevelopersAndAutomationWithKeycloakRealmRoles() {
        String admin = token("ada", List.of("platform-admin"), null, null);
        String team = unique("prodroles");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("slug", team, "name", "Prod roles"))
                .post("/api/teams").then().statusCode(201);

        String dana = token("dana", List.of("developer"), null, List.of(team));
        String slug = unique("prodroles-p");
        given().auth().oauth2(dana).contentType(ContentType.JSON).body(product(slug, team)).post("/api/products").then()
                .statusCode(201);

        String robot = token("service-account-pillarboard-automation", List.of("automation"), null, null);
        Fixtures.yaml("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: " + unique("g")
                + "\nspec:\n  type: team\n  children: []\n").auth().oauth2(robot).queryParam("dryRun", "true")
                .post("/api/import").then().statusCode(200);
        given().auth().oauth2(robot).contentType(ContentType.JSON).body(Map.of("slug", unique("t"), "name", "T"))
                .post("/api/teams").then().statusCode(403);
    }

    @Test
    void theSameRolesInGroupsCountForNothing() {
        String adminInGroups = token("ada", null, List.of("platform-admin"), null);
        given().auth().oauth2(adminInGroups).contentType(ContentType.JSON).body(Map.of("slug", unique("t"), "name", "T"))
                .post("/api/teams").then().statusCode(403).contentType("application/problem+json");
        String robotInGroups = token("robot", null, List.of("automation"), null);
        Fixtures.yaml("kind: Group\n").auth().oauth2(robotInGroups).post("/api/import").then().statusCode(403);
        // Reading needs no role at all, only a valid token.
        given().auth().oauth2(adminInGroups).get("/api/teams").then().statusCode(200);
    }

    /** A token as Keycloak issues it: realm roles in realm_access.roles (or, to show they are ignored, in groups). */
    private static String token(String user, List<String> realmRoles, List<String> groups, List<String> teams) {
        JwtClaimsBuilder claims = Jwt.issuer("https://keycloak.example.com/realms/pillarboard").subject(user)
                .preferredUserName(user).expiresIn(300);
        if (realmRoles != null) {
            claims.claim("realm_access", Map.of("roles", realmRoles));
        }
        if (groups != null) {
            claims.groups(new HashSet<>(groups));
        }
        if (teams != null) {
            claims.claim("teams", teams);
        }
        return claims.jws().keyId("production-roles").sign(privateKey());
    }

    private static PrivateKey privateKey() {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem("production-roles/private.pem"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 body of a PEM file on the test classpath. */
    static String pem(String resource) {
        return resource(resource).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    /** The value of a key without a profile prefix in the service's application.properties. */
    static String productionSetting(String key) {
        Properties properties = new Properties();
        try (InputStream in = ProductionRolesTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not set in application.properties");
        }
        return value;
    }

    private static String resource(String name) {
        try (InputStream in = ProductionRolesTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
