package dev.pillarboard.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * A test profile (shared by the services' tests through common's test jar) in which roles are read
 * where production reads them: the role claim path is the service's un-prefixed setting in its
 * application.properties (tests otherwise also accept the {@code groups} claim of OIDC Dev Services'
 * tokens), and tokens are verified with the key pair in {@code production-roles/} (test-only keys),
 * so that {@link #token} can sign them like Keycloak does.
 */
public class ProductionRoles implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // No OIDC server: the key verifies the tokens (an earlier test's OIDC Dev Services would
        // otherwise still provide its auth-server-url).
        return Map.of("quarkus.oidc.devservices.enabled", "false", "quarkus.keycloak.devservices.enabled", "false",
                "quarkus.oidc.auth-server-url", "",
                "quarkus.oidc.public-key", pem("production-roles/public.pem"),
                "quarkus.oidc.roles.role-claim-path", productionSetting("quarkus.oidc.roles.role-claim-path"));
    }

    /**
     * A token as Keycloak issues it: realm roles in {@code realm_access.roles} (or, to show that they
     * are ignored there, in {@code groups}) and the {@code teams} claim; null leaves a claim out.
     */
    public static String token(String user, List<String> realmRoles, List<String> groups, List<String> teams) {
        return token("https://keycloak.example.com/realms/pillarboard", user, realmRoles, groups, teams);
    }

    /** {@link #token(String, List, List, List)} from the given issuer. */
    public static String token(String issuer, String user, List<String> realmRoles, List<String> groups,
            List<String> teams) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer).subject(user).preferredUserName(user).expiresIn(300);
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

    /** The verification key as an identity provider publishes it: a JSON Web Key Set. */
    public static String jwks() {
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem("production-roles/public.pem"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"production-roles\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
    private static String pem(String resource) {
        return resource(resource).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    /** The value of a key without a profile prefix in the service's application.properties. */
    private static String productionSetting(String key) {
        Properties properties = new Properties();
        try (InputStream in = ProductionRoles.class.getClassLoader().getResourceAsStream("application.properties")) {
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
        try (InputStream in = ProductionRoles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
