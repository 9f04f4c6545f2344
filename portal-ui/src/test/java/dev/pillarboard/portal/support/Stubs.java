package dev.pillarboard.portal.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.UrlPattern;

/**
 * The services' answers that the pages are built from: JSON recorded from the real services (test resources under
 * {@code stubs/}: the payments team and its Payments API), served by the stand-ins, and a service that is down or
 * slow.
 */
public final class Stubs {

    private Stubs() {
    }

    /** Every page's reads answered at once with the recorded JSON. */
    public static void standard() {
        catalogReads(0);
        scorecardReads(0);
    }

    private static boolean warm;

    /**
     * Loads the main pages once per test run before the first test looks at one: the first page of a fresh JVM pays
     * for class loading and JIT (seconds on two cores), which could exceed the clients' timeouts and turn a test of
     * page content into one of a cold start. {@code DegradedServicesTest} covers what a user sees when calls time out.
     */
    public static synchronized void warmUp(java.net.URL base) {
        if (warm) {
            return;
        }
        warm = true;
        try (Browser browser = new Browser(base)) {
            for (String path : new String[] { "/", "/products", "/products/payments-api", "/teams/payments", "/rubric" }) {
                browser.get(path);
            }
        }
    }

    public static void catalogReads(int delayMillis) {
        WireMockServer catalog = ServiceStubs.catalog();
        catalog.resetAll();
        json(catalog, urlPathEqualTo("/api/teams"), "teams.json", null, delayMillis);
        json(catalog, urlPathMatching("/api/products/[a-z0-9-]+"), "product-payments-api.json", "\"8\"", delayMillis);
        json(catalog, urlPathEqualTo("/api/changes/recent"), "changes-recent.json", null, delayMillis);
        catalog.stubFor(get(urlPathEqualTo("/api/products")).willReturn(okJson("""
                {"items": [], "page": 0, "size": 25, "total": 0}""").withFixedDelay(delayMillis)));
        catalog.stubFor(get(urlPathEqualTo("/q/health/ready")).willReturn(okJson("{\"status\":\"UP\"}")));
    }

    public static void scorecardReads(int delayMillis) {
        WireMockServer scorecard = ServiceStubs.scorecard();
        scorecard.resetAll();
        json(scorecard, urlPathEqualTo("/api/rubric"), "rubric.json", null, delayMillis);
        scorecard.stubFor(get(urlPathEqualTo("/api/rubric")).withHeader("Accept-Language", matching("ja.*"))
                .willReturn(okJson(rubricInJapanese()).withFixedDelay(delayMillis)));
        json(scorecard, urlPathEqualTo("/api/rubric/versions"), "rubric-versions.json", null, delayMillis);
        json(scorecard, urlPathEqualTo("/api/overview"), "overview.json", null, delayMillis);
        json(scorecard, urlPathEqualTo("/api/scorecards"), "summaries-payments.json", null, delayMillis);
        json(scorecard, urlPathMatching("/api/scorecards/[a-z0-9-]+"), "scorecard-payments-api.json", null, delayMillis);
        scorecard.stubFor(get(urlPathMatching("/api/scorecards/[a-z0-9-]+/history"))
                .willReturn(okJson(recent(read("history-payments-api.json"))).withFixedDelay(delayMillis)));
        json(scorecard, urlPathEqualTo("/api/tasks"), "tasks-payments-api.json", null, delayMillis);
        scorecard.stubFor(get(urlPathEqualTo("/api/tasks")).withHeader("Accept-Language", matching("ja.*"))
                .willReturn(okJson(inJapanese(read("tasks-payments-api.json"))).withFixedDelay(delayMillis)));
        json(scorecard, urlPathEqualTo("/api/waivers"), "waivers-payments-api.json", null, delayMillis);
        json(scorecard, urlPathMatching("/api/teams/[a-z0-9-]+/summary"), "team-summary-payments.json", null, delayMillis);
        scorecard.stubFor(get(urlPathEqualTo("/api/deadlines")).willReturn(okJson(deadlines(true)).withFixedDelay(delayMillis)));
        scorecard.stubFor(get(urlPathEqualTo("/api/deadlines")).withQueryParam("kind", equalTo("attestation,practice,waiver"))
                .willReturn(okJson(deadlines(false)).withFixedDelay(delayMillis)));
        scorecard.stubFor(get(urlPathMatching("/api/teams/[a-z0-9-]+/history"))
                .willReturn(okJson(recent(read("team-history-payments.json"))).withFixedDelay(delayMillis)));
        scorecard.stubFor(get(urlPathEqualTo("/api/evaluations")).willReturn(okJson("""
                {"items": [], "page": 0, "size": 5, "total": 0}""").withFixedDelay(delayMillis)));
        scorecard.stubFor(get(urlPathEqualTo("/api/reviews")).willReturn(okJson("""
                {"items": [], "page": 0, "size": 20, "total": 0}""").withFixedDelay(delayMillis)));
        scorecard.stubFor(get(urlPathEqualTo("/q/health/ready")).willReturn(okJson("{\"status\":\"UP\"}")
                .withFixedDelay(delayMillis)));
    }

    /**
     * The rubric as the scorecard answers a page in Japanese when its rubric has Japanese texts for some of it (the
     * default rubric's second edition has them for all): the pillars and two checks titled in Japanese, every other
     * text in English as written.
     */
    public static String rubricInJapanese() {
        return inJapanese(read("rubric.json"));
    }

    /** An answer of the scorecard's as it gives it in Japanese: the titles of {@link #JAPANESE_TITLES} replaced. */
    public static String inJapanese(String json) {
        for (String[] title : JAPANESE_TITLES) {
            json = json.replace('"' + title[0] + '"', '"' + title[1] + '"');
        }
        return json;
    }

    /**
     * The English titles the Japanese rubric replaces, and their Japanese (from the default rubric's second edition);
     * the security pillar's short title ("Secu", "安全性") differs from the portal's own label for that pillar on
     * purpose: the rubric's wins where it gives one.
     */
    public static final String[][] JAPANESE_TITLES = {
            { "Observability", "オブザーバビリティ" }, { "Incident Response", "インシデント対応" },
            { "Release & Change", "リリースと変更管理" }, { "Security", "セキュリティ" },
            { "Resilience & Capacity", "レジリエンスとキャパシティ" },
            { "Most alerts need a human action", "ページの 70% 以上が人の対応を必要としている" },
            { "Alerts are reviewed regularly and pruned", "アラートを定期的に見直し、整理している" },
            { "The team practises incidents (game day or drill)", "障害対応の訓練 (ゲームデイやドリル) をしている" },
            { "Secu", "安全性" } };

    /**
     * A history file as if recorded recently: its points (taken on {@value #HISTORY_DAY}) moved to yesterday, its
     * window's start to 90 days before, so that the pages' 90-day trends draw them whenever the tests run.
     */
    static String recent(String history) {
        java.time.LocalDate yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        return history.replace(HISTORY_DAY, yesterday.toString())
                .replace(HISTORY_FROM, yesterday.minusDays(90).toString());
    }

    static final String HISTORY_DAY = "2026-12-04";
    static final String HISTORY_FROM = "2026-09-05";

    /**
     * What falls due for the payments team, as the scorecard would answer {@code GET /api/deadlines} today: a waiver
     * ending in 3 days, an attestation lapsing in 12, a restore test due again in 20 and, with {@code grace}, three
     * checks of wallet leaving their grace in 25 days (one line on the pages).
     */
    static String deadlines(boolean grace) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> items = new ArrayList<>(List.of(
                deadline(now, 3, "waiver", "payments-api", "Payments API", "game-day",
                        "The team practises incidents (game day or drill)", "waived", null),
                deadline(now, 12, "attestation", "payments-api", "Payments API", "alert-review",
                        "Alerts are reviewed regularly and pruned", "pass", null),
                deadline(now, 20, "practice", "refunds", "Refunds", "restore-tested",
                        "A restore from backup was tested in the last 90 days", "pass", "restore.last_tested_at")));
        if (grace) {
            for (String[] check : new String[][] { { "slos-defined", "Every key user journey has an SLO" },
                    { "runbooks", "Paging alerts have a runbook" }, { "on-call-escalation", "An on-call rotation with an escalation path" } }) {
                items.add(deadline(now, 25, "grace", "wallet", "Wallet", check[0], check[1], "fail", null));
            }
        }
        return "{\"items\": [" + String.join(",", items) + "], \"page\": 0, \"size\": 100, \"total\": " + items.size() + "}";
    }

    private static String deadline(Instant now, int days, String kind, String product, String name, String check,
            String title, String status, String signal) {
        return ("{\"at\": \"%s\", \"kind\": \"%s\", \"product\": \"%s\", \"name\": \"%s\", \"owner\": \"payments\", "
                + "\"phase\": \"pmf\", \"check\": \"%s\", \"pillar\": \"observability\", \"title\": \"%s\", "
                + "\"requirement\": \"required\", \"status\": \"%s\", \"signal\": %s, \"waiver\": null}").formatted(
                        now.plus(Duration.ofDays(days)), kind, product, name, check, title, status,
                        signal == null ? "null" : "\"" + signal + "\"");
    }

    /** The service answers nothing: every connection is reset. */
    public static void down(WireMockServer service) {
        service.resetAll();
        service.stubFor(any(urlPathMatching(".*")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    public static void json(WireMockServer service, UrlPattern url, String file, String etag, int delayMillis) {
        ResponseDefinitionBuilder response = okJson(read(file)).withFixedDelay(delayMillis);
        if (etag != null) {
            response = response.withHeader("ETag", etag);
        }
        service.stubFor(get(url).willReturn(response));
    }

    public static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static ResponseDefinitionBuilder problem(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json").withBody(body);
    }

    public static String read(String file) {
        try (InputStream in = Stubs.class.getResourceAsStream("/stubs/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no stub file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
