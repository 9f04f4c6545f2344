package dev.pillarboard.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import dev.pillarboard.portal.support.RealSuite;
import dev.pillarboard.portal.support.RealSuiteProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The portal end to end, in Debian's Chromium driven through Selenium, against the real catalog and scorecard
 * services, the local PostgreSQL and the Keycloak of scripts/keycloak.sh ({@link RealSuite}): a developer signs in
 * on Keycloak's login page, opens a product, attests a check and sees the score change, switches to Japanese and
 * signs out; a team lead approves a waiver from the review queue; on a phone-sized window the product list, a
 * product's page and a team's page fit the screen, the products and the tasks as one card each. The pages it passes are saved as screenshots
 * (target/screenshots; scripts/screenshots.sh copies them for the README).
 */
@QuarkusTest
@TestProfile(RealSuiteProfile.class)
class PortalBrowserTest {

    /** The portal on the loopback address: the realm accepts redirects to 127.0.0.1 on any port. */
    @TestHTTPResource("/")
    java.net.URL url;

    WebDriver browser;
    String base;

    @BeforeEach
    void open() {
        assertThat(RealSuite.browserInstalled()).as("Debian's chromium and chromium-driver are installed "
                + "(apt-get install -y chromium chromium-driver; .ci/run does it)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        base = "http://127.0.0.1:" + url.getPort();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aDeveloperAttestsSeesTheScoreChangeReadsJapaneseAndSignsOut() throws IOException {
        browser.get(base + "/products/" + RealSuite.PRODUCT);
        signIn("dana");
        assertThat(browser.getCurrentUrl()).as("back on the page asked for").endsWith("/products/" + RealSuite.PRODUCT);
        assertThat(text("h1")).isEqualTo("Checkout API");
        assertThat(text(".who .name")).isEqualTo("Dana Developer");
        assertThat(status(RealSuite.ATTESTED_CHECK)).contains("No evidence");
        String progressBefore = text("#verdict ~ .progress-cell span");
        assertThat(statusesOverTheirTitles()).as("statuses running under their check's title").isZero();
        screenshot("product-en");

        // Attest from the check's details.
        WebElement check = browser.findElement(By.id("check-" + RealSuite.ATTESTED_CHECK));
        check.findElement(By.tagName("summary")).click();
        check.findElement(By.xpath(".//details[.//form[contains(@action, '/attestations')]]/summary")).click();
        WebElement form = check.findElement(By.cssSelector("form[action$='/attestations']"));
        form.findElement(By.name("evidenceUrl")).sendKeys("https://wiki.example.com/checkout/incident-process");
        form.findElement(By.name("comment")).sendKeys("Written with the SRE team");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        awaitBanner("Attestation recorded");

        // The scorecard re-evaluates within seconds: the check passes and the progress rises. While it does, on two
        // cores shared with the browser, a read may take longer than the portal waits (800 ms), and the page then
        // shows what it could get, without the checks (by design): such a load is read as "not yet".
        Awaitility.await("the attested check passes").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    browser.navigate().refresh();
                    return status(RealSuite.ATTESTED_CHECK).contains("Pass");
                });
        assertThat(text("#verdict ~ .progress-cell span")).isNotEqualTo(progressBefore);

        for (String page : List.of("/", "/products", "/teams/payments", "/rubric")) {
            browser.get(base + page);
            if (page.equals("/products")) {
                // The filter row aligns its fields by their bottom: the text box and the sort menu are one height, so
                // their labels stand on one line.
                assertThat(number("return Math.round(document.querySelector('label[for=f-q]').getBoundingClientRect().top"
                        + " - document.querySelector('label[for=f-sort]').getBoundingClientRect().top)"))
                        .as("Search's label above Sort by's, in px").isZero();
            }
            screenshot((page.equals("/") ? "home" : page.substring(1).replace('/', '-')) + "-en");
        }
        // A check with rules for tiers 1 and 2 (edition 2's SLO floor): a column per rule, each rule's evidence in words.
        browser.get(base + "/rubric/checks/slo-target-floor");
        assertThat(browser.findElements(By.cssSelector("table.per-rule thead th")).stream().map(WebElement::getText).toList())
                .containsExactly("Phase", "Tier 1", "Tier 2", "Other products");
        assertThat(text("ul.evidence-rule li")).isEqualTo("Signal slo.min_target is at least 99.9, observed within the last 7 days");
        screenshot("check-en");

        // Japanese, from the switch on the page; remembered on the next page.
        browser.get(base + "/products/" + RealSuite.PRODUCT);
        switchTo("ja");
        assertThat(text("#do-next")).isEqualTo("次にやること");
        assertThat(status(RealSuite.ATTESTED_CHECK)).contains("合格");
        assertThat(statusesOverTheirTitles()).as("statuses running under their check's title").isZero();
        screenshot("product-ja");
        for (String page : List.of("/", "/products", "/teams/payments", "/rubric/checks/slo-target-floor")) {
            browser.get(base + page);
            screenshot((page.equals("/") ? "home" : page.startsWith("/rubric") ? "check" : page.substring(1).replace('/', '-'))
                    + "-ja");
        }
        browser.get(base + "/teams/payments");
        assertThat(text("h1")).isEqualTo("Payments");
        // The board's tickets: a title too long for one line wraps beside its priority, not under it.
        assertThat(number("return document.querySelectorAll('.ticket > .row').length")).as("tickets").isPositive();
        assertThat(number("return Array.from(document.querySelectorAll('.ticket > .row')).filter(r =>"
                + " r.querySelector('.t-title').getBoundingClientRect().top"
                + " >= r.querySelector('.prio').getBoundingClientRect().bottom).length")).as("titles under their priority")
                .isZero();

        // Sign out: Keycloak ends the session and sends the browser to the signed-out page.
        browser.findElement(By.cssSelector(".who .signout")).click();
        Awaitility.await("signed out").atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().contains("/signed-out"));
        assertThat(text("h1")).isEqualTo("ログアウトしました");
        browser.get(base + "/products");
        assertThat(browser.findElements(By.id("kc-form-login"))).as("a new login is needed").isNotEmpty();
    }

    @Test
    void aTeamLeadApprovesAWaiverFromTheReviewQueue() throws Exception {
        browser.get(base + "/reviews");
        signIn("lee");
        assertThat(browser.getCurrentUrl()).endsWith("/reviews");
        // The request names its check by the rubric's title and links to it on the product page.
        WebElement waiver = browser.findElements(By.cssSelector("li[id^=waiver-]")).stream()
                .filter(li -> !li.findElements(By.cssSelector("a[href$='#check-" + RealSuite.WAIVED_CHECK + "']")).isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no waiver request in the queue: " + text("main")));
        assertThat(waiver.getText()).contains("asked by dana", RealSuite.PRODUCT).doesNotContain(RealSuite.WAIVED_CHECK);
        screenshot("reviews-en");
        String waiverId = waiver.getAttribute("id").substring("waiver-".length());
        waiver.findElement(By.name("comment")).sendKeys("Fine until the first game day");
        waiver.findElement(By.cssSelector("button[value=approve]")).click();
        awaitBanner("Waiver approved");
        assertThat(RealSuite.waiverStatus()).isEqualTo("approved");
        // The decision re-evaluates the product: the check now reads waived (a load without the checks, see above, is
        // read as "not yet").
        Awaitility.await("the waived check").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
            browser.get(base + "/products/" + RealSuite.PRODUCT);
            return status(RealSuite.WAIVED_CHECK).contains("Waived");
        });
        // The team page lists the approved waiver's end among what comes due in the next 30 days.
        browser.get(base + "/teams/payments");
        assertThat(browser.findElements(By.cssSelector("#coming-due li.due-line[data-kind=waiver]")).stream()
                .map(WebElement::getText).toList()).anySatisfy(line -> assertThat(line)
                        .contains("A restore from backup was tested in the last 90 days", "waiver ends")
                        .containsPattern("in (19|20) days"));
        // The decided waiver's page names its check by title, in English and in Japanese.
        browser.get(base + "/waivers/" + waiverId);
        assertThat(text(".page-head p a")).isEqualTo("A restore from backup was tested in the last 90 days");
        screenshot("decision-en");
        switchTo("ja");
        assertThat(text(".page-head p a")).isNotEqualTo("A restore from backup was tested in the last 90 days");
        screenshot("decision-ja");
    }

    @Test
    void onAPhoneTheProductListProductAndTeamPagesFitTheScreenAsCards() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base + "/products/" + RealSuite.PRODUCT);
        signIn("dana");
        for (String language : List.of("en", "ja")) {
            if (language.equals("ja")) {
                switchTo("ja");
            }
            for (String page : List.of("/products", "/products/" + RealSuite.PRODUCT, "/teams/payments", "/",
                    "/rubric/checks/slo-target-floor", "/rubric")) {
                browser.get(base + page);
                assertThat(number("return window.innerWidth")).as("the window is phone-sized").isLessThanOrEqualTo(400L);
                assertThat(number("return document.documentElement.scrollWidth"))
                        .as("%s in %s scrolls sideways", page, language).isLessThanOrEqualTo(number("return window.innerWidth"));
                if (page.equals("/rubric")) {
                    // The checks × phases matrix: a card per check, not a table scrolling in its box.
                    assertThat(number("return Array.from(document.querySelectorAll('.table-wrap'))"
                            + ".filter(w => w.scrollWidth > w.clientWidth).length")).as("boxes that scroll sideways").isZero();
                }
                screenshot((page.startsWith("/teams") ? "team" : page.equals("/products") ? "products"
                        : page.equals("/") ? "home" : page.equals("/rubric") ? "rubric"
                        : page.startsWith("/rubric") ? "check" : "product") + "-phone-" + language);
            }
            // The product list: a card per product, nothing scrolling inside a box, every cell on the screen; the
            // pillars' tiles read in the page's language.
            browser.get(base + "/products");
            assertThat(browser.findElements(By.cssSelector("table.products tbody tr"))).as("the products").hasSize(2);
            assertThat(script("return getComputedStyle(document.querySelector('table.products thead')).position"))
                    .isEqualTo("absolute");
            assertThat(number("return Array.from(document.querySelectorAll('.table-wrap'))"
                    + ".filter(w => w.scrollWidth > w.clientWidth).length")).as("boxes that scroll sideways").isZero();
            assertThat(number("return Math.round(Math.max(...Array.from(document.querySelectorAll('table.products tbody td, "
                    + "table.products tbody th, table.products .pmark')).map(c => c.getBoundingClientRect().right)))"))
                    .as("the right edge of the cards' cells").isLessThanOrEqualTo(number("return window.innerWidth"));
            assertThat(script("return document.querySelector('table.products .pmark').firstChild.textContent"))
                    .isEqualTo(language.equals("ja") ? "観測" : "Obs");
            // Every product's verdict sits on its own line under its bar, and the search box shows its whole hint.
            assertThat(number("return Array.from(document.querySelectorAll('table.products td.bar-cell'))"
                    + ".filter(c => c.querySelector('.small').getBoundingClientRect().top"
                    + " < c.querySelector('.progress-cell').getBoundingClientRect().bottom).length"))
                    .as("verdicts beside their bar").isZero();
            assertThat(number("const q = document.getElementById('f-q'), c = document.createElement('canvas').getContext('2d');"
                    + "c.font = getComputedStyle(q).font;"
                    + "return Math.ceil(c.measureText(q.placeholder).width) - q.clientWidth"))
                    .as("how much of the search box's hint is cut").isLessThanOrEqualTo(0L);
            script("document.querySelector('table.products').scrollIntoView()");
            screenshot("products-phone-cards-" + language);
            // Each task is a card: its assignee is on the screen, under its name, not in a column off to the right.
            // A load right after the other tests' writes can come without the tasks table: while the scorecard
            // re-evaluates, a read may take longer than the portal waits (800 ms) and the page shows what it got.
            // The page is loaded again until it has them, for 15 s at most.
            Awaitility.await("the product page with its tasks").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        browser.get(base + "/products/" + RealSuite.PRODUCT);
                        return !browser.findElements(By.cssSelector("table.tasks tbody td[data-label]")).isEmpty();
                    });
            List<WebElement> assignees = browser.findElements(By.cssSelector("table.tasks tbody td[data-label]"));
            assertThat(assignees).as("the open tasks' labelled cells").isNotEmpty();
            assertThat(number("const c = document.querySelector('table.tasks tbody tr:first-child td:nth-child(4)');"
                    + "return Math.round(c.getBoundingClientRect().right)")).isLessThanOrEqualTo(number("return window.innerWidth"));
            assertThat(script("return getComputedStyle(document.querySelector('table.tasks thead')).position"))
                    .isEqualTo("absolute");
        }
    }

    @Test
    void onAPhoneAnImportsDryRunIsACardPerDocumentWithItsReasonInThePagesLanguage() {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base + "/import");
        signIn("ada");
        switchTo("ja");
        // Changes nothing: a dry run of a component whose owner is a user and of a kind that is not imported.
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: phone-import-check\nspec:\n"
                + "  type: service\n  lifecycle: production\n  owner: user:default/dana\n---\n"
                + "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: phone-import-api\nspec:\n  type: openapi\n";
        ((JavascriptExecutor) browser).executeScript("document.getElementById('f-yaml').value = arguments[0]", yaml);
        browser.findElement(By.cssSelector("form[action='/import'] button.primary")).click();
        Awaitility.await("the dry run's outcome").atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("outcome")).isEmpty());
        assertThat(number("return document.documentElement.scrollWidth")).as("the page scrolls sideways")
                .isLessThanOrEqualTo(number("return window.innerWidth"));
        assertThat(number("return Array.from(document.querySelectorAll('.table-wrap'))"
                + ".filter(w => w.scrollWidth > w.clientWidth).length")).as("boxes that scroll sideways").isZero();
        assertThat(script("return getComputedStyle(document.querySelector('table.import-outcome thead')).position"))
                .isEqualTo("absolute");
        List<WebElement> reasons = browser.findElements(By.cssSelector("table.import-outcome tbody td.small span[lang]"));
        assertThat(reasons).extracting(r -> r.getAttribute("lang")).containsExactly("ja", "ja");
        assertThat(reasons.get(0).getText()).startsWith("spec.owner：「user:default/dana」は user です。");
        // Nothing would be created or updated: no import to run, and the pasted text is back in its box.
        assertThat(browser.findElement(By.id("nothing-to-import")).getText()).startsWith("インポートするものはありません。");
        assertThat(browser.findElement(By.id("f-yaml")).getAttribute("value")).isEqualTo(yaml);
    }

    private void signIn(String user) {
        Awaitility.await("Keycloak's login page").atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("kc-form-login")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        browser.findElement(By.id("kc-login")).click();
        Awaitility.await("back in the portal").atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().startsWith(base) && !browser.findElements(By.cssSelector(".who .name")).isEmpty());
    }

    /**
     * Clicks the language switch and waits for the page it leads to: the click returns before the browser has left
     * the old page, whose elements go stale under a test that reads them at once.
     */
    private void switchTo(String language) {
        browser.findElement(By.cssSelector("form.langs button[value=" + language + "]")).click();
        Awaitility.await("the page in " + language).atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> language.equals(browser.findElement(By.tagName("html")).getAttribute("lang")));
    }

    /** Waits for the success banner of the page a form submission leads to. */
    private void awaitBanner(String message) {
        Awaitility.await("the banner " + message).atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> text(".banner.ok").contains(message));
    }

    /** What a script run in the page returns: a number as a long, anything else as text. */
    private Object script(String code) {
        Object value = ((JavascriptExecutor) browser).executeScript(code);
        return value instanceof Number number ? (Object) number.longValue() : String.valueOf(value);
    }

    private long number(String code) {
        return (Long) script(code);
    }

    private String status(String check) {
        return browser.findElement(By.cssSelector("#check-" + check + " summary .status")).getText();
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().trim();
    }

    /**
     * The checks whose status (e.g. "Not connected") reaches past its column into the check's title: its box, or the
     * text overflowing its box (a grid item keeps its column's width however long its text).
     */
    private long statusesOverTheirTitles() {
        return number("return Array.from(document.querySelectorAll('details.check > summary')).filter(s => {"
                + " const status = s.querySelector('.status');"
                + " const right = status.getBoundingClientRect().left + Math.max(status.offsetWidth, status.scrollWidth);"
                + " return right > s.querySelector('.check-title').getBoundingClientRect().left; }).length");
    }

    private void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
