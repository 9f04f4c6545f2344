package dev.pillarboard.reliability.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tokens from the Keycloak of {@code scripts/keycloak.sh} (realm {@code pillarboard}, its users and
 * clients: deploy/keycloak/README.md), started if it is not running and then stopped again at the
 * end. Besides the realm's users it makes the two tokens a resource server must refuse: one that
 * Keycloak signed but that has expired, and one with the realm's issuer and key id but signed by a
 * key that is not the realm's.
 */
public final class Keycloak implements AutoCloseable {

    public static final String BASE = "http://localhost:8180";
    public static final String REALM = BASE + "/realms/pillarboard";

    private final Path root;
    private final Path logs;
    private final boolean startedHere;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant fetched) {
    }

    private Keycloak(Path root, Path logs, boolean startedHere) {
        this.root = root;
        this.logs = logs;
        this.startedHere = startedHere;
    }

    /** The realm's Keycloak: the running one, else started through scripts/keycloak.sh (downloaded once). */
    public static Keycloak ensure(Path root, Path logs) {
        String script = root.resolve("scripts/keycloak.sh").toString();
        Path log = logs.resolve("keycloak-script.log");
        if (Processes.exitCode(Duration.ofSeconds(30), log, "bash", script, "status") == 0) {
            return new Keycloak(root, logs, false);
        }
        Processes.run(Duration.ofMinutes(8), log, "bash", script, "start");
        return new Keycloak(root, logs, true);
    }

    /** A user's access token (password grant on pillarboard-cli; the password is the user name). */
    public String user(String name) {
        return cached("user:" + name, "grant_type=password&client_id=pillarboard-cli&username=" + name + "&password=" + name);
    }

    /** A client's access token (client-credentials grant). */
    public String client(String id, String secret) {
        return cached("client:" + id, "grant_type=client_credentials&client_id=" + enc(id) + "&client_secret=" + enc(secret));
    }

    public String automation() {
        return client("pillarboard-automation", "automation-secret");
    }

    /** The scorecard's service account: authenticated, no Pillarboard role. */
    public String serviceAccount() {
        return client("pillarboard-scorecard", "scorecard-secret");
    }

    private String cached(String key, String form) {
        Token token = tokens.get(key);
        // Access tokens live 15 minutes; a fresh one after 10 so that none expires during a test.
        if (token == null || token.fetched().isBefore(Instant.now().minus(Duration.ofMinutes(10)))) {
            token = new Token(token(REALM, form), Instant.now());
            tokens.put(key, token);
        }
        return token.value();
    }

    private static String token(String realm, String form) {
        Api.Answer answer = Api.send("POST", realm + "/protocol/openid-connect/token", null,
                "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), false);
        if (answer.status() != 200) {
            throw new IllegalStateException("no token from Keycloak: " + answer);
        }
        return answer.json().get("access_token").asText();
    }

    /**
     * A platform admin's token that Keycloak signed and that has expired: a client made for the
     * purpose (access tokens of one second, a service account with platform-admin), deleted right
     * after it gave its token; returned once the token's expiry has passed.
     */
    public String expiredAdminToken() {
        String admin = token(BASE + "/realms/master", "grant_type=password&client_id=admin-cli&username=admin&password=admin");
        String clientId = "reliability-expired-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = UUID.randomUUID().toString();
        Api.Answer created = Api.json("POST", BASE + "/admin/realms/pillarboard/clients", admin, Map.of(
                "clientId", clientId, "enabled", true, "publicClient", false, "secret", secret,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "attributes", Map.of("access.token.lifespan", "1")));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create a client in Keycloak for an expiring token: " + created);
        }
        String location = created.header("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        try {
            String user = Api.get(BASE + "/admin/realms/pillarboard/clients/" + id + "/service-account-user", admin).json()
                    .get("id").asText();
            JsonNode role = Api.get(BASE + "/admin/realms/pillarboard/roles/platform-admin", admin).json();
            Api.Answer granted = Api.json("POST", BASE + "/admin/realms/pillarboard/users/" + user + "/role-mappings/realm", admin,
                    List.of(Map.of("id", role.get("id").asText(), "name", "platform-admin")));
            if (granted.status() != 204) {
                throw new IllegalStateException("could not grant platform-admin to the expiring client: " + granted);
            }
            String token = token(REALM, "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret));
            long exp = claims(token).get("exp").asLong();
            Awaitility.await("the token's expiry").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Instant.now().getEpochSecond() > exp + 1);
            return token;
        } finally {
            Api.send("DELETE", BASE + "/admin/realms/pillarboard/clients/" + id, admin, null, null, false);
        }
    }

    /** A token that says it is from the realm (issuer, key id, a platform admin) but is signed by another key. */
    public String foreignKeyToken() {
        try {
            JsonNode keys = Api.get(REALM + "/protocol/openid-connect/certs", null).json().get("keys");
            String kid = null;
            for (JsonNode key : keys) {
                if ("RS256".equals(key.path("alg").asText()) && "sig".equals(key.path("use").asText())) {
                    kid = key.get("kid").asText();
                }
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            long now = Instant.now().getEpochSecond();
            Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT", "kid", kid);
            Map<String, Object> claims = Map.of("iss", REALM, "sub", UUID.randomUUID().toString(), "typ", "Bearer",
                    "azp", "pillarboard-cli", "preferred_username", "mallory", "iat", now, "exp", now + 600,
                    "realm_access", Map.of("roles", List.of("platform-admin", "team-lead", "developer", "automation")),
                    "teams", List.of("payments", "checkout", "search"));
            String unsigned = b64(Api.bytes(header)) + "." + b64(Api.bytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + b64(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode claims(String token) {
        String payload = token.split("\\.")[1];
        return new Api.Answer(200, Map.of(), new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).json();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Stops Keycloak only if the suite started it. */
    @Override
    public void close() {
        if (startedHere) {
            Processes.exitCode(Duration.ofMinutes(2), logs.resolve("keycloak-script.log"), "bash",
                    root.resolve("scripts/keycloak.sh").toString(), "stop");
        }
    }
}
