package dev.pillarboard.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.pillarboard.common.testing.ProductionRoles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * The production OIDC settings, exactly as the {@code %prod} lines of application.properties have
 * them, against a stand-in identity provider with Keycloak's paths: the service starts without
 * calling the provider (no discovery, no key fetch), fetches the signing keys with the first token,
 * and still checks the issuer, which it is told rather than discovers.
 */
@QuarkusTest
@TestProfile(ProductionOidcTest.ProductionOidc.class)
class ProductionOidcTest {

    @Test
    void startsWithoutTheProviderThenVerifiesTokensWithItsKeysAndIssuer() throws Exception {
        assertThat(Provider.REQUESTS).as("requests to the identity provider while starting").isEmpty();

        String token = ProductionRoles.token(Provider.issuer(), "dana", List.of("developer"), null, null);
        given().auth().oauth2(token).get("/api/products").then().statusCode(200);
        assertThat(Provider.REQUESTS).isNotEmpty()
                .allMatch(request -> request.equals("GET /realms/pillarboard/protocol/openid-connect/certs"));

        String elsewhere = ProductionRoles.token("http://elsewhere.example.com/realms/pillarboard", "dana",
                List.of("developer"), null, null);
        given().auth().oauth2(elsewhere).get("/api/products").then().statusCode(401);
        given().get("/api/products").then().statusCode(401);

        // The service answers a token it has verified from memory for a while (VerifiedTokenCache): a
        // token OIDC refuses must never get there. Each is sent three times; one remembered after its
        // first refusal would be answered 200 the next time.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String unknownKey = Jwt.issuer(Provider.issuer()).upn("dana").subject("dana")
                .claim("realm_access", Map.of("roles", List.of("developer"))).expiresIn(300)
                .jws().keyId("not-in-the-key-set").sign(generator.generateKeyPair().getPrivate());
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/products").then().statusCode(200);
            given().auth().oauth2(elsewhere).get("/api/products").then().statusCode(401);
            given().auth().oauth2(unknownKey).get("/api/products").then().statusCode(401);
        }
    }

    /** Dev Services off; every {@code %prod.quarkus.oidc.*} setting but the server URL, which the provider sets. */
    public static class ProductionOidc implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Map.of("quarkus.oidc.devservices.enabled", "false",
                    "quarkus.keycloak.devservices.enabled", "false"));
            Properties properties = new Properties();
            try (InputStream in = ProductionOidcTest.class.getClassLoader().getResourceAsStream("application.properties")) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            properties.stringPropertyNames().stream()
                    .filter(key -> key.startsWith("%prod.quarkus.oidc.") && !key.endsWith(".auth-server-url"))
                    .forEach(key -> config.put(key.substring("%prod.".length()), properties.getProperty(key)));
            assertThat(config).containsKeys("quarkus.oidc.discovery-enabled", "quarkus.oidc.token.issuer",
                    "quarkus.oidc.jwks-path");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Provider.class));
        }
    }

    /** A realm's key set at Keycloak's path; records "METHOD path" of every request. */
    public static class Provider implements QuarkusTestResourceLifecycleManager {

        static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
        private static volatile String issuer;
        private HttpServer server;

        static String issuer() {
            return issuer;
        }

        @Override
        public Map<String, String> start() {
            byte[] jwks = ProductionRoles.jwks().getBytes(StandardCharsets.UTF_8);
            server = Fixtures.localServer(exchange -> {
                String path = exchange.getRequestURI().getPath();
                REQUESTS.add(exchange.getRequestMethod() + " " + path);
                if (path.equals("/realms/pillarboard/protocol/openid-connect/certs")) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
                exchange.close();
            });
            issuer = "http://localhost:" + server.getAddress().getPort() + "/realms/pillarboard";
            return Map.of("quarkus.oidc.auth-server-url", issuer);
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
