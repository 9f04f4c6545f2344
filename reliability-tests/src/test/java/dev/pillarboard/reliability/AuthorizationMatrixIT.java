package dev.pillarboard.reliability;

import static dev.pillarboard.reliability.support.Fixtures.ATTESTED_CHECK;
import static dev.pillarboard.reliability.support.Fixtures.createProduct;
import static dev.pillarboard.reliability.support.Fixtures.createTeam;
import static dev.pillarboard.reliability.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.pillarboard.reliability.support.Api;
import dev.pillarboard.reliability.support.Fixtures;
import dev.pillarboard.reliability.support.Problems;
import dev.pillarboard.reliability.support.Suite;

/**
 * Every write endpoint of both services, called by every kind of caller, against the rules the
 * service READMEs state (and DESIGN.md's roles): who may write what, for their own team and for
 * another. The targets belong to team {@code payments}: {@code lee} (team lead) and {@code dana}
 * (developer) are in it, {@code tara} (team lead) and {@code sam} (developer) are not, {@code guest}
 * is a developer without a team, {@code ada} a platform admin; the automation client and the
 * scorecard's service account (authenticated, no role) are machines. A request without a token, with
 * an expired one or one signed by a foreign key is 401. An allowed call must succeed (2xx), a
 * refused one is 403; each is a problem document. The test prints the whole table.
 */
@ExtendWith(Suite.class)
class AuthorizationMatrixIT {

    enum Caller {
        NO_TOKEN("no token"), EXPIRED("expired"), FOREIGN_KEY("foreign key"), ADMIN("admin"), LEAD_OWN("lead own"),
        LEAD_OTHER("lead other"), DEV_OWN("dev own"), DEV_OTHER("dev other"), DEV_NO_TEAM("dev no team"),
        AUTOMATION("automation"), NO_ROLE("no role");

        final String label;

        Caller(String label) {
            this.label = label;
        }
    }

    static final Set<Caller> UNAUTHENTICATED = EnumSet.of(Caller.NO_TOKEN, Caller.EXPIRED, Caller.FOREIGN_KEY);
    static final Set<Caller> ADMIN = EnumSet.of(Caller.ADMIN);
    static final Set<Caller> OWN_TEAM = EnumSet.of(Caller.ADMIN, Caller.LEAD_OWN, Caller.DEV_OWN);
    static final Set<Caller> OWN_LEAD = EnumSet.of(Caller.ADMIN, Caller.LEAD_OWN);
    static final Set<Caller> MACHINES = EnumSet.of(Caller.ADMIN, Caller.AUTOMATION);
    static final Set<Caller> AUTHENTICATED = EnumSet.complementOf(EnumSet.copyOf(UNAUTHENTICATED));

    /** One write endpoint: the callers the READMEs allow, and the call (fixtures made fresh for each caller). */
    record Row(String endpoint, String rule, Set<Caller> allowed, Function<String, Api.Answer> call) {
    }

    static Suite.World world;
    static final Map<Caller, String> TOKENS = new LinkedHashMap<>();
    static String product;
    static final AtomicInteger nextCheck = new AtomicInteger();
    static List<String> checks;

    @BeforeAll
    static void tokensAndTargets() {
        world = Suite.world();
        var kc = world.keycloak;
        TOKENS.put(Caller.NO_TOKEN, null);
        TOKENS.put(Caller.EXPIRED, kc.expiredAdminToken());
        TOKENS.put(Caller.FOREIGN_KEY, kc.foreignKeyToken());
        TOKENS.put(Caller.ADMIN, kc.user("ada"));
        TOKENS.put(Caller.LEAD_OWN, kc.user("lee"));
        TOKENS.put(Caller.LEAD_OTHER, kc.user("tara"));
        TOKENS.put(Caller.DEV_OWN, kc.user("dana"));
        TOKENS.put(Caller.DEV_OTHER, kc.user("sam"));
        TOKENS.put(Caller.DEV_NO_TEAM, kc.user("guest"));
        TOKENS.put(Caller.AUTOMATION, kc.automation());
        TOKENS.put(Caller.NO_ROLE, kc.serviceAccount());
        product = unique("authz");
        createProduct(product, "payments", "pre-pmf");
        Fixtures.awaitScorecard(product);
        checks = Fixtures.checks();
    }

    /** A check of the rubric no other waiver of this test has used: one open request per product and check. */
    static String freshCheck() {
        return checks.get(nextCheck.getAndIncrement() % checks.size());
    }

    List<Row> rows() {
        String cat = world.catalog.url();
        String sc = world.scorecard.url();
        String admin = TOKENS.get(Caller.ADMIN);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("POST /api/teams", "platform-admin", ADMIN,
                token -> Api.json("POST", cat + "/api/teams", token, Fixtures.team(unique("t")))));
        rows.add(new Row("PUT /api/teams/{slug}", "platform-admin", ADMIN, token -> {
            String slug = unique("t");
            String etag = createTeam(slug);
            return Api.json("PUT", cat + "/api/teams/" + slug, token,
                    Map.of("slug", slug, "name", "Renamed", "contact", Map.of("email", "x@example.com")), "If-Match", etag);
        }));
        rows.add(new Row("DELETE /api/teams/{slug}", "platform-admin", ADMIN, token -> {
            String slug = unique("t");
            String etag = createTeam(slug);
            return Api.send("DELETE", cat + "/api/teams/" + slug, token, null, null, false, "If-Match", etag);
        }));
        rows.add(new Row("POST /api/products", "own team's product", OWN_TEAM,
                token -> Api.json("POST", cat + "/api/products", token, Fixtures.product(unique("p"), "payments", "pre-pmf"))));
        rows.add(new Row("PUT /api/products/{slug}", "own team's product", OWN_TEAM, token -> {
            String slug = unique("p");
            String etag = createProduct(slug, "payments", "pre-pmf");
            Map<String, Object> body = Fixtures.product(slug, "payments", "pmf");
            return Api.json("PUT", cat + "/api/products/" + slug, token, body, "If-Match", etag);
        }));
        rows.add(new Row("PATCH /api/products/{slug}", "own team's product", OWN_TEAM, token -> {
            String slug = unique("p");
            String etag = createProduct(slug, "payments", "pre-pmf");
            return Api.patch(cat + "/api/products/" + slug, token, Map.of("tier", 1), "If-Match", etag);
        }));
        rows.add(new Row("DELETE /api/products/{slug}", "own team's product", OWN_TEAM, token -> {
            String slug = unique("p");
            String etag = createProduct(slug, "payments", "pre-pmf");
            return Api.send("DELETE", cat + "/api/products/" + slug, token, null, null, false, "If-Match", etag);
        }));
        rows.add(new Row("POST /api/import", "automation, platform-admin", MACHINES, token -> Api.yaml("POST", cat + "/api/import",
                token, """
                        apiVersion: backstage.io/v1alpha1
                        kind: Component
                        metadata:
                          name: %s
                        spec:
                          type: service
                          lifecycle: production
                          owner: group:payments
                        """.formatted(unique("imp")))));
        rows.add(new Row("PUT /api/rubric", "platform-admin", ADMIN, token -> {
            String yaml = Api.get(sc + "/api/rubric", admin, "Accept", "application/yaml").body();
            return Api.yaml("PUT", sc + "/api/rubric", token, yaml);
        }));
        rows.add(new Row("POST /api/signals", "automation, platform-admin", MACHINES, token -> Api.json("POST", sc + "/api/signals",
                token, List.of(Fixtures.signal(product, "alerts.availability_rules", 1, Instant.now())))));
        rows.add(new Row("POST /api/attestations", "owning team, platform-admin", OWN_TEAM, token -> Api.json("POST",
                sc + "/api/attestations", token, Map.of("product", product, "check", ATTESTED_CHECK,
                        "evidenceUrl", "https://wiki.example.com/incident-process", "comment", "reliability suite"))));
        rows.add(new Row("PATCH /api/tasks/{id}", "owning team, platform-admin", OWN_TEAM, token -> Api.patch(
                sc + "/api/tasks/" + Fixtures.taskId(product, "availability-alert"), token, Map.of("assignee", "dana"))));
        rows.add(new Row("POST /api/waivers", "owning team", OWN_TEAM, token -> Api.json("POST", sc + "/api/waivers", token,
                waiver(freshCheck()))));
        rows.add(new Row("POST /api/waivers/{id}/decision (dana asked)", "owning team's lead, not the requester; platform-admin",
                OWN_LEAD, token -> decide(token, "dana")));
        rows.add(new Row("POST /api/waivers/{id}/decision (lee asked)", "another lead of the team, platform-admin (four eyes)",
                ADMIN, token -> decide(token, "lee")));
        rows.add(new Row("POST /api/reviews", "owning team's lead, platform-admin", OWN_LEAD, token -> Api.json("POST",
                sc + "/api/reviews", token, Map.of("product", product, "decision", "approved", "comment", "reliability suite"))));
        rows.add(new Row("POST /api/scorecards/{product}/history", "platform-admin", ADMIN, token -> {
            String slug = unique("hist");
            createProduct(slug, "payments", "pre-pmf");
            return Api.json("POST", sc + "/api/scorecards/" + slug + "/history", token, List.of(pastPoint()));
        }));
        rows.add(new Row("POST /api/evaluations", "platform-admin", ADMIN,
                token -> Api.send("POST", sc + "/api/evaluations", token, null, null, false)));
        rows.add(new Row("POST /api/sync", "platform-admin", ADMIN, token -> Api.send("POST", sc + "/api/sync", token, null, null,
                false)));
        rows.add(new Row("POST /api/sync/nudge", "any authenticated caller", AUTHENTICATED,
                token -> Api.send("POST", sc + "/api/sync/nudge", token, null, null, false)));
        return rows;
    }

    /** A point of a product's past, ten days ago. */
    static Map<String, Object> pastPoint() {
        return Map.of("takenAt", Instant.now().minus(Duration.ofDays(10)).toString(), "phase", "pre-pmf", "score", 50,
                "progress", 40, "meetsPhaseBar", false, "nextPhaseReadiness", 20, "pillars", Map.of());
    }

    static Map<String, Object> waiver(String check) {
        return Map.of("product", product, "check", check, "reason", "Booked for next quarter",
                "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString());
    }

    /** A waiver requested by {@code requester}, decided by the caller. */
    static Api.Answer decide(String token, String requester) {
        Api.Answer requested = Api.json("POST", world.scorecard.url() + "/api/waivers", world.keycloak.user(requester),
                waiver(freshCheck()));
        assertThat(requested.status()).as("waiver requested by %s: %s", requester, requested).isEqualTo(201);
        return Api.json("POST", world.scorecard.url() + "/api/waivers/" + requested.json().get("id").asText() + "/decision", token,
                Map.of("decision", "approve", "comment", "ok"));
    }

    @Test
    void everyWriteEndpointAnswersEveryCallerAsTheReadmesSay() {
        List<Row> rows = rows();
        List<String> mismatches = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        String header = String.format("%-46s", "endpoint (target: a product of payments)");
        for (Caller caller : Caller.values()) {
            header += String.format(" | %-11s", caller.label);
        }
        table.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format("%-46s", row.endpoint()));
            for (Caller caller : Caller.values()) {
                Api.Answer answer = row.call().apply(TOKENS.get(caller));
                int expected = UNAUTHENTICATED.contains(caller) ? 401 : row.allowed().contains(caller) ? 200 : 403;
                boolean right = expected == 200 ? answer.ok() : answer.status() == expected;
                if (right && !answer.ok()) {
                    Problems.problem(answer, row.endpoint() + " as " + caller.label);
                }
                if (!right) {
                    mismatches.add(row.endpoint() + " as " + caller.label + ": expected " + (expected == 200 ? "2xx" : expected)
                            + " (" + row.rule() + "), got " + answer);
                }
                line.append(String.format(" | %-11s", answer.status() + (right ? "" : " WRONG")));
            }
            table.append(line).append('\n');
        }
        System.out.println("[reliability] authorization matrix (2xx: allowed; 401: no valid token; 403: refused)\n" + table);
        assertThat(mismatches).as("authorization matrix:\n%s", table).isEmpty();
    }
}
