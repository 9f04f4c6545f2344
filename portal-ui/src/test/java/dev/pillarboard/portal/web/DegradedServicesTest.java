package dev.pillarboard.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import dev.pillarboard.portal.support.ServiceStubs;
import dev.pillarboard.portal.support.StubbedPortalTest;
import dev.pillarboard.portal.support.Stubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;

/**
 * A service that is down or slow: every page still answers (200, within about a second), with a visible notice
 * naming the service and whatever the other service gave — never a 500 or a stack trace — and readiness names the
 * service that does not answer.
 */
@QuarkusTest
@QuarkusTestResource(ServiceStubs.class)
@TestSecurity(user = "dana", roles = "developer")
@OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
class DegradedServicesTest extends StubbedPortalTest {

    @Test
    void scorecardDownProductPageShowsTheCatalogFactsAndANotice() {
        Stubs.down(ServiceStubs.scorecard());
        HtmlPage page = browser.page("/products/payments-api");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        String text = page.asNormalizedText();
        assertThat(text).contains("The scorecard service is not answering right now", "Payments API",
                "Card and wallet payments for every storefront.", "runbook");
        assertThat(page.getWebResponse().getContentAsString()).doesNotContain("Exception", "at dev.pillarboard");
    }

    @Test
    void catalogDownProductPageShowsTheScorecard() {
        Stubs.down(ServiceStubs.catalog());
        HtmlPage page = browser.page("/products/payments-api");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.asNormalizedText()).contains("The catalog service is not answering right now",
                "Does not meet the PMF bar yet", "Do next");
    }

    @Test
    void bothDownEveryPageStillAnswersWithNotices() {
        Stubs.down(ServiceStubs.catalog());
        Stubs.down(ServiceStubs.scorecard());
        for (String path : new String[] { "/", "/products", "/products/payments-api", "/teams", "/teams/payments",
                "/rubric" }) {
            var page = browser.get(path);
            assertThat(page.getWebResponse().getStatusCode()).as(path).isLessThan(500);
            assertThat(page.getWebResponse().getContentAsString()).as(path).contains("is not answering right now")
                    .doesNotContain("Exception");
        }
        // A home page without data must not claim that nothing waits for the user.
        assertThat(browser.page("/").asNormalizedText()).doesNotContain("Nothing waits for you");
    }

    @Test
    void aSlowScorecardCostsAtMostItsTimeoutAndThePageSaysSo() {
        browser.page("/products/payments-api"); // warm: templates compiled, connections open
        Stubs.scorecardReads(3_000);
        long start = System.nanoTime();
        HtmlPage page = browser.page("/products/payments-api");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(page.asNormalizedText()).contains("The scorecard service is not answering right now", "Payments API");
        // The page did not wait for the slow service: its calls run in parallel, each given up after 0.8 s.
        assertThat(millis).as("page time in ms").isLessThan(2_000);
    }

    @Test
    void oneSlowPageDoesNotCutTheServiceOffForTheNextPages() {
        // Earlier tests may have left the scorecard's breaker open: wait until a page gets its data again.
        Stubs.scorecardReads(0);
        Awaitility.await("the scorecard answering the portal again").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !browser.page("/products/payments-api").asNormalizedText().contains("is not answering"));
        // The breaker counts the last 20 reads: a few good pages leave only successes in its window.
        for (int i = 0; i < 4; i++) {
            browser.page("/products/payments-api");
        }
        // One page whose every scorecard read times out (a burst of load on the scorecard) ...
        Stubs.scorecardReads(3_000);
        assertThat(browser.page("/products/payments-api").asNormalizedText())
                .contains("The scorecard service is not answering right now");
        // ... and the next page, the scorecard quick again, has its data: a handful of failed reads does not open
        // the circuit breaker for every page of the next five seconds.
        Stubs.scorecardReads(0);
        assertThat(browser.page("/products/payments-api").asNormalizedText()).doesNotContain("is not answering")
                .contains("Do next");
    }

    @Test
    void readinessNamesTheServiceThatDoesNotAnswerAndStaysUp() {
        Stubs.down(ServiceStubs.scorecard());
        RestAssured.given().baseUri(base.toString()).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'downstream-services' }.data.catalog-service", equalTo("UP"))
                .body("checks.find { it.name == 'downstream-services' }.data.scorecard-service", startsWith("unreachable"))
                .body("checks.find { it.name == 'downstream-services' }.data.state", containsString("degraded"));
    }
}
