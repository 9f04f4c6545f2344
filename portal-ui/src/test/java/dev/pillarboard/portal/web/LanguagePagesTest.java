package dev.pillarboard.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import dev.pillarboard.portal.support.ServiceStubs;
import dev.pillarboard.portal.support.StubbedPortalTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;

/**
 * Pages in Japanese: from the whole Accept-Language list (not only its first entry), from the switch on the page
 * (remembered in a cookie, which wins over the header), with dates written the Japanese way; rubric texts stay as
 * the rubric has them.
 */
@QuarkusTest
@QuarkusTestResource(ServiceStubs.class)
@TestSecurity(user = "dana", roles = "developer")
@OidcSecurity(claims = @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY))
class LanguagePagesTest extends StubbedPortalTest {

    @Test
    void aLaterAcceptLanguageEntryIsMatchedToo() {
        browser.client().addRequestHeader("Accept-Language", "fr, ja;q=0.8, en;q=0.5");
        HtmlPage page = browser.page("/products/payments-api");
        assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("ja");
        assertThat(page.asNormalizedText()).contains("次にやること", "柱ごとの全チェック", "PMF達成の基準をまだ満たしていません")
                // rubric texts come from the rubric as they are
                .contains("Logs can be searched by request");
        assertThat(page.querySelector(".status.s-fail").asNormalizedText()).contains("不合格");
        assertThat(page.asNormalizedText()).containsPattern("20\\d\\d年\\d{1,2}月\\d{1,2}日");
    }

    @Test
    void theSwitchOnThePageIsRememberedAndWinsOverTheHeader() throws Exception {
        browser.client().addRequestHeader("Accept-Language", "en");
        HtmlPage page = browser.page("/teams/payments");
        assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("en");
        HtmlButton japanese = page.getFirstByXPath("//form[@action='/language']//button[@value='ja']");
        HtmlPage switched = japanese.click();
        assertThat(switched.getUrl().getPath()).as("back to the same page").isEqualTo("/teams/payments");
        assertThat(switched.getDocumentElement().getAttribute("lang")).isEqualTo("ja");
        assertThat(switched.asNormalizedText()).contains("プロダクト × 柱", "ランキング");
        assertThat(browser.page("/").asNormalizedText()).contains("あなたの作業");
        HtmlButton english = browser.page("/").getFirstByXPath("//form[@action='/language']//button[@value='en']");
        assertThat(((HtmlPage) english.click()).asNormalizedText()).contains("Your work");
    }
}
