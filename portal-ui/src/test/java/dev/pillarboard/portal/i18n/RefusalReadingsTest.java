package dev.pillarboard.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.portal.support.RealSuite;
import dev.pillarboard.portal.support.RealSuiteProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The portal's Japanese readings of the services' refusals ({@link ServiceText}) hold the services' English as it is
 * today: the real catalog and scorecard (of {@link RealSuite}) are sent what the portal's forms can send wrong, and
 * every message that comes back — each field's, or the detail of a refusal without fields — must have a reading. A
 * service whose wording changed fails this test instead of leaving a Japanese page in English. The requests are shaped
 * as the forms send them (a waiver's day as the end of that day, a timestamp). Nothing is stored: every request here
 * is refused.
 */
@QuarkusTest
@TestProfile(RealSuiteProfile.class)
class RefusalReadingsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRODUCT = RealSuite.PRODUCT;

    private static String catalog;
    private static String scorecard;
    private static String dana;
    private static String sam;
    private static String lee;
    private static String ada;

    @BeforeAll
    static void tokens() throws IOException, InterruptedException {
        catalog = RealSuite.catalogUrl();
        scorecard = RealSuite.scorecardUrl();
        dana = RealSuite.userToken("dana");
        sam = RealSuite.userToken("sam");
        lee = RealSuite.userToken("lee");
        ada = RealSuite.userToken("ada");
    }

    @Test
    void theProductFormsRefusalsReadInJapanese() throws Exception {
        String everythingWrong = """
                {"slug": "Bad Slug", "name": " ", "description": "a\\u0007b", "owner": "payments", "phase": "nope", "tier": 9,
                 "tags": ["Bad Tag"], "links": {"Bad Name": "ftp://x"}, "annotations": {}}""";
        readable(send(dana, "POST", catalog + "/api/products", everythingWrong, null), 400);
        String valid = """
                {"slug": "%s", "name": "N", "description": "", "owner": "%s", "phase": "pre-pmf", "tier": 2,
                 "tags": [], "links": {}, "annotations": {}}""";
        // Already there; an owner that is no team; another team's product; a slug that cannot change.
        readable(send(dana, "POST", catalog + "/api/products", valid.formatted(PRODUCT, "payments"), null), 409);
        readable(send(ada, "POST", catalog + "/api/products", valid.formatted("e2e-nowhere", "no-such-team"), null), 422);
        readable(send(sam, "POST", catalog + "/api/products", valid.formatted("e2e-not-mine", "payments"), null), 403);
        String etag = get(dana, catalog + "/api/products/" + PRODUCT).headers().firstValue("ETag").orElseThrow();
        readable(send(dana, "PUT", catalog + "/api/products/" + PRODUCT, valid.formatted("e2e-renamed", "payments"), etag), 400,
                422);
        readable(send(sam, "PUT", catalog + "/api/products/" + PRODUCT, valid.formatted(PRODUCT, "payments"), etag), 403);
    }

    @Test
    void theAttestFormsRefusalsReadInJapanese() throws Exception {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        readable(send(dana, "POST", scorecard + "/api/attestations", """
                {"product": "%s", "check": "%s", "evidenceUrl": "ftp://wiki.example.com/x", "performedAt": "%s", "comment": "a\\u0007b"}
                """.formatted(PRODUCT, RealSuite.ATTESTED_CHECK, tomorrow), null), 400);
        readable(send(dana, "POST", scorecard + "/api/attestations", """
                {"product": "%s", "check": "%s", "evidenceUrl": "https://wiki.example.com/x", "performedAt": "2020-01-01"}
                """.formatted(PRODUCT, RealSuite.ATTESTED_CHECK), null), 400, 422);
        readable(send(dana, "POST", scorecard + "/api/attestations", """
                {"product": "%s", "check": "%s", "evidenceUrl": "https://wiki.example.com/x", "performedAt": "someday"}
                """.formatted(PRODUCT, RealSuite.ATTESTED_CHECK), null), 400);
        readable(send(dana, "POST", scorecard + "/api/attestations", """
                {"product": "%s", "check": "availability-alert", "evidenceUrl": "https://wiki.example.com/x"}
                """.formatted(PRODUCT), null), 400, 422);
        readable(send(dana, "POST", scorecard + "/api/attestations", """
                {"product": "%s", "check": "no-such-check", "evidenceUrl": "https://wiki.example.com/x"}
                """.formatted(PRODUCT), null), 400, 422);
        readable(send(sam, "POST", scorecard + "/api/attestations", """
                {"product": "%s", "check": "%s", "evidenceUrl": "https://wiki.example.com/x"}
                """.formatted(PRODUCT, RealSuite.ATTESTED_CHECK), null), 403);
    }

    @Test
    void theWaiverFormsRefusalsReadInJapanese() throws Exception {
        String check = RealSuite.ATTESTED_CHECK;
        readable(send(dana, "POST", scorecard + "/api/waivers", """
                {"product": "%s", "check": "%s", "reason": " ", "expiresAt": "%s"}
                """.formatted(PRODUCT, check, Instant.now().minus(Duration.ofDays(1))), null), 400);
        readable(send(dana, "POST", scorecard + "/api/waivers", """
                {"product": "%s", "check": "%s", "reason": "later", "expiresAt": "%s"}
                """.formatted(PRODUCT, check, Instant.now().plus(Duration.ofDays(3 * 365))), null), 400);
        readable(send(dana, "POST", scorecard + "/api/waivers", """
                {"product": "%s", "check": "%s", "reason": "later"}""".formatted(PRODUCT, check), null), 400);
        readable(send(dana, "POST", scorecard + "/api/waivers", """
                {"product": "%s", "check": "no-such-check", "reason": "later", "expiresAt": "%s"}
                """.formatted(PRODUCT, Instant.now().plus(Duration.ofDays(10))), null), 422);
        readable(send(sam, "POST", scorecard + "/api/waivers", """
                {"product": "%s", "check": "%s", "reason": "later", "expiresAt": "%s"}
                """.formatted(PRODUCT, check, Instant.now().plus(Duration.ofDays(10))), null), 403);
        // Deciding: a decision that is neither; a developer who is no lead.
        long waiver = JSON.readTree(get(ada, scorecard + "/api/waivers?product=" + PRODUCT).body()).path("items").get(0)
                .path("id").asLong();
        readable(send(lee, "POST", scorecard + "/api/waivers/" + waiver + "/decision", """
                {"decision": "maybe"}""", null), 400);
        readable(send(dana, "POST", scorecard + "/api/waivers/" + waiver + "/decision", """
                {"decision": "reject"}""", null), 403);
    }

    @Test
    void theTaskAndSignOffFormsRefusalsReadInJapanese() throws Exception {
        JsonNode task = JSON.readTree(get(dana, scorecard + "/api/tasks?product=" + PRODUCT + "&status=open&size=1").body())
                .path("items").get(0);
        String url = scorecard + "/api/tasks/" + task.path("id").asLong();
        String etag = get(dana, url).headers().firstValue("ETag").orElseThrow();
        readable(send(dana, "PATCH", url, """
                {"status": "done"}""", etag), 400, 409, 422);
        readable(send(dana, "PATCH", url, """
                {"status": "bogus", "assignee": "%s", "dueDate": "31/12/2026"}""".formatted("x".repeat(201)), etag), 400);
        readable(send(sam, "PATCH", url, """
                {"status": "in-progress"}""", etag), 403);
        readable(send(lee, "POST", scorecard + "/api/reviews", """
                {"product": "%s", "decision": "maybe", "comment": ""}""".formatted(PRODUCT), null), 400);
        readable(send(dana, "POST", scorecard + "/api/reviews", """
                {"product": "%s", "decision": "approved", "comment": ""}""".formatted(PRODUCT), null), 403);
    }

    @Test
    void theImportsReasonsReadInJapanese() throws Exception {
        // A dry run (nothing is stored) of documents the catalog skips or rejects, one reason of each kind.
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: an-api}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: no-phase}
                spec: {owner: group:default/payments}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: retired}
                spec: {owner: group:default/payments, lifecycle: deprecated}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: Bad_Name
                  title: "a\\tb"
                  annotations: {pillarboard.dev/tier: gold, pillarboard.dev/phase: growth}
                  links: [{url: "ftp://x"}, {title: no url}]
                spec: {owner: group:default/nobody-here, lifecycle: production}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: ownerless}
                spec: {lifecycle: production}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: owned-by-a-user}
                spec: {owner: user:default/dana, lifecycle: production}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: e2e-orphans}
                spec: {type: team, parent: group:default/no-such-parent, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: e2e-loop-a}
                spec: {type: team, parent: e2e-loop-b, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: e2e-loop-b}
                spec: {type: team, parent: e2e-loop-a, children: []}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: twice}
                spec: {owner: group:default/payments, lifecycle: production}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: twice}
                spec: {owner: group:default/payments, lifecycle: production}
                ---
                kind: Component
                metadata: {name: no-version}
                ---
                just text
                """;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(catalog + "/api/import?dryRun=true"))
                .header("Authorization", "Bearer " + ada).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> reasons = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (JsonNode item : JSON.readTree(response.body()).path("items")) {
            String reason = item.path("reason").isTextual() ? item.path("reason").asText() : null;
            if (reason != null) {
                reasons.add(reason);
                if (ImportReasons.in(reason, "ja").equals(reason)) {
                    unread.add(item.path("ref").asText() + ": " + reason);
                }
            }
        }
        assertThat(reasons).as(response.body()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(unread).as("reasons of the import that a Japanese page would show in English").isEmpty();
    }

    @Test
    void yamlTheCatalogCannotReadIsReadInJapaneseWithItsLine() throws Exception {
        String head = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n";
        for (String yaml : List.of(
                head + "  name: x\n\tspec: {}\n", // a tab for indentation
                head + "  name: x\n  description: a: b\n", // a mapping value where none may be
                head + "  name: \"x\n", // a quote never closed
                head + "  name: x\n  name: y\n", // a key twice
                head + "  name: x\u0007\n", // a control character
                head + "  name: *nowhere\n", // an alias of nothing
                head + "  name: x\n  title\n  owner: y\n", // a key without its ':'
                head + "  name: x\n - a\n", // a block where the mapping should end
                head + "  ? [a, b]\n  : x\n", // a key that is a list
                head + "  description: " + "x".repeat(70_000) + "\n")) { // a line too long
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(catalog + "/api/import?dryRun=true"))
                    .header("Authorization", "Bearer " + ada).header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
            readable(response, 400);
            // The banner reads the detail, which names the line, too.
            String detail = JSON.readTree(response.body()).path("detail").asText();
            assertThat(ServiceText.in(null, detail, "ja")).as(detail).isNotEqualTo(detail);
        }
    }

    /** Every message of a refusal has a Japanese reading: each field's, or the detail when it names none. */
    private static void readable(HttpResponse<String> response, int... statuses) throws IOException {
        assertThat(statuses).as(response.uri() + " answered " + response.statusCode() + ": " + response.body())
                .contains(response.statusCode());
        JsonNode problem = JSON.readTree(response.body());
        List<String> unread = new ArrayList<>();
        JsonNode violations = problem.path("violations");
        if (violations.isArray() && !violations.isEmpty()) {
            for (JsonNode violation : violations) {
                String field = violation.path("field").isTextual() ? violation.path("field").asText() : null;
                String message = violation.path("message").asText();
                if (ServiceText.in(field, message, "ja").equals(message)) {
                    unread.add(field + ": " + message);
                }
            }
        } else {
            String detail = problem.path("detail").asText();
            if (ServiceText.in(null, detail, "ja").equals(detail)) {
                unread.add(detail);
            }
        }
        assertThat(unread).as("messages of " + response.request().method() + " " + response.uri()
                + " that a Japanese page would show in English").isEmpty();
    }

    private static HttpResponse<String> send(String token, String method, String url, String json, String ifMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String token, String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
