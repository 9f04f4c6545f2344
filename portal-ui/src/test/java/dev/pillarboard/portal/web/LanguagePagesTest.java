package dev.pillarboard.portal.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlButton;
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

/**
 * Pages in Japanese: from the whole Accept-Language list (not only its first entry), from the switch on the page
 * (remembered in a cookie, which wins over the header), with dates written the Japanese way; rubric texts stay as
 * the rubric has them, and the task and sign-off pages title tasks and checks with them rather than with the
 * (English) title a task or a change was recorded with.
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
        // The rule that decided a check names its products in Japanese (the service's label is English: "tier 1").
        assertThat(page.querySelector("#check-slos-defined dd.rule").asNormalizedText()).startsWith("ティア 1向けのルールを適用");
    }

    @Test
    void whatFallsDueReadsInJapanese() {
        browser.client().addRequestHeader("Accept-Language", "ja");
        DomNode due = browser.page("/teams/payments").querySelector("#coming-due");
        assertThat(due.asNormalizedText()).contains("期限が近いもの", "今後30日間：対応しなければ自動的に変わるもの",
                "3日後", "免除が終わります", "宣言の有効期限が切れます", "再実施の時期です：前回の実施日（restore.last_tested_at）が期間外になります",
                "3件のチェックの猶予が終わります（タスクが P1 になります）", "25日後");
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
        HtmlPage home = browser.page("/");
        assertThat(home.asNormalizedText()).contains("あなたの作業");
        // The catalog's changes read in Japanese order ("プロダクトを作成", not "プロダクト 作成").
        assertThat(home.asNormalizedText()).contains("Recommendations · プロダクトを作成").doesNotContain("プロダクト 作成");
        HtmlButton english = browser.page("/").getFirstByXPath("//form[@action='/language']//button[@value='en']");
        assertThat(((HtmlPage) english.click()).asNormalizedText()).contains("Your work");
    }

    @Test
    void theTaskPageAsksForTheTaskInThePagesLanguage() throws IOException {
        stubTask(319, task -> task);
        // A task of a check the rubric no longer has: the title it opened with, and no fix beside the form.
        stubTask(901, task -> task.put("check", "retired-check").put("title", "A check since removed"));
        browser.client().addRequestHeader("Accept-Language", "en");
        HtmlPage english = browser.page("/tasks/319");
        assertThat(english.querySelector("h1").asNormalizedText()).isEqualTo("Most alerts need a human action");
        // Beside the form, how to close it: the check's fix (and why it matters, folded), from the rubric.
        assertThat(english.querySelector("section[aria-labelledby=fix]").asNormalizedText())
                .startsWith("How to fix it\nList last month's alerts; for each one that needed no action, delete it");
        assertThat(english.querySelector("section[aria-labelledby=fix] details summary").asNormalizedText())
                .isEqualTo("Why it matters");
        browser.client().addRequestHeader("Accept-Language", "ja");
        HtmlPage page = browser.page("/tasks/319");
        assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("ja");
        assertThat(page.querySelector("h1").asNormalizedText()).isEqualTo("ページの 70% 以上が人の対応を必要としている");
        assertThat(page.getTitleText()).startsWith("ページの 70% 以上が人の対応を必要としている");
        assertThat(page.asNormalizedText()).doesNotContain("Most alerts need a human action");
        HtmlPage retired = browser.page("/tasks/901");
        assertThat(retired.querySelector("h1").asNormalizedText()).isEqualTo("A check since removed");
        assertThat((Object) retired.querySelector("section[aria-labelledby=fix]")).isNull();
    }

    @Test
    void aReasonTheScorecardReadInJapaneseIsMarkedJapaneseAndOneItCouldNotReadStaysMarkedEnglish() throws IOException {
        // The scorecard answers a Japanese request with the reasons it has a Japanese reading for, the others in English.
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards/payments-api")).willReturn(Stubs.okJson(
                Stubs.read("scorecard-payments-api.json").replace("\"links.logs is missing\"", "\"links.logs がありません\""))));
        stubTask(902, task -> task.put("reason", "alerts.actionable_ratio は 0.4。≥ 0.7 が必要です"));
        browser.client().addRequestHeader("Accept-Language", "ja");

        HtmlPage page = browser.page("/products/payments-api");
        DomNode translated = page.querySelector("#check-searchable-logs dd[lang=ja]");
        assertThat(translated.asNormalizedText()).isEqualTo("links.logs がありません");
        assertThat(page.querySelector("#check-slos-defined dd[lang=en]").asNormalizedText())
                .isEqualTo("slo.journeys_without_slo is 1; needs ≤ 0");
        HtmlPage task = browser.page("/tasks/902");
        assertThat(task.querySelector(".page-head span[lang=ja]").asNormalizedText())
                .isEqualTo("alerts.actionable_ratio は 0.4。≥ 0.7 が必要です");
    }

    @Test
    void theSignOffPageShowsTheChangesInThePagesLanguageAndNamesGrantedWaiversByTheRubric() {
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards/payments-api")).willReturn(Stubs.okJson(
                Stubs.read("scorecard-payments-api.json").replace("\"reviewDue\": true,", """
                        "reviewDue": true,
                        "lastReview": {"id": 4, "decision": "approved", "comment": "", "reviewedBy": "lee",
                                       "reviewedAt": "2026-11-02T10:00:00Z", "rubricVersion": 1},"""))));
        // The scorecard titles flipped checks and tasks in the language asked for (the recorded title where the rubric no
        // longer has the check); a granted waiver names its check by id only.
        String changes = """
                {"product": "payments-api", "since": "2026-11-02T10:00:00Z", "checksRecorded": true,
                 "checks": [
                   {"check": "alert-review", "title": "Alerts are reviewed regularly and pruned", "pillar": "observability", "from": "pass", "to": "fail"},
                   {"check": "retired-check", "title": "A check since removed", "pillar": "observability", "from": "fail", "to": "pass"}],
                 "tasksOpened": [{"id": 319, "check": "alerts-actionable", "title": "Most alerts need a human action",
                                  "priority": "P1", "status": "open", "at": "2026-11-20T09:00:00Z"}],
                 "tasksClosed": [{"id": 400, "check": "retired-check", "title": "A check since removed",
                                  "priority": "P2", "status": "done", "at": "2026-11-21T09:00:00Z"}],
                 "waiversGranted": [
                   {"id": 7, "product": "payments-api", "check": "game-day", "reason": "Drill planned", "status": "approved",
                    "requestedBy": "dana", "requestedAt": "2026-11-03T09:00:00Z", "expiresAt": "2027-02-01T00:00:00Z",
                    "decidedBy": "lee", "decidedAt": "2026-11-04T09:00:00Z", "comment": null},
                   {"id": 8, "product": "payments-api", "check": "retired-check", "reason": "Gone", "status": "approved",
                    "requestedBy": "dana", "requestedAt": "2026-11-03T09:00:00Z", "expiresAt": "2027-02-01T00:00:00Z",
                    "decidedBy": "lee", "decidedAt": "2026-11-04T09:00:00Z", "comment": null}],
                 "phases": []}""";
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards/payments-api/changes"))
                .willReturn(Stubs.okJson(changes)));
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards/payments-api/changes"))
                .withHeader("Accept-Language", matching("ja.*")).willReturn(Stubs.okJson(Stubs.inJapanese(changes))));
        browser.client().addRequestHeader("Accept-Language", "ja");
        HtmlPage page = browser.page("/products/payments-api/review");
        assertThat(page.getDocumentElement().getAttribute("lang")).isEqualTo("ja");
        String since = page.querySelector("section[aria-labelledby=since]").asNormalizedText();
        assertThat(since).contains("アラートを定期的に見直し、整理している", "ページの 70% 以上が人の対応を必要としている")
                .doesNotContain("Alerts are reviewed regularly and pruned", "Most alerts need a human action");
        // Where the rubric does not know the check, the recorded title stays: once flipped, once as a closed task.
        assertThat(since.split("A check since removed", -1)).hasSize(3);
        // A granted waiver names its check by the rubric's title, linked to the check on the product page; by its id
        // where the rubric no longer has it.
        assertThat(page.querySelectorAll("section[aria-labelledby=since] li a").stream().map(DomNode::asNormalizedText)
                .toList()).containsExactly("障害対応の訓練 (ゲームデイやドリル) をしている", "retired-check");
        assertThat(((DomElement) page.querySelector("section[aria-labelledby=since] li a")).getAttribute("href"))
                .isEqualTo("/products/payments-api#check-game-day");
        // Where it stands today: the required checks not met, titled in Japanese too.
        assertThat(page.querySelector("section[aria-labelledby=standing] h2").asNormalizedText()).isEqualTo("現在の状況");
        assertThat(page.querySelector("#not-met-alert-review a").asNormalizedText()).isEqualTo("アラートを定期的に見直し、整理している");
        assertThat(page.querySelector("#not-met-alert-review .status").asNormalizedText()).contains("根拠なし");
    }

    @Test
    void aCheckPagesRulesInJapanese() {
        browser.client().addRequestHeader("Accept-Language", "ja");
        HtmlPage page = browser.page("/rubric/checks/slo-compliance");
        assertThat(page.querySelectorAll("table.per-rule thead th").stream().map(DomNode::asNormalizedText).toList())
                .containsExactly("フェーズ", "ティア 1", "タグ pci・payments", "その他のプロダクト");
        assertThat(page.querySelectorAll("ul.evidence-rule li").stream().map(DomNode::asNormalizedText).toList())
                .containsExactly("シグナル slo.error_budget_remaining が 0.1 以上（2 日以内に観測されたもの）",
                        "シグナル slo.error_budget_remaining が 0 以上（2 日以内に観測されたもの）");
        assertThat(browser.page("/rubric/checks/postmortems").querySelector("ul.evidence-rule li").asNormalizedText())
                .isEqualTo("チームによる証明: 実施した日から 180 日間有効です。");
    }

    @Test
    void aCheckPageShowsEachProductsReasonBesideItsStatusInTheLanguageTheScorecardWroteIt() throws IOException {
        // The scorecard's answer with check=: each product's status and reason for that check (one it has no
        // Japanese reading of stays English).
        ObjectNode summaries = (ObjectNode) new ObjectMapper().readTree(Stubs.read("summaries-payments.json"));
        String[][] results = { { "fail", "slo.overspent_without_action は 2。≤ 0 が必要です" },
            { "pass", "slo.overspent_without_action は 0（≤ 0）" }, { "fail", "slo.overspent_without_action is 'a; b'" } };
        for (int i = 0; i < results.length; i++) {
            ((ObjectNode) summaries.get("items").get(i)).put("checkStatus", results[i][0]).put("checkReason", results[i][1]);
        }
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/scorecards")).withQueryParam("check", equalTo("slo-compliance"))
                .willReturn(Stubs.okJson(summaries.toString())));
        browser.client().addRequestHeader("Accept-Language", "ja");

        HtmlPage page = browser.page("/rubric/checks/slo-compliance");
        List<String> reasons = page.querySelectorAll("#mine ~ table td[data-label=状態] div").stream()
                .map(reason -> ((DomElement) reason).getAttribute("lang") + ": " + reason.asNormalizedText()).toList();
        assertThat(reasons).containsExactlyInAnyOrder("ja: slo.overspent_without_action は 2。≤ 0 が必要です",
                "ja: slo.overspent_without_action は 0（≤ 0）", "en: slo.overspent_without_action is 'a; b'");
    }

    @Test
    void pillarTilesAreShortJapaneseLabelsInJapaneseAndUnchangedInEnglish() {
        browser.client().addRequestHeader("Accept-Language", "en");
        assertThat(marks(browser.page("/products"))).containsExactly("Obs", "Inc", "Rel", "Secu", "Res");
        assertThat(heatLabels(browser.page("/teams/payments"))).containsExactly("Obs", "Inc", "Rel", "Secu", "Res");
        // The rubric's short title where it gives one (security: "Secu", "安全性"), else the portal's label for a
        // default pillar. In Japanese the rubric's pillar titles are Japanese (オブザーバビリティ, インシデント対応, …):
        // the tiles are short labels, not their first letters, and the full title stays in the tooltip.
        browser.client().addRequestHeader("Accept-Language", "ja");
        HtmlPage products = browser.page("/products");
        assertThat(marks(products)).containsExactly("観測", "障害", "変更", "安全性", "耐性");
        HtmlPage team = browser.page("/teams/payments");
        assertThat(heatLabels(team)).containsExactly("観測", "障害", "変更", "安全性", "耐性");
        assertThat(team.querySelectorAll("table.heat thead abbr").stream().map(DomNode::asNormalizedText).toList())
                .containsExactly("観測", "障害", "変更", "安全性", "耐性");
        assertThat(((DomElement) team.querySelector("table.heat thead abbr")).getAttribute("title"))
                .isEqualTo("オブザーバビリティ");
        assertThat(browser.page("/").querySelectorAll("table.heat thead abbr").stream().map(DomNode::asNormalizedText)
                .toList()).containsExactly("観測", "障害", "変更", "安全性", "耐性");
    }

    /** The marks of the first product of the product list, without the words for screen readers. */
    private static List<String> marks(HtmlPage page) {
        return page.querySelectorAll("tbody tr:first-child .pmark").stream()
                .map(mark -> mark.getFirstChild().getNodeValue()).toList();
    }

    /** The tiles' labels of the first product of a heatmap (on a phone, each pillar a tile named by its label). */
    private static List<String> heatLabels(HtmlPage page) {
        return page.querySelectorAll("table.heat tbody tr:first-child td.cell").stream()
                .map(cell -> ((DomElement) cell).getAttribute("data-label")).toList();
    }

    /** {@code GET /api/tasks/{id}} answering the recorded task 319, changed by {@code edit}, under the given id. */
    private static void stubTask(long id, UnaryOperator<ObjectNode> edit) throws IOException {
        JsonNode tasks = new ObjectMapper().readTree(Stubs.read("tasks-payments-api.json"));
        ObjectNode task = null;
        for (JsonNode t : tasks.get("items")) {
            if (t.get("id").asLong() == 319) {
                task = (ObjectNode) t.deepCopy();
            }
        }
        ObjectNode answer = edit.apply(task).put("id", id);
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/tasks/" + id))
                .willReturn(Stubs.okJson(answer.toString()).withHeader("ETag", "\"t1\"")));
        // In Japanese the service titles it by its check's Japanese title.
        ServiceStubs.scorecard().stubFor(get(urlPathEqualTo("/api/tasks/" + id)).withHeader("Accept-Language", matching("ja.*"))
                .willReturn(Stubs.okJson(Stubs.inJapanese(answer.toString())).withHeader("ETag", "\"t1\"")));
    }
}
