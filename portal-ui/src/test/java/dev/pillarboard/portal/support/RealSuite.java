package dev.pillarboard.portal.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real suite for the browser test: the Keycloak of {@code scripts/keycloak.sh} (started if it is not running,
 * and stopped again then), catalog-service and scorecard-service from their packaged jars on free ports against the
 * local PostgreSQL (their test databases, emptied at start), and a small organisation loaded through their APIs with
 * the realm's users' and automation client's tokens. The portal under test talks to all of them.
 */
public class RealSuite implements QuarkusTestResourceLifecycleManager {

    public static final String KEYCLOAK = "http://localhost:8180";
    public static final String REALM = KEYCLOAK + "/realms/pillarboard";
    /** The product the browser test works on, and the check it attests (required in pre-pmf, evidence: attestation). */
    public static final String PRODUCT = "e2e-checkout";
    public static final String ATTESTED_CHECK = "incident-process";
    /** The waiver dana asks for, which lee approves from the review queue. */
    public static final String WAIVED_CHECK = "restore-tested";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path root = Path.of("").toAbsolutePath().getParent();
    private final Path logs = Path.of("target", "real-suite").toAbsolutePath();
    private final List<Process> processes = new ArrayList<>();
    private boolean startedKeycloak;
    private static String catalogUrl;
    private static String scorecardUrl;

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(logs);
            startKeycloak();
            int catalogPort = freePort();
            int scorecardPort = freePort();
            catalogUrl = "http://localhost:" + catalogPort;
            scorecardUrl = "http://localhost:" + scorecardPort;
            Map<String, String> catalogEnv = new HashMap<>();
            catalogEnv.put("PG_DATABASE", env("PG_CATALOG_TEST_DATABASE", "catalog_test"));
            catalogEnv.put("CATALOG_NOTIFY_URLS", scorecardUrl + "/api/sync/nudge");
            startJar("catalog-service", catalogPort, catalogEnv);
            Map<String, String> scorecardEnv = new HashMap<>();
            scorecardEnv.put("PG_DATABASE", env("PG_TEST_DATABASE", "scorecard_test"));
            scorecardEnv.put("CATALOG_URL", catalogUrl);
            scorecardEnv.put("CATALOG_CLIENT_SECRET", "scorecard-secret");
            startJar("scorecard-service", scorecardPort, scorecardEnv);
            awaitReady(catalogUrl, "catalog-service");
            awaitReady(scorecardUrl, "scorecard-service");
            seed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.oidc.devservices.enabled", "false");
        config.put("quarkus.oidc.auth-server-url", REALM);
        config.put("quarkus.oidc.credentials.secret", "portal-secret");
        config.put("quarkus.oidc.roles.role-claim-path", "realm_access/roles");
        config.put("quarkus.rest-client.catalog.url", catalogUrl);
        config.put("quarkus.rest-client.scorecard.url", scorecardUrl);
        return config;
    }

    @Override
    public void stop() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (startedKeycloak) {
            run(List.of("bash", root.resolve("scripts/keycloak.sh").toString(), "stop"), Duration.ofSeconds(60));
        }
    }

    public static String scorecardUrl() {
        return scorecardUrl;
    }

    public static String catalogUrl() {
        return catalogUrl;
    }

    // ---------------------------------------------------------------- the organisation

    /** Teams of the realm's users, a product in pre-pmf, signals, and a waiver request by dana. */
    private void seed() throws IOException, InterruptedException {
        String admin = userToken("ada");
        send(admin, "POST", catalogUrl + "/api/teams", """
                {"slug": "payments", "name": "Payments", "contact": {"email": "payments@example.com", "chat": "#payments"}}""", 201);
        send(admin, "POST", catalogUrl + "/api/teams", """
                {"slug": "checkout", "name": "Checkout", "contact": {"email": "checkout@example.com"}}""", 201);
        send(admin, "POST", catalogUrl + "/api/products", """
                {"slug": "%s", "name": "Checkout API", "description": "Takes the basket to a paid order.",
                 "owner": "payments", "phase": "pre-pmf", "tier": 2, "tags": ["java"],
                 "links": {"repo": "https://git.example.com/checkout", "runbook": "https://wiki.example.com/checkout/runbook",
                           "dashboard": "https://grafana.example.com/d/checkout", "on-call": "https://oncall.example.com/payments"}}
                """.formatted(PRODUCT), 201);
        send(admin, "POST", catalogUrl + "/api/products", """
                {"slug": "e2e-wallet", "name": "Wallet", "description": "Stored value, launching next quarter.",
                 "owner": "checkout", "phase": "pre-launch", "tier": 3}""", 201);
        String automation = clientToken("pillarboard-automation", "automation-secret");
        String now = Instant.now().toString();
        StringBuilder signals = new StringBuilder("[");
        String[][] values = { { "alerts.availability_rules", "2" }, { "ci.tests_on_every_change", "true" },
                { "backup.last_success_at", "\"" + now + "\"" }, { "secrets.findings_open", "0" },
                { "repo.review_required", "true" }, { "deploy.automated_ratio", "1" }, { "oncall.escalation_levels", "2" },
                { "vulns.last_scan_at", "\"" + now + "\"" }, { "resources.containers_without_memory_limit", "0" } };
        for (String[] signal : values) {
            signals.append(signals.length() > 1 ? "," : "").append("""
                    {"product": "%s", "key": "%s", "value": %s, "observedAt": "%s", "source": "e2e"}"""
                    .formatted(PRODUCT, signal[0], signal[1], now));
        }
        send(automation, "POST", scorecardUrl + "/api/signals", signals.append("]").toString(), 202);
        String dana = userToken("dana");
        // Ends within the month once approved: the team page lists it as coming due.
        String expires = Instant.now().plus(Duration.ofDays(20)).toString();
        send(dana, "POST", scorecardUrl + "/api/waivers", """
                {"product": "%s", "check": "%s", "reason": "The first restore test is booked for the week after next with the DBA team", "expiresAt": "%s"}
                """.formatted(PRODUCT, WAIVED_CHECK, expires), 201);
        // The scorecard shows the product once it has followed the catalog and evaluated it.
        Awaitility.await("the scorecard of " + PRODUCT).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    HttpResponse<String> card = get(dana, scorecardUrl + "/api/scorecards/" + PRODUCT);
                    return card.statusCode() == 200 && card.body().contains("\"alerts.availability_rules\"");
                });
    }

    /** The waiver's status as the scorecard has it, read with a platform admin's token. */
    public static String waiverStatus() throws IOException, InterruptedException {
        HttpResponse<String> response = get(userToken("ada"),
                scorecardUrl + "/api/waivers?product=" + PRODUCT + "&status=approved");
        return response.body().contains("\"check\":\"" + WAIVED_CHECK + "\"") ? "approved" : "not approved";
    }

    // ---------------------------------------------------------------- processes

    private void startKeycloak() throws IOException, InterruptedException {
        String script = root.resolve("scripts/keycloak.sh").toString();
        if (run(List.of("bash", script, "status"), Duration.ofSeconds(30)) == 0) {
            return;
        }
        startedKeycloak = true;
        int code = run(List.of("bash", script, "start"), Duration.ofMinutes(6));
        if (code != 0) {
            throw new IllegalStateException("scripts/keycloak.sh start failed (" + code + "); see " + logs);
        }
    }

    private void startJar(String module, int port, Map<String, String> env) throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package -DskipTests, "
                    + "or ./mvnw verify, which packages them before the portal's tests)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.flyway.clean-at-start=true", "-Dquarkus.flyway.clean-disabled=false",
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(logs.resolve(module + ".log").toFile());
        builder.environment().putAll(env);
        processes.add(builder.start());
    }

    private void awaitReady(String base, String name) {
        Awaitility.await(name + " ready (log: " + logs + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    for (Process process : processes) {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited; see " + logs);
                        }
                    }
                    try {
                        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private int run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("keycloak-script.log").toFile())).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    // ---------------------------------------------------------------- HTTP

    public static String userToken(String user) throws IOException, InterruptedException {
        return token("grant_type=password&client_id=pillarboard-cli&username=" + user + "&password=" + user);
    }

    static String clientToken(String client, String secret) throws IOException, InterruptedException {
        return token("grant_type=client_credentials&client_id=" + URLEncoder.encode(client, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }

    private static String token(String form) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no token from Keycloak: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    private static void send(String token, String method, String url, String json, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpResponse<String> get(String token, String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Whether Debian's Chromium and its driver are installed (.ci/run installs them). */
    public static boolean browserInstalled() {
        return new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute();
    }
}
