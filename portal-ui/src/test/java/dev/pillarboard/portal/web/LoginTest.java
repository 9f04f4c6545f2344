package dev.pillarboard.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pillarboard.portal.support.Browser;
import dev.pillarboard.portal.support.ServiceStubs;
import dev.pillarboard.portal.support.Stubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The authorization-code flow against the OIDC server built into Quarkus (Dev Services, no container): an anonymous
 * visitor goes to the login page and, once signed in, back to the page they asked for; the session cookie is
 * HttpOnly and SameSite=Lax; logout ends on the signed-out page; an explicit sign-in link goes on only to a page of
 * the portal.
 */
@QuarkusTest
@QuarkusTestResource(ServiceStubs.class)
class LoginTest {

    @TestHTTPResource("/")
    URL base;

    Browser browser;

    @BeforeEach
    void stubs() {
        Stubs.standard();
        browser = new Browser(base);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void anonymousVisitorsSignInAndReturnToThePageTheyAskedFor() throws Exception {
        HtmlPage login = browser.page("/products?phase=pmf&sort=name");
        assertThat(login.getUrl().toString()).as("the identity provider's login page").doesNotStartWith(base.toString());
        HtmlPage back = signIn(login, "dana");
        assertThat(back.getUrl().getPath()).isEqualTo("/products");
        assertThat(back.getUrl().getQuery()).isEqualTo("phase=pmf&sort=name");
        assertThat(back.asNormalizedText()).contains("Products", "Sign out");
        var session = browser.client().getCookieManager().getCookies().stream()
                .filter(c -> c.getName().startsWith("q_session")).toList();
        assertThat(session).isNotEmpty().allSatisfy(cookie -> {
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualToIgnoringCase("lax");
        });
    }

    @Test
    void logoutEndsOnTheSignedOutPage() throws Exception {
        signIn(browser.page("/"), "lee");
        HtmlPage out = browser.page("/logout");
        assertThat(out.getUrl().getPath()).isEqualTo("/signed-out");
        assertThat(out.asNormalizedText()).contains("You are signed out", "Sign in");
        assertThat(browser.client().getCookieManager().getCookies().stream()
                .filter(c -> c.getName().startsWith("q_session"))).isEmpty();
        // Signed out means signed out: the next page asks for a login again.
        assertThat(browser.page("/products").getUrl().toString()).doesNotStartWith(base.toString());
    }

    @Test
    void theSignInLinkGoesOnOnlyToAPageOfThePortal() throws Exception {
        signIn(browser.page("/"), "dana");
        assertThat(browser.page("/login?next=/teams").getUrl().getPath()).isEqualTo("/teams");
        for (String foreign : new String[] { "https://evil.example/phish", "//evil.example/phish", "/\\evil.example",
                "javascript:alert(1)", "http:evil.example" }) {
            WebResponse response = browser.get("/login?next=" + java.net.URLEncoder.encode(foreign, "UTF-8")).getWebResponse();
            assertThat(response.getWebRequest().getUrl().getHost()).as(foreign).isEqualTo(base.getHost());
            assertThat(response.getWebRequest().getUrl().getPath()).as(foreign).isEqualTo("/");
        }
    }

    /** Fills the Dev Services login page: a user name, and the roles configured for that user. */
    private HtmlPage signIn(HtmlPage login, String user) throws Exception {
        var form = login.getForms().get(login.getForms().size() - 1);
        form.getInputByName("name").setValue(user);
        return form.getButtonByName("login").click();
    }
}
