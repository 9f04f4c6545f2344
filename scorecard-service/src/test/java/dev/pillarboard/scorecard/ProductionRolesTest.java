package dev.pillarboard.scorecard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Roles are read where production reads them: the test profile takes the role claim path from the
 * production setting in application.properties (tests otherwise also accept the {@code groups} claim
 * of OIDC Dev Services' tokens), and the tokens are signed like Keycloak's, roles in
 * {@code realm_access.roles}. A role that is only in {@code groups} counts for nothing.
 */
@QuarkusTest
@TestProfile(ProductionRolesTest.ProductionRoles.class)
class ProductionRolesTest {

    /** Verifies tokens with the test key pair (src/test/resources/production-roles) and production's role path. */
    public static class ProductionRoles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No OIDC server: the key verifies the tokens (an earlier test's OIDC Dev Services
            // would otherwise still provide its auth-server-url).
            return Map.of("quarkus.oidc.devservices.enabled", "false", "quarkus.oidc.auth-server-url", "",
                    "quarkus.oidc.public-key", pem("production-roles/public.pem"),
                    "quarkus.oidc.roles.role-claim-path", productionSetting("quarkus.oidc.roles.role-claim-path"));
        }
    }

    @Test
    void aTeamLeadWithKeycloakRealmRolesSignsOffAndTheSameRoleInGroupsCountsForNothing() {
        String admin = token("ada", List.of("platform-admin"), null, List.of());
        String slug = productVisibleTo(admin);
        Map<String, Object> review = Map.of("product", slug, "decision", "approved", "comment", "reviewed");

        String lee = token("lee", List.of("team-lead", "developer"), null, List.of(Fixtures.PAY));
        given().auth().oauth2(lee).contentType(ContentType.JSON).body(review).post("/api/reviews").then().statusCode(201);

        String leeInGroups = token("lee", null, List.of("team-lead", "developer"), List.of(Fixtures.PAY));
        given().auth().oauth2(leeInGroups).contentType(ContentType.JSON).body(review).post("/api/reviews").then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void automationWithKeycloakRealmRolesPushesSignalsButDecidesNothing() {
        String admin = token("ada", List.of("platform-admin"), null, List.of());
        String slug = productVisibleTo(admin);
        String robot = token("service-account-pillarboard-automation", List.of("automation"), null, null);
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
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 body of a PEM file on the test classpath. */
    static String pem(String resource) {
        String text = resource(resource);
        return text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
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
