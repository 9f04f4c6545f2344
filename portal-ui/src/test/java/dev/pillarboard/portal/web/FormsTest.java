package dev.pillarboard.portal.web;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
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

/**
 * The forms, filled in and sent by a browser: the service's validation errors next to their fields with the values
 * kept, a missing or wrong CSRF token refused with nothing sent to the service, someone else's change meanwhile
 * (412) shown with the current values, a phase change previewed before it is saved, and success redirected (303)
 * to a page with a confirmation.
 */
@QuarkusTest
@QuarkusTestResource(ServiceStubs.class)
@TestSecurity(user = "lee", roles = { "team-lead", "developer" })
@OidcSecurity(claims = { @Claim(key = "teams", value = "[\"payments\"]", type = ClaimType.JSON_ARRAY),
        @Claim(key = "preferred_username", value = "lee") })
class FormsTest extends StubbedPortalTest {

    @Test
    void attestingRedirectsToTheProductWithAConfirmation() throws IOException {
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/attestations")).willReturn(Stubs.okJson("""
                {"id": 7, "product": "payments-api", "check": "alert-review", "by": "lee", "valid": true}""").withStatus(201)));
        HtmlPage product = browser.page("/products/payments-api");
        HtmlForm form = form(product, "/products/payments-api/attestations", "alert-review");
        form.getInputByName("evidenceUrl").setValue("https://wiki.example.com/alert-review");
        form.getInputByName("comment").setValue("Reviewed with the SRE team");
        HtmlPage after = submit(form);
        assertThat(after.getUrl().getPath()).isEqualTo("/products/payments-api");
        assertThat(after.asNormalizedText()).contains("Attestation recorded for Alerts are reviewed regularly and pruned");
        ServiceStubs.scorecard().verify(postRequestedFor(urlPathEqualTo("/api/attestations"))
                .withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(equalToJson("""
                        {"product": "payments-api", "check": "alert-review",
                         "evidenceUrl": "https://wiki.example.com/alert-review", "comment": "Reviewed with the SRE team"}""")));
        // Shown once: the next page has no confirmation.
        assertThat(browser.page("/products/payments-api").asNormalizedText()).doesNotContain("Attestation recorded");
    }

    @Test
    void aRefusedFieldComesBackNextToItsFieldWithTheValuesKept() throws IOException {
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/attestations")).willReturn(Stubs.problem(400, """
                {"type": "https://pillarboard.dev/problems/invalid", "title": "Invalid request", "status": 400,
                 "detail": "evidenceUrl: must be an absolute http(s) URL",
                 "violations": [{"field": "evidenceUrl", "message": "must be an absolute http(s) URL"}]}""")));
        HtmlForm form = form(browser.page("/products/payments-api"), "/products/payments-api/attestations", "alert-review");
        form.getInputByName("evidenceUrl").setValue("ftp://wiki.example.com/x");
        form.getInputByName("comment").setValue("kept");
        HtmlPage refused = submit(form);
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(refused.getElementById("e-evidenceUrl")).as(refused.asXml()).isNotNull();
        assertThat(refused.getElementById("e-evidenceUrl").asNormalizedText()).isEqualTo("must be an absolute http(s) URL");
        // The banner points to the field, not to the API's name of it ("evidenceUrl: …").
        assertThat(refused.querySelector(".banner.error").asNormalizedText()).endsWith("Not saved — 1 field to fix");
        assertThat(refused.getElementById("f-evidenceUrl").getAttribute("value")).isEqualTo("ftp://wiki.example.com/x");
        assertThat(refused.getElementById("f-evidenceUrl").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(refused.getElementById("f-comment").getAttribute("value")).isEqualTo("kept");
    }

    @Test
    void aPageInJapaneseReadsTheServicesRefusalsInJapaneseAndMarksWhatItCannotReadAsEnglish() throws IOException {
        HtmlPage refused = attestationRefusedOnThreeViolationsOfTwoFields("ja");
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(refused.getElementById("e-evidenceUrl").asNormalizedText())
                .isEqualTo("http:// か https:// で始まる絶対 URL にしてください（例：https://wiki.example.com/incident-process）");
        assertThat(refused.getElementById("e-evidenceUrl").getAttribute("lang")).isEqualTo("ja");
        // A message the portal has no reading for stays as the service wrote it, marked English for screen readers.
        assertThat(refused.getElementById("e-comment").asNormalizedText()).isEqualTo("must sound cheerful");
        assertThat(refused.getElementById("e-comment").getAttribute("lang")).isEqualTo("en");
        // A message twice on one field shows once; the banner counts the fields in words, not the API's English summary.
        assertThat(refused.querySelector(".banner.error").asNormalizedText()).endsWith("保存できませんでした — 2 件の入力を直してください");

        // A refusal without fields (here 403): its detail read in Japanese after the portal's own explanation.
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/attestations")).willReturn(Stubs.problem(403, """
                {"type": "https://pillarboard.dev/problems/forbidden", "title": "Forbidden", "status": 403,
                 "detail": "Only members of the owning team 'payments' may attest checks of 'payments-api'; your teams are search"}""")));
        HtmlForm form = form(browser.page("/products/payments-api/attest?check=alert-review"), "/products/payments-api/attestations",
                "alert-review");
        form.getInputByName("evidenceUrl").setValue("https://wiki.example.com/alert-review");
        refused = submit(form);
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(refused.querySelector(".banner.error").asNormalizedText())
                .endsWith(" — 担当チーム「payments」のメンバーだけが行えます。あなたのチーム：search");
        assertThat((Object) refused.querySelector(".banner.error span[lang=ja]")).isNotNull();
    }

    @Test
    void anEnglishBannerCountsTheFieldsTheFormShowsNotTheApisViolations() throws IOException {
        HtmlPage refused = attestationRefusedOnThreeViolationsOfTwoFields("en");
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(refused.getElementById("e-evidenceUrl").asNormalizedText())
                .isEqualTo("must be an absolute http(s) URL, e.g. https://wiki.example.com/incident-process");
        assertThat(refused.querySelector(".banner.error").asNormalizedText()).endsWith(" — 2 fields to fix");
    }

    /** An attestation the scorecard refuses with three violations, one of them twice, on two fields of the form. */
    private HtmlPage attestationRefusedOnThreeViolationsOfTwoFields(String language) throws IOException {
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/attestations")).willReturn(Stubs.problem(400, """
                {"type": "https://pillarboard.dev/problems/invalid", "title": "Invalid request", "status": 400,
                 "detail": "3 fields are invalid",
                 "violations": [
                   {"field": "evidenceUrl", "message": "must be an absolute http(s) URL, e.g. https://wiki.example.com/incident-process"},
                   {"field": "comment", "message": "must sound cheerful"},
                   {"field": "evidenceUrl", "message": "must be an absolute http(s) URL, e.g. https://wiki.example.com/incident-process"}]}""")));
        browser.client().addRequestHeader("Accept-Language", language);
        HtmlForm form = form(browser.page("/products/payments-api/attest?check=alert-review"),
                "/products/payments-api/attestations", "alert-review");
        form.getInputByName("evidenceUrl").setValue("ftp://wiki.example.com/x");
        return submit(form);
    }

    @Test
    void anAttestationSaysOnWhichDayThePracticeHappenedAndARefusedDayComesBackNextToItsField() throws IOException {
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/attestations")).willReturn(Stubs.okJson("""
                {"id": 8, "product": "payments-api", "check": "alert-review", "by": "lee", "valid": true}""").withStatus(201)));
        HtmlForm form = form(browser.page("/products/payments-api/attest?check=alert-review"),
                "/products/payments-api/attestations", "alert-review");
        form.getInputByName("evidenceUrl").setValue("https://wiki.example.com/alert-review");
        form.getInputByName("performedAt").setValue("2026-11-30");
        assertThat(submit(form).getUrl().getPath()).isEqualTo("/products/payments-api");
        // The day as the API takes it; a blank comment is left out rather than sent empty.
        ServiceStubs.scorecard().verify(postRequestedFor(urlPathEqualTo("/api/attestations")).withRequestBody(equalToJson("""
                {"product": "payments-api", "check": "alert-review",
                 "evidenceUrl": "https://wiki.example.com/alert-review", "performedAt": "2026-11-30"}""")));

        // The scorecard refuses a day in the future: its reason is shown next to the field, the values kept.
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/attestations")).willReturn(Stubs.problem(400, """
                {"type": "https://pillarboard.dev/problems/validation", "title": "Invalid request", "status": 400,
                 "violations": [{"field": "performedAt", "message": "is in the future; attest a practice once it has happened"}]}""")));
        form = form(browser.page("/products/payments-api/attest?check=alert-review"), "/products/payments-api/attestations",
                "alert-review");
        form.getInputByName("evidenceUrl").setValue("https://wiki.example.com/alert-review");
        form.getInputByName("performedAt").setValue("2099-01-01");
        HtmlPage refused = submit(form);
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(refused.getElementById("e-performedAt").asNormalizedText())
                .isEqualTo("is in the future; attest a practice once it has happened");
        assertThat(refused.getElementById("f-performedAt").getAttribute("value")).isEqualTo("2099-01-01");
        // The inline form on the product page asks for the day too.
        assertThat(form(browser.page("/products/payments-api"), "/products/payments-api/attestations", "alert-review")
                .getInputByName("performedAt").getAttribute("type")).isEqualTo("date");
    }

    @Test
    void aDayThatIsNoDateIsRefusedByThePortalInThePagesLanguageAndNothingIsSent() throws IOException {
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/attestations")).willReturn(Stubs.okJson("{}").withStatus(201)));
        for (String[] language : new String[][] { { "en", "a date, e.g. 2026-11-30" }, { "ja", "日付を入力してください（例：2026-11-30）" } }) {
            browser.client().addRequestHeader("Accept-Language", language[0]);
            HtmlForm form = form(browser.page("/products/payments-api/attest?check=alert-review"),
                    "/products/payments-api/attestations", "alert-review");
            form.getInputByName("evidenceUrl").setValue("https://wiki.example.com/alert-review");
            // A browser without a date picker sends what was typed.
            form.getInputByName("performedAt").setAttribute("type", "text");
            form.getInputByName("performedAt").setValue("last tuesday");
            HtmlPage refused = submit(form);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getElementById("e-performedAt").asNormalizedText()).isEqualTo(language[1]);
            assertThat(refused.getElementById("f-performedAt").getAttribute("value")).isEqualTo("last tuesday");
            assertThat(refused.getElementById("f-evidenceUrl").getAttribute("value"))
                    .isEqualTo("https://wiki.example.com/alert-review");
        }
        ServiceStubs.scorecard().verify(0, postRequestedFor(urlPathEqualTo("/api/attestations")));
    }

    @Test
    void aWaiverUntilThePhaseChangesMayLeaveItsDateOutAnyOtherNeedsOne() throws IOException {
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/waivers")).willReturn(Stubs.okJson("""
                {"id": 12, "product": "payments-api", "check": "game-day", "reason": "No drills before PMF",
                 "status": "requested", "requestedBy": "lee", "untilPhaseChange": true, "phase": "pmf"}""").withStatus(201)));
        HtmlForm form = form(browser.page("/products/payments-api/waiver?check=game-day"), "/products/payments-api/waivers",
                "game-day");
        form.getTextAreaByName("reason").setText("No drills before PMF");
        HtmlPage refused = submit(form);
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(refused.getElementById("e-expiresAt").asNormalizedText()).isEqualTo("a date, e.g. 2027-03-31");
        ServiceStubs.scorecard().verify(0, postRequestedFor(urlPathEqualTo("/api/waivers")));

        form = refused.getForms().stream().filter(f -> f.getActionAttribute().endsWith("/waivers")).findFirst().orElseThrow();
        assertThat(form.getTextAreaByName("reason").getText()).isEqualTo("No drills before PMF");
        form.getInputByName("untilPhaseChange").setChecked(true);
        assertThat(submit(form).getUrl().getPath()).isEqualTo("/products/payments-api");
        ServiceStubs.scorecard().verify(postRequestedFor(urlPathEqualTo("/api/waivers")).withRequestBody(equalToJson("""
                {"product": "payments-api", "check": "game-day", "reason": "No drills before PMF", "untilPhaseChange": true}""")));
        // The portal's own refusal speaks the page's language.
        browser.client().addRequestHeader("Accept-Language", "ja");
        form = form(browser.page("/products/payments-api/waiver?check=game-day"), "/products/payments-api/waivers", "game-day");
        form.getTextAreaByName("reason").setText("PMF 達成まで訓練なし");
        assertThat(submit(form).getElementById("e-expiresAt").asNormalizedText()).isEqualTo("日付を入力してください（例：2027-03-31）");
    }

    @Test
    void aFormSentInAnotherFormatIsRefusedWithAPageThatSaysSoAndNothingIsSent() throws IOException {
        HtmlForm form = form(browser.page("/products/payments-api/waiver?check=game-day"), "/products/payments-api/waivers",
                "game-day");
        form.getTextAreaByName("reason").setText("No drills before PMF");
        form.getInputByName("expiresAt").setValue("2027-03-31");
        // Its token is valid; only its format (multipart instead of URL-encoded) is not what the page sends.
        form.setEnctypeAttribute("multipart/form-data");
        HtmlPage refused = submit(form);
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(415);
        assertThat(refused.querySelector("h1").asNormalizedText()).isEqualTo("This request could not be read");
        ServiceStubs.scorecard().verify(0, postRequestedFor(urlPathEqualTo("/api/waivers")));
    }

    @Test
    void aFormWithoutOrWithAWrongCsrfTokenIsRefusedAndNothingIsSent() throws IOException {
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/attestations")).willReturn(Stubs.okJson("{}").withStatus(201)));
        browser.page("/products/payments-api"); // the CSRF cookie is set
        for (List<NameValuePair> fields : List.of(
                List.of(new NameValuePair("check", "alert-review"), new NameValuePair("evidenceUrl", "https://x.example")),
                List.of(new NameValuePair("csrf-token", "forged"), new NameValuePair("check", "alert-review"),
                        new NameValuePair("evidenceUrl", "https://x.example")))) {
            WebRequest request = new WebRequest(new URL(base, "/products/payments-api/attestations"), HttpMethod.POST);
            request.setRequestParameters(fields);
            var response = browser.client().loadWebResponse(request);
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("This form has expired").doesNotContain("Exception");
        }
        ServiceStubs.scorecard().verify(0, postRequestedFor(urlPathEqualTo("/api/attestations")));
    }

    @Test
    void changingThePhaseShowsWhatBecomesRequiredBeforeSaving() throws IOException {
        ServiceStubs.catalog().stubFor(put(urlPathEqualTo("/api/products/payments-api")).willReturn(
                Stubs.okJson(Stubs.read("product-payments-api.json").replace("\"pmf\"", "\"pre-pmf\"")).withHeader("ETag", "\"9\"")));
        HtmlPage edit = browser.page("/products/payments-api/edit");
        HtmlForm form = edit.getForms().stream().filter(f -> f.getActionAttribute().endsWith("/edit")).findFirst().orElseThrow();
        form.getSelectByName("phase").setSelectedAttribute("pre-launch", true);
        HtmlPage preview = submit(form);
        assertThat(preview.asNormalizedText()).contains("Moving from PMF to Pre-launch", "No longer required", "Nothing is saved yet");
        ServiceStubs.catalog().verify(0, putRequestedFor(urlPathEqualTo("/api/products/payments-api")));
        HtmlPage saved = submit(preview.getForms().stream().filter(f -> f.getActionAttribute().endsWith("/edit"))
                .findFirst().orElseThrow());
        assertThat(saved.getUrl().getPath()).isEqualTo("/products/payments-api");
        assertThat(saved.asNormalizedText()).contains("Changes to Payments API saved.");
        ServiceStubs.catalog().verify(1, putRequestedFor(urlPathEqualTo("/api/products/payments-api"))
                .withHeader("If-Match", equalTo("\"8\""))
                .withRequestBody(matching(".*\"phase\":\"pre-launch\".*")));
    }

    @Test
    void aBlankNameRefusedKeepsThePageNamedByTheSlugAndSaysWhyInThePagesLanguage() throws IOException {
        ServiceStubs.catalog().stubFor(put(urlPathEqualTo("/api/products/payments-api")).willReturn(Stubs.problem(400, """
                {"type": "https://pillarboard.dev/problems/invalid", "title": "Invalid request", "status": 400,
                 "detail": "name: must not be blank", "violations": [{"field": "name", "message": "must not be blank"}]}""")));
        for (String[] language : new String[][] { { "en", "Edit payments-api", "must not be blank", " — 1 field to fix" },
                { "ja", "payments-apiを編集", "入力してください", " — 1 件の入力を直してください" } }) {
            browser.client().addRequestHeader("Accept-Language", language[0]);
            HtmlForm form = browser.page("/products/payments-api/edit").getForms().stream()
                    .filter(f -> f.getActionAttribute().endsWith("/edit")).findFirst().orElseThrow();
            form.getInputByName("name").setValue("");
            HtmlPage refused = submit(form);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.querySelector("h1").asNormalizedText()).isEqualTo(language[1]);
            assertThat(refused.querySelector(".crumbs").asNormalizedText()).endsWith("payments-api");
            assertThat(refused.getElementById("e-name").asNormalizedText()).isEqualTo(language[2]);
            assertThat(refused.querySelector(".banner.error").asNormalizedText()).endsWith(language[3]);
        }
    }

    @Test
    void someoneElsesChangeMeanwhileIsShownWithTheCurrentValues() throws IOException {
        HtmlPage edit = browser.page("/products/payments-api/edit");
        HtmlForm form = edit.getForms().stream().filter(f -> f.getActionAttribute().endsWith("/edit")).findFirst().orElseThrow();
        form.getInputByName("name").setValue("My new name");
        // Meanwhile someone renamed it: the catalog refuses the stale ETag and now reads differently.
        ServiceStubs.catalog().stubFor(put(urlPathEqualTo("/api/products/payments-api")).willReturn(Stubs.problem(412, """
                {"type": "https://pillarboard.dev/problems/precondition-failed", "title": "Precondition failed",
                 "status": 412, "detail": "The product changed since you read it"}""")));
        ServiceStubs.catalog().stubFor(get(urlPathEqualTo("/api/products/payments-api")).willReturn(
                Stubs.okJson(Stubs.read("product-payments-api.json").replace("\"Payments API\"", "\"Payments Platform\""))
                        .withHeader("ETag", "\"12\"")));
        HtmlPage conflict = submit(form);
        assertThat(conflict.getWebResponse().getStatusCode()).isEqualTo(412);
        assertThat(conflict.asNormalizedText()).contains("Someone changed this while you were editing it");
        assertThat(conflict.getElementById("f-name").getAttribute("value")).isEqualTo("Payments Platform");
        assertThat(conflict.getElementsByName("etag").get(0).getAttribute("value")).isEqualTo("\"12\"");
    }

    @Test
    void creatingAProductRedirectsToIt() throws IOException {
        ServiceStubs.catalog().stubFor(post(urlPathEqualTo("/api/products")).willReturn(
                Stubs.okJson(Stubs.read("product-payments-api.json").replace("payments-api", "fraud-check")
                        .replace("Payments API", "Fraud check")).withStatus(201)));
        HtmlForm form = browser.page("/products/new").getForms().stream()
                .filter(f -> f.getActionAttribute().equals("/products/new")).findFirst().orElseThrow();
        form.getInputByName("slug").setValue("fraud-check");
        form.getInputByName("name").setValue("Fraud check");
        form.getInputByName("link-runbook").setValue("https://wiki.example.com/fraud");
        form.getTextAreaByName("annotations").setText("pillarboard.dev/rto = 4h");
        HtmlPage created = submit(form);
        assertThat(created.getUrl().getPath()).isEqualTo("/products/fraud-check");
        assertThat(created.asNormalizedText()).contains("Product Fraud check created.");
        ServiceStubs.catalog().verify(postRequestedFor(urlPathEqualTo("/api/products")).withRequestBody(equalToJson("""
                {"slug": "fraud-check", "name": "Fraud check", "description": "", "owner": "payments", "phase": "pre-launch",
                 "tier": 3, "tags": [], "links": {"runbook": "https://wiki.example.com/fraud"},
                 "annotations": {"pillarboard.dev/rto": "4h"}}""")));
    }

    @Test
    void aLeadApprovesAWaiverFromTheReviewQueue() throws IOException {
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/waivers/1/decision")).willReturn(Stubs.okJson(
                Stubs.read("waivers-payments-api.json").replaceAll("(?s).*\"items\": \\[\\s*(\\{.*?\\})\\s*\\].*", "$1")
                        .replace("\"requested\"", "\"approved\""))));
        HtmlPage queue = browser.page("/reviews");
        HtmlForm form = queue.getForms().stream().filter(f -> f.getActionAttribute().equals("/waivers/1/decision"))
                .findFirst().orElseThrow(() -> new AssertionError(queue.asNormalizedText()));
        form.getInputByName("comment").setValue("OK until the first game day");
        HtmlPage after = ((HtmlButton) form.getFirstByXPath(".//button[@value='approve']")).click();
        assertThat(after.getUrl().getPath()).isEqualTo("/reviews");
        assertThat(after.asNormalizedText()).contains("Waiver approved: payments-api");
        ServiceStubs.scorecard().verify(postRequestedFor(urlPathEqualTo("/api/waivers/1/decision"))
                .withRequestBody(equalToJson("{\"decision\": \"approve\", \"comment\": \"OK until the first game day\"}")));
    }

    @Test
    void movingATaskThatChangedMeanwhileShowsItAsItIsNow() throws IOException {
        String task = Stubs.read("tasks-payments-api.json").replaceAll("(?s).*\"items\": \\[\\s*(\\{.*?\\}),.*", "$1");
        long id = Long.parseLong(task.replaceAll("(?s).*\"id\": (\\d+),.*", "$1"));
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/tasks/" + id))
                .willReturn(Stubs.okJson(task).withHeader("ETag", "\"t1\"")));
        HtmlForm form = browser.page("/tasks/" + id).getForms().stream()
                .filter(f -> f.getActionAttribute().equals("/tasks/" + id)).findFirst().orElseThrow();
        form.getSelectByName("status").setSelectedAttribute("in-progress", true);
        form.getInputByName("assignee").setValue("lee");
        ServiceStubs.scorecard().stubFor(patch(urlPathMatching("/api/tasks/" + id)).willReturn(Stubs.problem(412, """
                {"status": 412, "title": "Precondition failed", "detail": "The task changed since you read it"}""")));
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/tasks/" + id)).willReturn(
                Stubs.okJson(task.replace("\"assignee\": null", "\"assignee\": \"dana\"")).withHeader("ETag", "\"t2\"")));
        HtmlPage conflict = submit(form);
        assertThat(conflict.getWebResponse().getStatusCode()).isEqualTo(412);
        assertThat(conflict.asNormalizedText()).contains("Someone changed this while you were editing it");
        assertThat(conflict.getElementById("f-assignee").getAttribute("value")).isEqualTo("dana");
        ServiceStubs.scorecard().verify(patchRequestedFor(urlPathEqualTo("/api/tasks/" + id))
                .withHeader("If-Match", equalTo("\"t1\""))
                .withRequestBody(equalToJson("{\"status\": \"in-progress\", \"assignee\": \"lee\", \"dueDate\": null}")));
    }

    @Test
    void aFormWhoseTextIsNotUtf8IsRefusedWithAPageNamingTheFieldAndNothingIsSent() throws IOException {
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/attestations")).willReturn(Stubs.okJson("{}").withStatus(201)));
        HtmlForm form = form(browser.page("/products/payments-api"), "/products/payments-api/attestations", "alert-review");
        String token = form.getInputByName("csrf-token").getValue();
        // What a client that does not send UTF-8 sends: C3 28 is not a UTF-8 sequence (the form reader would make it
        // U+FFFD and the service would store that). Once percent-encoded, once as raw bytes.
        for (String comment : List.of("Reviewed%C3%28", "Reviewed\u00C3(")) {
            WebRequest request = new WebRequest(new URL(base, "/products/payments-api/attestations"), HttpMethod.POST);
            request.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");
            request.setCharset(StandardCharsets.ISO_8859_1);
            request.setRequestBody("csrf-token=" + token + "&check=alert-review&evidenceUrl=https%3A%2F%2Fx.example&comment="
                    + comment);
            var response = browser.client().loadWebResponse(request);
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("text could not be read", "The field &quot;comment&quot; arrived with bytes that are not UTF-8")
                    .doesNotContain("Exception");
        }
        ServiceStubs.scorecard().verify(0, postRequestedFor(urlPathEqualTo("/api/attestations")));
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void pastedYamlThatIsNotUtf8IsRefusedAndNotImported() throws IOException {
        ServiceStubs.catalog().stubFor(post(urlPathEqualTo("/api/import")).willReturn(Stubs.okJson("{}")));
        HtmlPage page = browser.page("/import");
        String token = page.getForms().get(page.getForms().size() - 1).getInputByName("csrf-token").getValue();
        String boundary = "pb-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf-token\"\r\n\r\n" + token + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nimport\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"yaml\"\r\n\r\n"
                + "kind: Component\nmetadata:\n  name: caf\u00E9\n  description: \u00C3(\r\n--" + boundary + "--\r\n";
        WebRequest request = new WebRequest(new URL(base, "/import"), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
        request.setCharset(StandardCharsets.ISO_8859_1);
        request.setRequestBody(body);
        var response = browser.client().loadWebResponse(request);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("text could not be read", "The field &quot;yaml&quot; arrived with bytes that are not UTF-8");
        ServiceStubs.catalog().verify(0, postRequestedFor(urlPathEqualTo("/api/import")));
    }

    /**
     * A form over the portal's ceiling on bodies (34 MiB), here a 40 MiB upload sent as a browser sends it, with a
     * Content-Length: a 413 page in the user's language that says what the limits are, with the way back to the form,
     * answered once the upload is through. Quarkus answered a bare 413 and closed the connection mid-upload, which a
     * browser shows as "HTTP ERROR 413" or a connection reset. Nothing reaches the catalog.
     */
    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void anUploadOverThePortalsCeilingGetsAPageThatSaysTheLimits() throws Exception {
        ServiceStubs.catalog().stubFor(post(urlPathEqualTo("/api/import")).willReturn(Stubs.okJson("{}")));
        String boundary = "pb-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"catalog-info.yaml\"\r\n"
                + "Content-Type: application/yaml\r\n\r\nname: ").getBytes(StandardCharsets.UTF_8);
        long length = 40L * 1024 * 1024;
        HttpRequest upload = HttpRequest.newBuilder(new URL(base, "/import").toURI())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Referer", new URL(base, "/import").toString())
                .header("Accept-Language", "ja")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new SequenceInputStream(new ByteArrayInputStream(head), filler(length - head.length))), length))
                .build();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(upload, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains("<html lang=\"ja\">", "<title>送信内容が大きすぎます · Pillarboard</title>",
                "32 MiB", "href=\"/import\"", "フォームに戻る");
        ServiceStubs.catalog().verify(0, postRequestedFor(urlPathEqualTo("/api/import")));
    }

    /** {@code n} bytes of 'x', made as they are read. */
    private static InputStream filler(long n) {
        return new InputStream() {
            private long left = n;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                Arrays.fill(buffer, offset, offset + count, (byte) 'x');
                left -= count;
                return count;
            }
        };
    }

    /**
     * A text field over the form reader's limit (2 MiB), pasted YAML on the import page or a rubric to publish: a 413
     * page in the layout that says the limits (it was a 500 "something went wrong", logged as an error), nothing sent
     * to a service.
     */
    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aTextFieldOverTheFormLimitGetsAPageThatSaysTheLimits() throws IOException {
        ServiceStubs.catalog().stubFor(post(urlPathEqualTo("/api/import")).willReturn(Stubs.okJson("{}")));
        String yaml = "name: " + "x".repeat(3 * 1024 * 1024);
        HtmlPage page = browser.page("/import");
        String token = page.getForms().get(page.getForms().size() - 1).getInputByName("csrf-token").getValue();
        String boundary = "pb-boundary";
        WebRequest pasted = new WebRequest(new URL(base, "/import"), HttpMethod.POST);
        pasted.setAdditionalHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
        pasted.setAdditionalHeader("Referer", new URL(base, "/import").toString());
        pasted.setCharset(StandardCharsets.UTF_8);
        pasted.setRequestBody("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf-token\"\r\n\r\n" + token + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"yaml\"\r\n\r\n" + yaml + "\r\n--" + boundary + "--\r\n");
        var response = browser.client().loadWebResponse(pasted);
        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("What you sent is too large", "2 MiB of text in one field",
                "href=\"/import\"").doesNotContain("Something went wrong");

        HtmlPage publish = browser.page("/rubric/publish");
        token = publish.getForms().get(publish.getForms().size() - 1).getInputByName("csrf-token").getValue();
        WebRequest rubric = new WebRequest(new URL(base, "/rubric/publish"), HttpMethod.POST);
        rubric.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");
        rubric.setCharset(StandardCharsets.UTF_8);
        rubric.setRequestBody("csrf-token=" + token + "&action=publish&yaml=" + yaml);
        response = browser.client().loadWebResponse(rubric);
        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("What you sent is too large").doesNotContain("Something went wrong");
        ServiceStubs.catalog().verify(0, postRequestedFor(urlPathEqualTo("/api/import")));
        ServiceStubs.scorecard().verify(0, putRequestedFor(urlPathEqualTo("/api/rubric")));
    }

    private static HtmlForm form(HtmlPage page, String action, String check) {
        return page.getForms().stream().filter(f -> f.getActionAttribute().equals(action))
                .filter(f -> f.getInputsByName("check").stream().anyMatch(i -> i.getValue().equals(check)))
                .findFirst().orElseThrow(() -> new AssertionError("no form " + action + " for " + check));
    }

    @Test
    @TestSecurity(user = "ada", roles = { "platform-admin" })
    void anImportIsADryRunFirstWithEveryDocumentsOutcomeAndWhatAnUpdateChangesThenTheRealOne() throws IOException {
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\n";
        ServiceStubs.catalog().stubFor(post(urlPathEqualTo("/api/import")).withQueryParam("dryRun", equalTo("true"))
                .willReturn(Stubs.okJson("""
                        {"dryRun": true, "counts": {"created": 1, "updated": 1, "unchanged": 0, "skipped": 0, "rejected": 1},
                         "items": [
                           {"ref": "component:default/new-widget", "kind": "Component", "line": 1, "outcome": "created"},
                           {"ref": "component:default/ledger", "kind": "Component", "line": 12, "outcome": "updated",
                            "changes": ["description", "phase: pmf → pre-pmf", "links"]},
                           {"ref": "component:default/orphan", "kind": "Component", "line": 22, "outcome": "rejected",
                            "reason": "spec.owner: group:default/nobody is neither in this import nor in the catalog"}]}""")));
        ServiceStubs.catalog().stubFor(post(urlPathEqualTo("/api/import")).withQueryParam("dryRun", equalTo("false"))
                .willReturn(Stubs.okJson("""
                        {"dryRun": false, "counts": {"created": 1, "updated": 1, "unchanged": 0, "skipped": 0, "rejected": 1},
                         "items": [{"ref": "component:default/ledger", "kind": "Component", "line": 12, "outcome": "updated",
                                    "changes": ["description", "phase: pmf → pre-pmf", "links"]}]}""")));
        HtmlPage page = browser.page("/import");
        HtmlForm form = page.getForms().stream().filter(f -> f.getActionAttribute().equals("/import"))
                .findFirst().orElseThrow();
        form.getTextAreaByName("yaml").setText(yaml);
        HtmlPage dryRun = submit(form);
        assertThat(dryRun.querySelector("h2#outcome").asNormalizedText()).isEqualTo("Dry run: what the import would do");
        // A row per document: its outcome, why it was rejected, what an update would change (a phase with its values).
        assertThat(dryRun.querySelectorAll("section[aria-labelledby=outcome] tbody tr").stream()
                .map(row -> ((org.htmlunit.html.DomNode) row).asNormalizedText().replaceAll("\\s+", " ").strip()).toList()).containsExactly(
                        "component:default/new-widget Created",
                        "component:default/ledger Updated Changes: description, phase: pmf → pre-pmf, links",
                        "component:default/orphan Rejected spec.owner: group:default/nobody is neither in this import nor in the catalog");
        ServiceStubs.catalog().verify(0, postRequestedFor(urlPathEqualTo("/api/import")).withQueryParam("dryRun", equalTo("false")));
        // The pasted text stays in its box, to correct a rejected document; the real import says it leaves that one out.
        assertThat(dryRun.getElementById("f-yaml").getTextContent()).isEqualTo(yaml);
        assertThat(dryRun.querySelector("section[aria-labelledby=outcome] .actions-row").asNormalizedText())
                .endsWith("The rejected document is left out.");

        // Then the real import of the same text, from the dry run's page.
        HtmlForm real = dryRun.getForms().stream().filter(f -> f.getActionAttribute().equals("/import"))
                .filter(f -> "import".equals(f.getInputByName("mode").getValue()))
                .findFirst().orElseThrow();
        HtmlPage done = submit(real);
        assertThat(done.querySelector("h2#outcome").asNormalizedText()).isEqualTo("Imported");
        ServiceStubs.catalog().verify(1, postRequestedFor(urlPathEqualTo("/api/import")).withQueryParam("dryRun", equalTo("false"))
                .withRequestBody(equalTo(yaml)));
    }

    @Test
    @TestSecurity(user = "ada", roles = { "platform-admin" })
    @OidcSecurity(claims = @Claim(key = "preferred_username", value = "ada"))
    void yamlTheCatalogCannotReadComesBackWithItsLineInThePagesLanguageAndTheTextKept() throws IOException {
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n\tspec: {}\n";
        ServiceStubs.catalog().stubFor(post(urlPathEqualTo("/api/import")).willReturn(Stubs.problem(400, """
                {"type": "https://pillarboard.dev/problems/invalid-yaml", "title": "Invalid YAML", "status": 400,
                 "detail": "Not valid YAML at line 5, column 1: found character '\\\\t(TAB)' that cannot start any token. (Do not use \\\\t(TAB) for indentation)",
                 "violations": [{"field": "line 5", "message": "found character '\\\\t(TAB)' that cannot start any token. (Do not use \\\\t(TAB) for indentation)"}]}""")));
        for (String[] language : new String[][] {
                { "en", "line 5: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)",
                        "The descriptors could not be read — Not valid YAML at line 5, column 1: found character" },
                { "ja", "5 行目：タブ文字があります。インデントにタブは使えません（スペースにしてください）",
                        "記述子を読み込めませんでした — YAML として読めません（5 行目、1 列目）：タブ文字があります。" } }) {
            browser.client().addRequestHeader("Accept-Language", language[0]);
            HtmlPage refused = pasteAndRun(yaml);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            // Next to the text: which line, and what is wrong with it, in the page's language.
            assertThat(refused.getElementById("e-yaml").asNormalizedText()).isEqualTo(language[1]);
            assertThat(refused.getElementById("e-yaml").getAttribute("lang")).isEqualTo(language[0]);
            assertThat(refused.querySelector(".banner.error").asNormalizedText()).contains(language[2]);
            assertThat(refused.getElementById("f-yaml").getTextContent()).isEqualTo(yaml);
        }
    }

    @Test
    @TestSecurity(user = "ada", roles = { "platform-admin" })
    @OidcSecurity(claims = @Claim(key = "preferred_username", value = "ada"))
    void aDryRunThatWouldChangeNothingOffersNoImportKeepsTheTextToCorrectAndSaysWhyInThePagesLanguage() throws IOException {
        String yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Bad_Name\n";
        ServiceStubs.catalog().stubFor(post(urlPathEqualTo("/api/import")).withQueryParam("dryRun", equalTo("true"))
                .willReturn(Stubs.okJson("""
                        {"dryRun": true, "counts": {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "rejected": 1},
                         "items": [{"ref": "component:default/Bad_Name", "kind": "Component", "line": 1, "outcome": "rejected",
                                    "reason": "metadata.name: 'bad_name' must be 2-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit"}]}""")));
        for (String[] language : new String[][] {
                { "en", "Nothing to import: no document would be created or updated.",
                        "metadata.name: 'bad_name' must be 2-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit" },
                { "ja", "インポートするものはありません。作成・更新されるドキュメントがありません。",
                        "metadata.name：「bad_name」は、英小文字（a-z）、数字、「-」の 2〜63 文字で、先頭と末尾は英小文字か数字にしてください" } }) {
            browser.client().addRequestHeader("Accept-Language", language[0]);
            HtmlPage dryRun = pasteAndRun(yaml);
            assertThat(dryRun.getElementById("nothing-to-import").asNormalizedText()).startsWith(language[1]);
            // The reason in the page's language, marked with it.
            assertThat(dryRun.querySelector("section[aria-labelledby=outcome] tbody td.small span").asNormalizedText())
                    .isEqualTo(language[2]);
            assertThat(((org.htmlunit.html.DomElement) dryRun.querySelector("section[aria-labelledby=outcome] tbody td.small span"))
                    .getAttribute("lang")).isEqualTo(language[0]);
            assertThat(dryRun.getForms().stream().filter(f -> !f.getInputsByName("mode").isEmpty())
                    .map(f -> f.getInputByName("mode").getValue()).toList()).containsExactly("dry-run");
            assertThat(dryRun.getElementById("f-yaml").getTextContent()).isEqualTo(yaml);
        }
        ServiceStubs.catalog().verify(0, postRequestedFor(urlPathEqualTo("/api/import")).withQueryParam("dryRun", equalTo("false")));
    }

    @Test
    @TestSecurity(user = "ada", roles = { "platform-admin" })
    void aRubricsImpactIsShownBeforePublishingAndNothingIsStored() throws IOException {
        ServiceStubs.scorecard().stubFor(put(urlPathEqualTo("/api/rubric")).withQueryParam("dryRun", equalTo("true"))
                .willReturn(Stubs.okJson("""
                        {"dryRun": true, "inForce": 1, "title": "Pillarboard default rubric", "checks": 44,
                         "impact": {"products": 19, "scored": 18, "unscorable": 1, "unscorableProducts": ["legacy-ftp"],
                                    "unknownPhases": ["sunset"], "checksAdded": ["oom-kills", "pager-load"],
                                    "checksRemoved": [],
                                    "totals": {"products": 18, "meetBarNow": 7, "meetBarAfter": 5, "newlyMiss": 3,
                                               "newlyMeet": 1, "tasksToOpen": 41, "tasksToClose": 12, "openP1Now": 30,
                                               "openP1After": 22},
                                    "byPhaseAndTier": [{"phase": "pmf", "tier": 1, "counts": {"products": 4,
                                        "meetBarNow": 2, "meetBarAfter": 1, "newlyMiss": 1, "newlyMeet": 0,
                                        "tasksToOpen": 9, "tasksToClose": 2, "openP1Now": 6, "openP1After": 7}}]}}""")));
        HtmlPage form = browser.page("/rubric/publish");
        HtmlForm publish = form.getForms().stream().filter(f -> f.getActionAttribute().equals("/rubric/publish"))
                .findFirst().orElseThrow();
        HtmlButton check = publish.getFirstByXPath(".//button[@value='check']");
        HtmlPage impact = check.click();
        String text = impact.asNormalizedText();
        assertThat(text).contains("If you publish this rubric", "44 checks, compared with version 1 in force",
                "7 → 5", "1 would newly meet it, 3 would newly miss it", "+41 / −12", "30 → 22",
                "1 product could not be scored", "sunset", "legacy-ftp", "Checks added: oom-kills, pager-load",
                "This was a dry run");
        assertThat(impact.querySelectorAll(".impact tbody tr")).hasSize(1);
        // The YAML is kept in the form, to publish from here; only the dry run reached the service.
        assertThat(impact.getElementById("f-yaml").getTextContent()).isEqualTo(form.getElementById("f-yaml").getTextContent());
        ServiceStubs.scorecard().verify(1, putRequestedFor(urlPathEqualTo("/api/rubric")).withQueryParam("dryRun", equalTo("true")));
        ServiceStubs.scorecard().verify(0, putRequestedFor(urlPathEqualTo("/api/rubric")).withQueryParam("dryRun", absent()));
    }

    @Test
    @TestSecurity(user = "ada", roles = { "platform-admin" })
    void aRubricsProblemsAreShownNextToTheirLinesAndNothingIsPublished() throws IOException {
        ServiceStubs.scorecard().stubFor(put(urlPathEqualTo("/api/rubric")).withQueryParam("dryRun", equalTo("true"))
                .willReturn(Stubs.problem(400, """
                        {"type": "https://pillarboard.dev/problems/invalid", "title": "Invalid request", "status": 400,
                         "detail": "The rubric has 3 problems; version 1 stays in force. line 2, column 3: pillars[0].id: missing",
                         "violations": [
                           {"field": "line 2", "message": "column 3: pillars[0].id: missing"},
                           {"field": "line 4", "message": "column 9: checks[0] (id: x) .phases.pmf: 'mandatory' is not required, recommended or n/a"},
                           {"field": "rubric", "message": "no check for the pillar 'security'"}]}""")));
        String yaml = "version: 2\npillars:\n  - title: Security\nchecks:\n  - id: x\n";
        for (String language : List.of("en", "ja")) {
            browser.client().addRequestHeader("Accept-Language", language);
            HtmlPage form = browser.page("/rubric/publish");
            HtmlForm publish = form.getForms().stream().filter(f -> f.getActionAttribute().equals("/rubric/publish"))
                    .findFirst().orElseThrow();
            publish.getTextAreaByName("yaml").setText(yaml);
            HtmlButton check = publish.getFirstByXPath(".//button[@value='check']");
            HtmlPage refused = check.click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            // Each problem under its line of the text, the line marked; one without a line above the text.
            assertThat(refused.getElementById("line-2").getAttribute("class")).contains("bad");
            assertThat(refused.getElementById("line-2").asNormalizedText()).contains("pillars:", "↑ column 3: pillars[0].id: missing");
            assertThat(refused.getElementById("line-4").asNormalizedText()).contains("checks:", "'mandatory' is not required");
            assertThat(refused.getElementById("line-3").getAttribute("class")).doesNotContain("bad");
            assertThat(refused.querySelector(".yaml-errors .ln.bad .msg").asNormalizedText())
                    .isEqualTo("no check for the pillar 'security'");
            // The rubric's problems are English on either page, and say so to a screen reader.
            assertThat(((org.htmlunit.html.DomElement) refused.querySelector("#line-4 .msg")).getAttribute("lang")).isEqualTo("en");
            assertThat(refused.querySelector(".banner.error").asNormalizedText()).contains("ja".equals(language)
                    ? "このルーブリックには問題が 3 件あります。バージョン 1 が引き続き適用されます" : "The rubric has 3 problems; version 1 stays in force.");
            assertThat(refused.getElementById("f-yaml").getTextContent()).isEqualTo(yaml);
        }
        ServiceStubs.scorecard().verify(0, putRequestedFor(urlPathEqualTo("/api/rubric")).withQueryParam("dryRun", absent()));
    }

    @Test
    @TestSecurity(user = "ada", roles = { "platform-admin" })
    void anAdminStartsAFullEvaluationAndFollowsItsProgressUntilItEnds() throws IOException {
        String id = "4b1e0c2a-9d7f-4c1e-8a55-0f1e2d3c4b5a";
        String job = """
                {"id": "%s", "status": "%s", "reason": "requested", "requestedBy": "ada", "rubricVersion": 2,
                 "done": %d, "total": 10000, "failed": %d, "createdAt": "2026-12-07T10:00:00Z",
                 "startedAt": "2026-12-07T10:00:01Z", "finishedAt": %s, "error": null}""";
        ServiceStubs.scorecard().stubFor(post(urlPathEqualTo("/api/evaluations"))
                .willReturn(Stubs.okJson(job.formatted(id, "queued", 0, 0, "null")).withStatus(202)));
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/evaluations/" + id))
                .willReturn(Stubs.okJson(job.formatted(id, "running", 4000, 0, "null"))));
        // The browser stays on the page it got (its refresh is asserted below, not followed).
        org.htmlunit.RefreshHandler refresh = browser.client().getRefreshHandler();
        browser.client().setRefreshHandler((page, url, seconds) -> {
        });
        try {
            followAnEvaluation(id, job);
        } finally {
            browser.client().setRefreshHandler(refresh);
        }
    }

    private void followAnEvaluation(String id, String job) throws IOException {
        HtmlForm start = browser.page("/rubric").getForms().stream()
                .filter(f -> f.getActionAttribute().equals("/rubric/evaluations")).findFirst().orElseThrow();
        HtmlPage running = submit(start);
        ServiceStubs.scorecard().verify(1, postRequestedFor(urlPathEqualTo("/api/evaluations")));
        assertThat(running.getUrl().getPath()).isEqualTo("/rubric/evaluations/" + id);
        String text = running.asNormalizedText();
        assertThat(text).contains("Full evaluation started", "4,000 of 10,000 products evaluated",
                "This page refreshes every two seconds until the evaluation ends.");
        // No script: the page asks the browser to load it again while the job runs.
        assertThat(running.getWebResponse().getContentAsString()).contains("<meta http-equiv=\"refresh\" content=\"2\">");

        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/evaluations/" + id))
                .willReturn(Stubs.okJson(job.formatted(id, "done", 10000, 3, "\"2026-12-07T10:00:04Z\""))));
        HtmlPage done = browser.page("/rubric/evaluations/" + id);
        assertThat(done.asNormalizedText()).contains("10,000 of 10,000 products evaluated", "3 failed")
                .doesNotContain("refreshes every two seconds");
        assertThat(done.getWebResponse().getContentAsString()).doesNotContain("http-equiv=\"refresh\"");
    }

    /** The import page with {@code yaml} pasted, its dry run submitted. */
    private HtmlPage pasteAndRun(String yaml) throws IOException {
        HtmlForm form = browser.page("/import").getForms().stream().filter(f -> f.getActionAttribute().equals("/import"))
                .findFirst().orElseThrow();
        form.getTextAreaByName("yaml").setText(yaml);
        return submit(form);
    }

    private static HtmlPage submit(HtmlForm form) throws IOException {
        HtmlButton button = form.getFirstByXPath(".//button[@type='submit']");
        return button.click();
    }
}
