package dev.pillarboard.portal.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;

import dev.pillarboard.portal.i18n.Msg;
import dev.pillarboard.portal.i18n.RubricMsg;
import dev.pillarboard.portal.support.ServiceStubs;
import dev.pillarboard.portal.support.StubbedPortalTest;
import dev.pillarboard.portal.support.Stubs;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;

/**
 * Every page rendered from the stand-ins' recorded answers, as a developer of the payments team sees it: what the
 * page shows, and that each page asked the services with the user's token, in one call per list (never per row).
 */
@QuarkusTest
@QuarkusTestResource(ServiceStubs.class)
class PagesTest extends StubbedPortalTest {

    @Inject
    ObjectMapper json;

    @Test
    void theServicesTimesAreReadByThePortalsOwnReader() throws Exception {
        // The mapper the REST clients read the services' JSON with takes an Instant through client/InstantReader.
        var context = ((DefaultDeserializationContext) json.getDeserializationContext())
                .createInstance(json.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(json.constructType(Instant.class)).getClass().getName())
                .endsWith("InstantReader$Reader");
        assertThat(json.readValue("\"2026-12-05T21:40:30.123456Z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-12-05T21:40:30.123456Z"));
    }


    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = { @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY),
            @Claim(key = "preferred_username", value = "dana"), @Claim(key = "name", value = "Dana Developer") })
    void homeShowsMyWorkFirstThenTheOrganisation() {
        HtmlPage home = browser.page("/");
        String text = home.asNormalizedText();
        assertThat(home.getTitleText()).isEqualTo("Home · Pillarboard");
        assertThat(text).contains("Hello, Dana Developer", "Your work", "Your products below their phase bar",
                "Payments API", "14 required checks to go", "Open P1 tasks", "The organisation",
                "Checks failing most often", "Recent catalog changes");
        assertThat(text).contains("Recommendations · product created");
        assertThat(text.indexOf("Your work")).isLessThan(text.indexOf("The organisation"));
        // Dana's own waiver request names its check by the rubric's title, not its id.
        assertThat(home.querySelector("a[href='/products/payments-api#check-game-day']").asNormalizedText())
                .isEqualTo("The team practises incidents (game day or drill)");
        // The header says who is signed in and their team.
        assertThat(home.querySelector(".who .name").asNormalizedText()).isEqualTo("Dana Developer");
        assertThat(home.querySelector(".who .teams").asNormalizedText()).isEqualTo("payments");
        // One call per list, for the user's teams, with the user's token.
        ServiceStubs.scorecard().verify(getRequestedFor(urlPathEqualTo("/api/scorecards"))
                .withQueryParam("owner", matching("payments")).withQueryParam("meetsBar", matching("false"))
                .withHeader("Authorization", matching("Bearer .+")));
        ServiceStubs.scorecard().verify(1, getRequestedFor(urlPathEqualTo("/api/overview")));
        ServiceStubs.catalog().verify(getRequestedFor(urlPathEqualTo("/api/changes/recent"))
                .withHeader("Authorization", matching("Bearer .+")));
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void homeShowsTheRequiredChecksInGraceWhenNoP1TaskIsOpen() {
        // A team just onboarded: every required check in its grace (P2, due when it ends), no P1 anywhere.
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/tasks")).withQueryParam("priority", equalTo("P1"))
                .willReturn(okJson("""
                        {"items": [], "page": 0, "size": 5, "total": 0}""")));
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/tasks")).withQueryParam("priority", equalTo("P2"))
                .withQueryParam("requirement", equalTo("required")).willReturn(okJson("""
                        {"items": [{"id": 41, "product": "wallet", "owner": "payments", "check": "access-review",
                          "pillar": "security", "title": "Production access is least-privilege and reviewed",
                          "priority": "P2", "status": "open", "dueDate": "2027-01-06", "reason": "not attested yet",
                          "createdAt": "2026-12-07T01:00:00Z", "updatedAt": "2026-12-07T01:00:00Z", "reopenCount": 0,
                          "etag": "\\"a1\\"", "checkStatus": "fail", "requirement": "required"}],
                         "page": 0, "size": 5, "total": 12}""")));
        HtmlPage home = browser.page("/");
        DomNode card = home.querySelector("#in-grace").getParentNode();
        assertThat(card.asNormalizedText()).contains("Open P1 tasks", "No open P1 task.",
                "12 required checks are in their grace period (P1 when it ends), soonest due first:",
                "Production access is least-privilege and reviewed", "wallet · Open · due 6 Jan 2027");
        assertThat(home.querySelector("#in-grace + ul a").getAttributes().getNamedItem("href").getNodeValue())
                .isEqualTo("/products/wallet#task-41");
        ServiceStubs.scorecard().verify(getRequestedFor(urlPathEqualTo("/api/tasks"))
                .withQueryParam("owner", equalTo("payments")).withQueryParam("priority", equalTo("P2")).withQueryParam("requirement", equalTo("required"))
                .withQueryParam("status", equalTo("active")).withQueryParam("sort", equalTo("dueDate"))
                .withHeader("Authorization", matching("Bearer .+")));

        // With a P1 task open, the P1 tasks alone (the recorded answer has them).
        Stubs.standard();
        HtmlPage again = browser.page("/");
        assertThat((Object) again.querySelector("#in-grace")).isNull();
        assertThat(again.asNormalizedText()).doesNotContain("No open P1 task.");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void homeAndTeamListWhatFallsDueSoonestFirst() {
        HtmlPage home = browser.page("/");
        DomNode card = home.querySelector("#coming-due");
        // The home page leaves the grace to its list of tasks in grace: attestations, dated practices and waivers.
        assertThat(home.querySelectorAll("#coming-due li.due-line").stream().map(DomNode::asNormalizedText).toList()).containsExactly(
                "The team practises incidents (game day or drill)\n"
                        + "in 3 days · Payments API · waiver ends: from then the check counts as it stands",
                "Alerts are reviewed regularly and pruned\n"
                        + "in 12 days · Payments API · attestation lapses: attest again once the practice is done",
                "A restore from backup was tested in the last 90 days\n"
                        + "in 20 days · Refunds · due again: the last date (restore.last_tested_at) leaves its window");
        assertThat(card.asNormalizedText()).contains("Coming due", "The next 30 days: what changes by itself unless someone acts");
        assertThat(home.querySelector("#coming-due li.due-line a").getAttributes().getNamedItem("href").getNodeValue())
                .isEqualTo("/products/payments-api#check-game-day");
        // Within a week it reads as soon; the exact time is in the element.
        assertThat(home.querySelectorAll("#coming-due time.due-when.soon")).hasSize(1);
        String in30Days = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        ServiceStubs.scorecard().verify(getRequestedFor(urlPathEqualTo("/api/deadlines"))
                .withQueryParam("owner", equalTo("payments")).withQueryParam("kind", equalTo("attestation,practice,waiver"))
                .withQueryParam("before", equalTo(in30Days)).withHeader("Authorization", matching("Bearer .+")));

        // The team page lists every kind; the checks of a product whose grace ends together are one line.
        HtmlPage team = browser.page("/teams/payments");
        assertThat(team.querySelectorAll("#coming-due li.due-line")).hasSize(4);
        assertThat(team.querySelectorAll("#coming-due li.due-line").get(3).asNormalizedText())
                .isEqualTo("3 checks leave their grace (their tasks become P1)\nin 25 days · Wallet");
        assertThat(team.querySelector("#coming-due li.due-line[data-kind='grace'] a").getAttributes().getNamedItem("href").getNodeValue())
                .isEqualTo("/products/wallet#tasks");
        ServiceStubs.scorecard().verify(getRequestedFor(urlPathEqualTo("/api/deadlines"))
                .withQueryParam("owner", equalTo("payments")).withQueryParam("before", equalTo(in30Days))
                .withQueryParam("size", equalTo("100")));

        // Nothing due: said so, on both pages.
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/deadlines")).willReturn(okJson("""
                {"items": [], "page": 0, "size": 100, "total": 0}""")));
        assertThat(browser.page("/").querySelector("#coming-due").asNormalizedText())
                .contains("Nothing falls due in the next 30 days.");
        assertThat(browser.page("/teams/payments").querySelector("#coming-due").asNormalizedText())
                .contains("Nothing falls due in the next 30 days.");
        Stubs.standard();
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void productPageSaysWhenAnAttestationLapses() {
        // The recorded scorecard's attestation of incident-process, valid for 40 days more, then lapsed two days ago.
        Instant in40Days = Instant.now().plus(Duration.ofDays(40));
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
                .withZone(ZoneOffset.UTC);
        for (Instant until : new Instant[] { in40Days, twoDaysAgo }) {
            ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards/payments-api")).willReturn(okJson(
                    Stubs.read("scorecard-payments-api.json").replace("2027-12-04T15:46:51.559428Z", until.toString()))));
            String said = browser.page("/products/payments-api").querySelector("#check-incident-process .valid-until")
                    .asNormalizedText();
            assertThat(said).isEqualTo(until == in40Days ? "valid until " + day.format(in40Days) + " (in 40 days)"
                    : "lapsed on " + day.format(twoDaysAgo) + ": attest again once the practice is done");
        }
        // An attestation says when it was attested and by whom, not when it was "observed".
        assertThat(browser.page("/products/payments-api").querySelector("#check-incident-process div.small.muted")
                .asNormalizedText()).startsWith("attested ").endsWith(" · dana").doesNotContain("performed");
        // A practice performed days before it was attested says on which day (its validity counts from then).
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards/payments-api")).willReturn(okJson(
                Stubs.read("scorecard-payments-api.json").replace("\"comment\": \"Written with SRE\",",
                        "\"comment\": \"Written with SRE\", \"performedAt\": \"2026-11-20T00:00:00Z\","))));
        assertThat(browser.page("/products/payments-api").querySelector("#check-incident-process div.small.muted")
                .asNormalizedText()).startsWith("attested ").endsWith(" · performed on 20 Nov 2026 · dana");
        Stubs.standard();
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void productPageShowsTheBarDoNextChecksAndTrend() {
        HtmlPage page = browser.page("/products/payments-api");
        String text = page.asNormalizedText();
        assertThat(page.getTitleText()).isEqualTo("Payments API · Pillarboard");
        assertThat(text).contains("Does not meet the PMF bar yet", "14 required checks are not met yet", "Do next",
                "Logs can be searched by request", "Every check, by pillar", "Pillars against the phase bar",
                "Last 90 days", "Waivers", "Last review", "Tasks");
        // Statuses are icon + word + colour; no usable evidence (unknown) is not the same as failing, and its tooltip
        // says what it means.
        assertThat(page.querySelectorAll(".status.s-fail")).isNotEmpty();
        assertThat(page.querySelectorAll(".status.s-unknown")).isNotEmpty();
        assertThat(page.querySelector(".status.s-unknown").asNormalizedText()).contains("No evidence");
        assertThat(page.querySelector(".status.s-unknown").getAttributes().getNamedItem("title").getNodeValue())
                .startsWith("No usable evidence: the signal is older than the check allows");
        assertThat(page.querySelector(".status.s-fail").getAttributes().getNamedItem("title")).isNull();
        assertThat(page.querySelector(".status.s-fail").asNormalizedText()).contains("Fail");
        // Failures first within a pillar.
        assertThat(page.querySelector("#pillar-observability details.check .status").asNormalizedText()).contains("Fail");
        // The owning team may attest and request waivers; the trend is an SVG drawn on the server.
        assertThat(page.querySelectorAll("form[action='/products/payments-api/attestations']")).isNotEmpty();
        assertThat(page.querySelectorAll("form[action='/products/payments-api/waivers']")).isNotEmpty();
        assertThat(page.querySelectorAll("svg.chart polyline")).isNotEmpty();
        // Its points are all of yesterday: the lines start days after the window's, and the chart says so.
        assertThat(page.querySelector("p.since").asNormalizedText()).startsWith("The lines start on ")
                .endsWith(", the first point of these 90 days.");
        // The product's waivers name their check by the rubric's title.
        assertThat(page.querySelector("#waiver-1 a").asNormalizedText())
                .isEqualTo("The team practises incidents (game day or drill)");
        // Tasks: the open ones in a table, titled as the service titles them (their check's title in the page's language);
        // the done ones folded away below, the most recently closed first.
        assertThat(page.querySelector("#task-319").asNormalizedText()).contains("Most alerts need a human action");
        // On a phone each task is a card (portal.css, table.stacked): its cells carry their column's name.
        assertThat((Object) page.querySelector("table.tasks.stacked #task-319 td[data-label='Assignee']")).isNotNull();
        assertThat(page.querySelector("details.done-tasks summary").asNormalizedText()).isEqualTo("Show the 15 done tasks");
        assertThat(page.querySelectorAll("details.done-tasks tr.muted")).hasSize(15);
        assertThat(page.querySelectorAll("section[aria-labelledby=tasks] > .table-wrap tr.muted")).isEmpty();
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void viewAsNextPhaseListsWhatTheNextBarStillNeedsWithHowToConnectASignal() {
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards/payments-api")).willReturn(Stubs.okJson(
                Stubs.read("scorecard-payments-api.json").replace("\"phase\": \"pmf\",",
                        "\"phase\": \"pre-pmf\", \"nextPhase\": \"pmf\","))));
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards/payments-api/readiness/pmf"))
                .willReturn(Stubs.okJson("""
                        {"product": "payments-api", "currentPhase": "pre-pmf", "targetPhase": "pmf", "rubricVersion": 1,
                         "meets": false, "readiness": 58, "requiredChecks": 38, "satisfiedChecks": 22,
                         "evaluatedAt": "2026-12-04T16:39:15Z",
                         "gaps": [
                           {"check": "distributed-tracing", "pillar": "observability", "title": "Requests are traced",
                            "weight": 2, "outcome": "fail", "reason": "tracing.services_without_traces is 2; needs ≤ 0",
                            "fix": "Add the OpenTelemetry agent."},
                           {"check": "slo-target-floor", "pillar": "observability", "title": "SLO targets are at least what the tier needs",
                            "weight": 2, "outcome": "not-connected", "reason": "not connected",
                            "fix": "**Not connected**: the exporter pushes it.\\n\\nOnce connected:\\n\\n```\\nPOST /api/signals\\n[{\\\"product\\\": \\\"payments-api\\\", \\\"key\\\": \\\"slo.min_target\\\", \\\"value\\\": 99.9}]\\n```"}]}""")));
        HtmlPage page = browser.page("/products/payments-api?view=next");
        assertThat(page.querySelector("h2#next-phase").asNormalizedText()).isEqualTo("To meet the PMF bar");
        assertThat(page.querySelector("h2#next-phase + p").asNormalizedText())
                .isEqualTo("22 of 38 checks that PMF requires are already met. You still need:");
        // One numbered line per gap: its title, then its status (never over the title), why, and how to close it.
        assertThat(page.querySelector("#gap-distributed-tracing").asNormalizedText()).startsWith(
                "1. Requests are traced ✕Fail\ntracing.services_without_traces is 2; needs ≤ 0\nAdd the OpenTelemetry agent.");
        DomElement connect = page.querySelector("#gap-slo-target-floor");
        assertThat(page.querySelector("#gap-slo-target-floor .what .status").asNormalizedText()).contains("Not connected");
        // The example request is a block of code as written, not Markdown's fence characters.
        assertThat(((DomElement) page.querySelector("#gap-slo-target-floor pre code")).getTextContent())
                .isEqualTo("POST /api/signals\n[{\"product\": \"payments-api\", \"key\": \"slo.min_target\", \"value\": 99.9}]");
        assertThat(connect.asNormalizedText()).doesNotContain("```");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void productPageShowsSignalsToConnectTooLittleDataGraceTheRuleAndExtraCredit() {
        HtmlPage page = browser.page("/products/payments-api");
        // A signal never pushed is neither failing nor "no evidence": its own status, and how to connect it instead of the fix.
        assertThat(page.querySelector("#check-progressive-delivery .status").asNormalizedText()).contains("Not connected");
        assertThat(page.querySelector("#check-progressive-delivery .status").getAttributes().getNamedItem("class")
                .getNodeValue()).contains("s-connect").doesNotContain("s-fail", "s-unknown");
        assertThat(page.querySelector("#check-progressive-delivery .status").getAttributes().getNamedItem("title")
                .getNodeValue()).startsWith("This signal has never been pushed for the product");
        // (Inside a closed <details>: its text content, as a reader who opens it sees it.)
        String connect = page.querySelector("#check-progressive-delivery").getTextContent();
        assertThat(connect).contains("How to connect this signal", "deploy-bot", "POST /api/signals")
                .doesNotContain("How to fix it");
        assertThat(page.querySelector("#check-change-failure-rate .status").asNormalizedText()).contains("Not enough data");
        assertThat(page.querySelector("#check-change-failure-rate").getTextContent()).contains("Too few events to judge yet");
        // Counted apart next to the bar, and the recommended checks met shown apart as extra credit.
        assertThat(page.querySelector("#apart").asNormalizedText()).contains("1 signal to connect", "1 with too little data");
        assertThat(page.querySelector("#extra-credit").asNormalizedText()).contains("Extra credit", "40%");
        // Which rule applied (the tier's override, with why) and the end of the grace.
        String slos = page.querySelector("#check-slos-defined").getTextContent().replaceAll("\\s+", " ");
        assertThat(slos).contains("The rule for Tier 1 applied", "Tier-1 users lose the most",
                "Newly required: its task stays P2 until 3 Jan 2027, then becomes P1");
        assertThat(page.querySelector("#check-availability-alert").getTextContent()).contains("The rule for the PMF phase");
        // The Do next legend says what P2 and P3 mean under this rubric (30 days of grace, next-phase gaps at P3), and
        // a signal to connect is announced once (the scorecard's text starts with it; the page adds no second label).
        assertThat(page.querySelector("#do-next").getParentNode().asNormalizedText())
                .contains("P2 required now, in its grace period", "P3 recommended or required next phase");
        String howToConnect = page.querySelector("#next-progressive-delivery .connect").asNormalizedText();
        assertThat(howToConnect).startsWith("Not connected: deploy.strategy has never been pushed");
        assertThat(howToConnect.indexOf("Not connected", 1)).isEqualTo(-1);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void theScorecardIsAskedForInThePagesLanguage() {
        browser.page("/products/payments-api");
        ServiceStubs.scorecard().verify(getRequestedFor(urlPathEqualTo("/api/scorecards/payments-api"))
                .withHeader("Accept-Language", matching("en")));
    }

    @Test
    @TestSecurity(user = "sam", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"search\"]", type = ClaimType.JSON_ARRAY))
    void actionsTheUserMayNotTakeAreNotOffered() {
        HtmlPage page = browser.page("/products/payments-api");
        assertThat(page.querySelectorAll("form[action='/products/payments-api/attestations']")).isEmpty();
        assertThat(page.querySelectorAll("form[action='/products/payments-api/waivers']")).isEmpty();
        assertThat(page.asNormalizedText()).doesNotContain("Edit product", "Sign off review");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void productListPassesEveryFilterOnAsOneCall() {
        HtmlPage page = browser.page("/products?team=payments&team=checkout&phase=pmf&tier=1&meets=false&q=pay&sort=progress&page=1");
        assertThat(page.asNormalizedText()).contains("Products", "Refunds", "Payments API", "Wallet", "Download CSV");
        ServiceStubs.scorecard().verify(1, getRequestedFor(urlPathEqualTo("/api/scorecards"))
                .withQueryParam("owner", matching("payments,checkout")).withQueryParam("phase", matching("pmf"))
                .withQueryParam("tier", matching("1")).withQueryParam("meetsBar", matching("false"))
                .withQueryParam("q", matching("pay")).withQueryParam("sort", matching("progress"))
                .withQueryParam("page", matching("1")));
        // The filters stay set in the form, so the page is a bookmarkable GET link.
        assertThat(page.querySelector("#f-phase option[selected]").asNormalizedText()).isEqualTo("PMF");
        assertThat(page.querySelector("#f-q").getAttributes().getNamedItem("value").getNodeValue()).isEqualTo("pay");
        // A mark per pillar, against the product's own phase bar, with the words for those who cannot see colour.
        String wallet = page.querySelectorAll("tbody tr").stream().map(DomNode::asXml)
                .filter(row -> row.contains("Wallet")).findFirst().orElseThrow();
        assertThat(wallet.split("class=\"pmark ok\"", -1)).hasSize(2);
        assertThat(wallet.split("class=\"pmark gap\"", -1)).hasSize(5);
        assertThat(wallet).contains("title=\"Observability: meets its phase bar\"",
                "title=\"Incident Response: 1 required check not met\"", "title=\"Security: 2 required checks not met\"");
        // On a phone each product is a card (portal.css, table.stacked): its cells carry their column's name.
        assertThat(page.querySelectorAll("table.products.stacked tbody tr:first-child [data-label]").stream()
                .map(cell -> cell.getAttributes().getNamedItem("data-label").getNodeValue()).toList())
                .containsExactly("Team", "Phase", "Progress to phase bar", "Pillars", "To go", "Open P1");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void productListDownloadsAsCsv() {
        var response = browser.get("/products.csv?team=payments").getWebResponse();
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("text/csv");
        assertThat(response.getResponseHeaderValue("Content-Disposition")).contains("attachment");
        String csv = response.getContentAsString();
        assertThat(csv).startsWith("product,name,team,phase,tier,progress,meets_phase_bar,required_checks_to_go,open_p1");
        assertThat(csv).contains("payments-api,Payments API,payments,pmf,1,");
        // Beside the bar: the signals still to connect, the extra credit and how ready it is for the next phase.
        assertThat(csv.lines().findFirst().orElseThrow()).contains(
                ",open_p1,open_p2,open_p3,signals_to_connect,extra_credit,next_phase,next_phase_readiness,pillar_");
        assertThat(csv).contains("refunds,Refunds,payments,pre-pmf,2,28,false,14,14,14,3,,,pmf,15,",
                "payments-api,Payments API,payments,pmf,1,61,false,14,14,0,5,,,,,");
        assertThat(csv.lines().count()).isEqualTo(4);
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void teamsPageShowsTheHierarchyWithEachTeamsStandingAndTheLeaderboard() {
        HtmlPage page = browser.page("/teams");
        List<String> rows = page.querySelectorAll("section[aria-labelledby=tree] tbody tr").stream()
                .map(r -> r.asNormalizedText().replaceAll("\\s+", " ")).toList();
        // Each team under its parent, a root's children right after it; the caller's own team marked.
        int commerce = indexOf(rows, "Commerce");
        assertThat(rows.get(commerce + 1)).startsWith("└ Checkout");
        assertThat(rows.subList(commerce + 1, commerce + 4)).allMatch(r -> r.startsWith("└ "))
                .anyMatch(r -> r.contains("Payments") && r.contains("your team") && r.endsWith("3 0/3"));
        assertThat(rows).hasSize(10);
        // The leaderboard ranks by the average distance to each product's own phase bar, not by raw score.
        List<String> board = page.querySelectorAll("section[aria-labelledby=board] tbody tr").stream()
                .map(r -> r.asNormalizedText().replaceAll("\\s+", " ")).toList();
        assertThat(board).hasSize(7);
        assertThat(board.get(0)).startsWith("1 Team C");
        assertThat(board.get(1)).startsWith("2 Payments").endsWith("11.3");
        assertThat(page.asNormalizedText()).contains("fair across phases");
    }

    private static int indexOf(List<String> rows, String start) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no row starting with " + start + " in " + rows);
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void teamPageShowsMatrixBoardTrendAndLeaderboard() {
        HtmlPage page = browser.page("/teams/payments");
        String text = page.asNormalizedText();
        assertThat(text).contains("Payments", "Products × pillars", "Tasks", "Open", "In progress", "Done",
                "Trend (last 90 days)", "Leaderboard", "fair across phases");
        assertThat(page.querySelectorAll("table.heat tbody tr")).hasSize(3);
        // On a phone each product is a card, its pillars tiles named by their abbreviation.
        assertThat(page.querySelectorAll("table.heat.stacked tbody tr:first-child td.cell[data-label]")).hasSize(5);
        // The board's tickets are titled by their checks.
        assertThat(text).contains("Most alerts need a human action");
        // A done ticket says when it closed, not when it was due.
        assertThat(page.querySelectorAll(".lane").get(2).asNormalizedText()).contains("payments-api · closed 4 Dec 2026");
        assertThat((Object) page.querySelector("tr.me")).as("the team's own row is marked in the leaderboard").isNotNull();
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void aBoardLaneCutShortLinksToAllTheTeamsTasksOfItsStatusPaged() throws Exception {
        // The done lane holds 15 tickets of 34: its link lists them all.
        var lane = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper()
                .readTree(Stubs.read("tasks-payments-api.json"));
        var items = lane.withArray("items");
        while (items.size() > 15) {
            items.remove(items.size() - 1);
        }
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/tasks")).withQueryParam("status", equalTo("done"))
                .withQueryParam("size", equalTo("15")).willReturn(Stubs.okJson(lane.toString())));
        HtmlPage board = browser.page("/teams/payments");
        assertThat(board.querySelector(".lane:nth-child(3) a[href='/teams/payments/tasks?status=done']").asNormalizedText())
                .isEqualTo("and 19 more");

        HtmlPage page = browser.page("/teams/payments/tasks?status=done");
        assertThat(page.querySelector("h1").asNormalizedText()).isEqualTo("Tasks of Payments");
        // A tab per status, the shown one current with its count.
        assertThat(page.querySelectorAll("nav.tabs a").stream().map(DomNode::asNormalizedText).toList())
                .containsExactly("Not done", "Open", "In progress", "Done (34)");
        assertThat(page.querySelector("nav.tabs a[aria-current=page]").asNormalizedText()).isEqualTo("Done (34)");
        assertThat(page.querySelectorAll("table.tasks tbody tr")).hasSize(34);
        // Each task titled by its check, linked to its page (which comes back here).
        assertThat(page.querySelector("#task-319 td a").asNormalizedText()).isEqualTo("Most alerts need a human action");
        assertThat(((DomElement) page.querySelector("#task-319 td a")).getAttribute("href"))
                .isEqualTo("/tasks/319?return=/teams/payments/tasks%3Fstatus%3Ddone");
        ServiceStubs.scorecard().verify(getRequestedFor(urlPathEqualTo("/api/tasks")).withQueryParam("owner", equalTo("payments"))
                .withQueryParam("status", equalTo("done")).withQueryParam("size", equalTo("50")));
        // An unknown status or priority is not a page.
        assertThat(browser.get("/teams/payments/tasks?status=closed").getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(browser.get("/teams/payments/tasks?priority=P4").getWebResponse().getStatusCode()).isEqualTo(404);

        // The home page's count of open P1 tasks (one team) lists them: not done, P1 only, the filter kept by the tabs.
        HtmlPage home = browser.page("/");
        DomElement all = home.querySelector("a[href='/teams/payments/tasks?status=active&priority=P1']");
        assertThat((Object) all).isNotNull();
        HtmlPage p1 = all.click();
        assertThat(p1.querySelector(".page-head").asNormalizedText()).contains("Only the P1 tasks. Every priority");
        assertThat(p1.querySelector("nav.tabs a[aria-current=page]").asNormalizedText()).startsWith("Not done");
        assertThat(((DomElement) p1.querySelector("nav.tabs a")).getAttribute("href"))
                .isEqualTo("/teams/payments/tasks?status=active&priority=P1");
        ServiceStubs.scorecard().verify(getRequestedFor(urlPathEqualTo("/api/tasks")).withQueryParam("owner", equalTo("payments"))
                .withQueryParam("status", equalTo("active")).withQueryParam("priority", equalTo("P1"))
                .withQueryParam("size", equalTo("50")));
    }

    @Test
    void englishCountsAgreeWithTheirNumbers() {
        RubricMsg rubric = MessageBundles.get(RubricMsg.class, Localized.Literal.of("en"));
        Msg msg = MessageBundles.get(Msg.class, Localized.Literal.of("en"));
        assertThat(List.of(rubric.ev_days("1"), rubric.ev_days("7"), rubric.ev_hours("1"), rubric.ev_hours("12"),
                rubric.ev_minutes("1"), rubric.ev_minutes("30")))
                .containsExactly("1 day", "7 days", "1 hour", "12 hours", "1 minute", "30 minutes");
        assertThat(rubric.impact_unscorable("1", "beta", "checkout")).startsWith("1 product could not be scored");
        assertThat(rubric.impact_unscorable("2", "beta", "checkout")).startsWith("2 products could not be scored");
        assertThat(rubric.job_progress("1", "1")).isEqualTo("1 of 1 product evaluated");
        assertThat(rubric.job_progress("3", "40")).isEqualTo("3 of 40 products evaluated");
        assertThat(msg.due_grace_checks("1")).isEqualTo("1 check leaves its grace (its task becomes P1)");
        assertThat(msg.due_grace_checks("3")).isEqualTo("3 checks leave their grace (their tasks become P1)");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void aChecksPageCountsTheOrganisationsProductsInWordsThatAgreeWithTheNumbers() {
        for (String[] counts : new String[][] {
            { "1", "2", "15", "1 product fails it where it is required; 2 of the 15 products it applies to fail it." },
            { "3", "1", "1", "3 products fail it where it is required; 1 of the 1 product it applies to fails it." } }) {
            ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/overview")).willReturn(okJson("""
                    {"products": 16, "failingChecks": [{"check": "slo-compliance", "title": "x", "pillar": "observability",
                      "failingRequired": %s, "failing": %s, "applicable": %s}]}""".formatted(counts[0], counts[1], counts[2]))));
            assertThat(browser.page("/rubric/checks/slo-compliance").asNormalizedText()).contains(counts[3]);
        }
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
    void rubricAndCheckPages() {
        HtmlPage rubric = browser.page("/rubric");
        assertThat(rubric.asNormalizedText()).contains("Checks × phases", "Pre-launch", "Pre-PMF", "PMF", "Versions");
        assertThat(rubric.asNormalizedText()).doesNotContain("Publish a new version");
        // A rule for some tiers or tags shows under the cell whose requirement it changes, and nowhere else.
        assertThat(rubric.<DomNode>getByXPath("//tr[th/a[@href='/rubric/checks/slo-compliance']]/td").stream()
                .map(DomNode::asNormalizedText).toList()).containsExactly("Signal from automation", "3",
                        "N/A\nTagged pci or payments: Recommended", "Recommended\nTier 1: Required", "Required");
        assertThat(rubric.getByXPath("//tr[th/a[@href='/rubric/checks/runbooks']]//*[@class='rule-note']")).isEmpty();
        // On a phone each check is a card: its cells name their columns.
        assertThat(rubric.<DomElement>getByXPath("//table[contains(@class, 'matrix') and contains(@class, 'stacked')]"
                + "//tr[th/a[@href='/rubric/checks/runbooks']]/td").stream().map(td -> td.getAttribute("data-label"))
                .toList()).containsExactly("Evidence", "Weight", "Pre-launch", "Pre-PMF", "PMF");
        HtmlPage check = browser.page("/rubric/checks/runbooks");
        assertThat(check.asNormalizedText()).contains("Why it matters", "How to fix it", "Requirement per phase",
                "Your teams' products");
        assertThat(browser.get("/rubric/checks/no-such-check").getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(browser.get("/rubric/publish").getWebResponse().getStatusCode()).isEqualTo(403);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void aCheckPageStatesItsEvidenceRuleInWords() {
        assertThat(evidenceLines(browser.page("/rubric/checks/availability-alert")))
                .containsExactly("Signal alerts.availability_rules is at least 1, observed within the last 7 days");
        HtmlPage nested = browser.page("/rubric/checks/owner-reachable");
        assertThat(evidenceLines(nested)).containsExactly("All of these:", "Catalog field owner is filled in",
                "Catalog field tier is one of 1, 2, 3", "Any of these:", "Catalog field links.on-call matches ^https?://",
                "Catalog field annotations[pagerduty.com/service-id] is filled in");
        assertThat(nested.querySelectorAll("ul.evidence-rule li.depth-2")).hasSize(2);
        assertThat(nested.querySelectorAll("ul.evidence-rule li.depth-1 code").stream().map(DomNode::asNormalizedText)
                .toList()).containsExactly("owner", "tier");
        // Never the rule's Java form.
        assertThat(nested.asNormalizedText()).doesNotContain("{catalog=", "field=");
        assertThat(evidenceLines(browser.page("/rubric/checks/postmortems")))
                .containsExactly("Attested by the team: an attestation counts for 180 days after the practice was performed.");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void aCheckPageShowsItsRulesForSomeTiersAndTagsBesideItsOwn() {
        HtmlPage page = browser.page("/rubric/checks/slo-compliance");
        assertThat(texts(page, "table.per-rule thead th")).containsExactly("Phase", "Tier 1", "Tagged pci or payments",
                "Other products");
        // Per phase: the tier-1 rule requires it from pre-PMF, the tags' rule recommends it from pre-launch, the rest
        // of the phases as the check's own rule says.
        assertThat(texts(page, "table.per-rule tbody tr:nth-child(1) td")).containsExactly("N/A", "Recommended", "N/A");
        assertThat(texts(page, "table.per-rule tbody tr:nth-child(2) td")).containsExactly("Required", "Recommended",
                "Recommended");
        assertThat(texts(page, "table.per-rule tbody tr:nth-child(3) td")).containsExactly("Required", "Required", "Required");
        // Tier 1 has an evidence rule of its own; the tags' rule keeps the check's.
        assertThat(texts(page, "section[aria-labelledby=evidence] h3")).containsExactly("Tier 1", "Other products");
        assertThat(evidenceLines(page)).containsExactly(
                "Signal slo.error_budget_remaining is at least 0.1, observed within the last 2 days",
                "Signal slo.error_budget_remaining is at least 0, observed within the last 2 days");
        assertThat(texts(page, "dl.overrides dt")).containsExactly("Tier 1", "Tagged pci or payments");
        assertThat(texts(page, "dl.overrides dd")).containsExactly(
                "Tier-1 users lose the most when the product fails: its budget must keep a tenth in reserve from pre-PMF on.",
                "—");
        // A check without overrides keeps its one-column table.
        assertThat(browser.page("/rubric/checks/runbooks").querySelectorAll("table.per-rule, dl.overrides")).isEmpty();
    }

    private static java.util.List<String> texts(HtmlPage page, String selector) {
        return page.querySelectorAll(selector).stream().map(DomNode::asNormalizedText).toList();
    }

    private static java.util.List<String> evidenceLines(HtmlPage page) {
        return page.querySelectorAll("ul.evidence-rule li").stream().map(DomNode::asNormalizedText).toList();
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = { @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY),
            @Claim(key = "preferred_username", value = "lee") })
    void reviewQueueListsWaiversToDecideAndReviewsDue() {
        HtmlPage page = browser.page("/reviews");
        String text = page.asNormalizedText();
        assertThat(text).contains("Waivers waiting for your decision (1)", "asked by dana", "Reviews due");
        // The waiver names its check by the rubric's title, not its id.
        assertThat(page.querySelector("#waiver-1 strong").asNormalizedText())
                .isEqualTo("The team practises incidents (game day or drill)");
        assertThat(page.querySelectorAll("form[action='/waivers/1/decision']")).hasSize(1);
        // The reviews due: a card per product on a phone, each value named (the table's header is hidden there).
        assertThat(page.querySelectorAll("table.stacked tbody td[data-label]")).extracting(c -> ((DomElement) c)
                .getAttribute("data-label")).contains("Phase", "Progress to phase bar", "Last review");
        ServiceStubs.scorecard().verify(getRequestedFor(urlPathEqualTo("/api/waivers"))
                .withQueryParam("owner", matching("payments")).withQueryParam("status", matching("requested")));
        ServiceStubs.scorecard().verify(getRequestedFor(urlPathEqualTo("/api/scorecards"))
                .withQueryParam("reviewDue", matching("true")));
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = { @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY),
            @Claim(key = "preferred_username", value = "lee") })
    void theSignOffPageShowsWhereTheProductStandsTheRequiredChecksItMissesAndTheWaiversInForce() throws Exception {
        // A product never reviewed, with one check waived (until the product leaves PMF).
        var card = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper()
                .readTree(Stubs.read("scorecard-payments-api.json"));
        for (var check : card.withArray("checks")) {
            if ("game-day".equals(check.get("id").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) check).put("status", "waived").put("reason", "waived")
                        .putObject("waiver").put("id", "1").put("approvedBy", "lee")
                        .put("expiresAt", "2027-03-01T00:00:00Z").put("phase", "pmf");
            }
        }
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards/payments-api"))
                .willReturn(Stubs.okJson(card.toString())));
        HtmlPage page = browser.page("/products/payments-api/review");
        assertThat(page.querySelector("section[aria-labelledby=since]").asNormalizedText()).isEqualTo("First review\n"
                + "This product has never been reviewed. It is 14 required checks from its phase bar, with 14 open P1 tasks.");
        String standing = page.querySelector("section[aria-labelledby=standing]").asNormalizedText();
        assertThat(standing).startsWith("Where it stands today\nOpen tasks: 14 P1 · 0 P2 · 5 P3\n"
                + "Required checks not met (14)");
        // Every required check not met, failing first, then those without evidence; the heaviest first within each.
        assertThat(page.querySelectorAll("table.not-met tbody tr").stream().map(r -> ((DomElement) r).getId()
                .substring("not-met-".length())).toList()).containsExactly("slos-defined", "alerts-actionable",
                        "recovery-objectives", "searchable-logs", "error-budget-policy", "rollback-exercised",
                        "restore-tested", "postmortems", "four-key-metrics", "access-review", "threat-model",
                        "load-tested", "capacity-plan", "alert-review");
        // Each links to the check on the product page, with its status now, its task's priority and any grace.
        DomElement first = page.querySelector("#not-met-slos-defined");
        assertThat(((DomElement) page.querySelector("#not-met-slos-defined a")).getAttribute("href")).isEqualTo("/products/payments-api#check-slos-defined");
        assertThat(first.asNormalizedText()).contains("Fail", "P2", "its task stays P2 until 3 Jan 2027, then becomes P1");
        assertThat(page.querySelector("#not-met-alert-review").asNormalizedText())
                .contains("Alerts are reviewed regularly and pruned", "No evidence", "P1");
        assertThat(page.querySelector("#waived-game-day").asNormalizedText()).isEqualTo(
                "The team practises incidents (game day or drill) · waived by lee until 1 Mar 2027 · only while the product is in PMF");
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = { @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY),
            @Claim(key = "preferred_username", value = "lee") })
    void theDecisionPageNamesTheWaiversCheckByItsTitle() {
        ServiceStubs.scorecard().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/waivers/1"))
                .willReturn(Stubs.okJson(Stubs.read("waivers-payments-api.json")
                        .replaceAll("(?s).*\"items\": \\[\\s*(\\{.*?\\})\\s*\\].*", "$1"))));
        HtmlPage page = browser.page("/waivers/1");
        assertThat(page.querySelector(".page-head a[href='/rubric/checks/game-day']").asNormalizedText())
                .isEqualTo("The team practises incidents (game day or drill)");
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = { @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY),
            @Claim(key = "preferred_username", value = "lee") })
    void aWaiverAskedUntilThePhaseChangesSaysSoWhereALeadDecidesIt() {
        String phaseScoped = Stubs.read("waivers-payments-api.json").replace("\"comment\": null",
                "\"comment\": null, \"untilPhaseChange\": true, \"phase\": \"pre-pmf\"");
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/waivers")).willReturn(Stubs.okJson(phaseScoped)));
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/waivers/1")).willReturn(Stubs.okJson(
                phaseScoped.replaceAll("(?s).*\"items\": \\[\\s*(\\{.*?\\})\\s*\\].*", "$1"))));
        assertThat(browser.page("/reviews").querySelector("#waiver-1").asNormalizedText())
                .contains("until 1 Feb 2027 · only while the product is in Pre-PMF");
        assertThat(browser.page("/waivers/1").asNormalizedText()).contains("1 Feb 2027 · only while the product is in Pre-PMF");
        assertThat(browser.page("/products/payments-api").querySelector("#waiver-1").asNormalizedText())
                .contains("only while the product is in Pre-PMF");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void unknownPagesAndProductsAre404PagesInTheLayout() {
        var missing = browser.get("/no-such-page");
        assertThat(missing.getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(missing.getWebResponse().getContentAsString()).contains("Not found", "Back to the home page")
                .doesNotContain("Exception");
        ServiceStubs.catalog().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/products/gone"))
                .willReturn(Stubs.problem(404, "{\"status\":404,\"title\":\"Not found\"}")));
        ServiceStubs.scorecard().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/scorecards/gone"))
                .willReturn(Stubs.problem(404, "{\"type\":\"https://pillarboard.dev/problems/not-found\",\"status\":404}")));
        assertThat(browser.get("/products/gone").getWebResponse().getStatusCode()).isEqualTo(404);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void everyAnswerCarriesTheSecurityHeaders() {
        var response = browser.get("/").getWebResponse();
        assertThat(response.getResponseHeaderValue("Content-Security-Policy")).contains("default-src 'none'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(response.getResponseHeaderValue("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(response.getResponseHeaderValue("X-Content-Type-Options")).isEqualTo("nosniff");
        // No inline script or style anywhere: the pages work without JavaScript.
        String html = response.getContentAsString();
        assertThat(html).doesNotContain("<script", " style=\"");
    }
}
