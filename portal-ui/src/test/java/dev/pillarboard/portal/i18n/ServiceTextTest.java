package dev.pillarboard.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The services' form messages read in Japanese: each message a form can meet, as the services write it (their source
 * builds these texts; the examples hold the values a real answer has), read whole; English pages unchanged; a message
 * with a part it does not know stays English, whole.
 */
class ServiceTextTest {

    record Case(String field, String english, String japanese) {
    }

    static List<Case> messages() {
        return List.of(
                new Case("name", "must not be blank", "入力してください"),
                new Case("tier", "must not be null", "入力してください"),
                new Case("name", "size must be between 0 and 200", "200 文字以内にしてください"),
                new Case("tags", "size must be between 0 and 20", "20 個以内にしてください"),
                new Case("tags[2]", "size must be between 1 and 63", "1〜63 文字にしてください"),
                new Case("tier", "must be greater than or equal to 1", "1 以上にしてください"),
                new Case("tier", "must be less than or equal to 3", "3 以下にしてください"),
                new Case("slug", "must be 2-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit",
                        "英小文字（a-z）、数字、「-」の 2〜63 文字で、先頭と末尾は英小文字か数字にしてください"),
                new Case("owner", "must be a team slug", "チームのスラッグ（英小文字、数字、「-」）にしてください"),
                new Case("tags[0]", "must be 1-63 characters of a-z, 0-9, ':', '+', '#', words joined by single '-'",
                        "英小文字（a-z）、数字、「:」「+」「#」の 1〜63 文字で、語は「-」ひとつでつないでください"),
                new Case("links", "link names are 1-63 characters of a-z, 0-9 and '-' (e.g. repo, runbook, dashboard, on-call, docs)",
                        "リンク名は英小文字（a-z）、数字、「-」の 1〜63 文字です（例：repo、runbook、dashboard、on-call、docs）"),
                new Case("annotations", "annotation keys are 1-255 characters of letters, digits, '.', '_', '/', '-'",
                        "アノテーションのキーは英字、数字、「.」「_」「/」「-」の 1〜255 文字です"),
                new Case("phase", "'growth' is not a phase; use one of pre-launch, pre-pmf, pmf",
                        "「growth」はフェーズではありません。次のいずれかにしてください：pre-launch, pre-pmf, pmf"),
                new Case("annotations[backstage.io/source-type]", "is reserved for the Backstage import",
                        "Backstage からのインポート専用のキーです"),
                new Case("owner", "no team 'billing' in the catalog; create it first",
                        "カタログにチーム「billing」はありません。先に作成してください"),
                new Case("slug", "cannot change (it is 'payments-api'); create a new product instead",
                        "変更できません（「payments-api」のままです）。別のスラッグが必要なら新しいプロダクトを作成してください"),
                new Case(null, "A product 'payments-api' already exists", "プロダクト「payments-api」はすでに存在します"),
                new Case("description", "must not contain control characters other than tab and line breaks",
                        "タブと改行以外の制御文字は使えません"),
                new Case("name", "must not contain control characters", "制御文字は使えません"),
                new Case("assignee", "contains the control character U+0007 at position 3", "3 文字目に制御文字 U+0007 があります"),
                new Case("links.runbook", "must be an absolute http(s) URL", "http:// か https:// で始まる絶対 URL にしてください"),
                new Case("evidenceUrl", "must be an absolute http(s) URL, e.g. https://wiki.example.com/incident-process",
                        "http:// か https:// で始まる絶対 URL にしてください（例：https://wiki.example.com/incident-process）"),
                new Case("performedAt", "contains the control character U+0000 at position 1; send an ISO date or timestamp, "
                        + "e.g. 2026-09-01 or 2026-09-01T10:00:00Z",
                        "1 文字目に制御文字 U+0000 があります。2026-09-01 や 2026-09-01T10:00:00Z のような日付か日時にしてください"),
                new Case("performedAt", "'yesterday' is not an ISO date or timestamp, e.g. 2026-09-01 or 2026-09-01T10:00:00Z",
                        "「yesterday」は日付でも日時でもありません（例：2026-09-01、2026-09-01T10:00:00Z）"),
                new Case("performedAt", "'1900-01-01' is out of range: dates and times must be between 2000-01-01 and "
                        + "2099-12-31 (UTC)", "「1900-01-01」は範囲外です。日付と日時は 2000-01-01 から 2099-12-31（UTC）までです"),
                new Case("performedAt", "is in the future; attest a practice once it has happened",
                        "未来の日時です。実践したあとで証明してください"),
                new Case("performedAt", "is before the product was created (2026-11-02T09:15:00.123456Z)",
                        "プロダクトの作成（2026-11-02）より前です"),
                new Case("performedAt", "is more than 90 days ago, the validity of game-day: the attestation would have "
                        + "lapsed already; do the practice again, then attest it",
                        "game-day の有効期間（90 日）より前です。この証明はすでに失効しています。もう一度実践してから証明してください"),
                new Case("check", "the current rubric has no check 'retired'", "現在のルーブリックにチェック「retired」はありません"),
                new Case("check", "'slo-compliance' is decided by signal evidence, not by attestation",
                        "「slo-compliance」は signal の根拠で判定されるチェックで、証明では判定されません"),
                new Case("expiresAt", "is required (or ask untilPhaseChange: true)",
                        "期限を入れるか、「プロダクトのフェーズが変わるまで」を選んでください"),
                new Case("expiresAt", "must be in the future", "未来の日付にしてください"),
                new Case("expiresAt", "may be at most 180 days ahead (until 2027-06-02); ask again when it expires",
                        "最長で 180 日先（2027-06-02）までです。期限が来たら改めて申請してください"),
                // As a scorecard before 2026-12-07 wrote it: a timestamp, of which the reading keeps the day.
                new Case("expiresAt", "may be at most 180 days ahead (until 2027-06-02T10:00:00.250513Z); ask again when it expires",
                        "最長で 180 日先（2027-06-02）までです。期限が来たら改めて申請してください"),
                new Case(null, "A waiver for game-day of payments-api is already awaiting a decision",
                        "payments-api の game-day の免除申請は、すでに判断を待っています"),
                new Case(null, "Waiver 12 for game-day of payments-api is already awaiting a decision",
                        "payments-api の game-day の免除申請は、すでに判断を待っています"),
                new Case(null, "Waiver 12 was already approved by lee at 2026-12-01T10:00:00Z",
                        "免除 12 は 2026-12-01 に lee が承認済みです"),
                new Case(null, "Waiver 12 expired on 2026-12-01T00:00:00Z before it was decided; request a new one",
                        "免除 12 は判断される前に 2026-12-01 で期限が切れました。新しく申請してください"),
                new Case(null, "Waiver 12 was asked until payments-api left pre-pmf, which it did on 2026-12-01T08:00:00Z; "
                        + "request a new one",
                        "免除 12 は payments-api が pre-pmf を抜けるまでの申請で、2026-12-01 に抜けました。新しく申請してください"),
                new Case("decision", "must be approve or reject", "承認か却下を選んでください"),
                new Case(null, "You requested waiver 12; another team lead or a platform admin decides it (four eyes)",
                        "免除 12 はあなたの申請です。ほかのチームリードかプラットフォーム管理者が判断します（4 つの目）"),
                new Case("status", "must be open or in-progress", "「未着手」か「対応中」にしてください"),
                new Case("status", "done is set by the system when the check passes", "「完了」はチェックが合格したときにシステムが付けます"),
                new Case(null, "Task 12 is done: the check passes (alerts.actionable_ratio is 0.9; needs ≥ 0.7). It reopens by "
                        + "itself if the check fails again.", "タスク 12 は完了しています。チェックは合格です（alerts.actionable_ratio is 0.9; "
                                + "needs ≥ 0.7）。チェックがまた不合格になれば、自動で再開します"),
                new Case("assignee", "must be a non-empty string of at most 200 characters, or null",
                        "200 文字以内にしてください（空欄なら担当者なし）"),
                new Case("dueDate", "must be a date between 2000-01-01 and 9999-12-31, or null",
                        "2000-01-01 から 9999-12-31 までの日付にしてください（空欄なら期日なし）"),
                new Case("dueDate", "must be an ISO date such as 2026-12-31, or null",
                        "2026-12-31 のような日付にしてください（空欄なら期日なし）"),
                new Case("decision", "must be approved or changes-requested", "「承認」か「要修正」を選んでください"),
                new Case(null, "The rubric has 7 problems; version 1 stays in force. line 1, column 1: version: unknown key",
                        "このルーブリックには問題が 7 件あります。バージョン 1 が引き続き適用されます"),
                new Case(null, "The rubric has a problem; version 3 stays in force. line 4, column 7: checks[0] (id: x) .why: "
                        + "is missing (required)", "このルーブリックには問題が 1 件あります。バージョン 3 が引き続き適用されます"),
                new Case(null, "Only members of the owning team 'payments' may attest checks of 'payments-api'; your teams "
                        + "are search", "担当チーム「payments」のメンバーだけが行えます。あなたのチーム：search"),
                new Case(null, "Only team leads of the owning team 'payments' may decide waivers of 'payments-api'; your "
                        + "teams are search", "担当チーム「payments」のチームリードだけが行えます。あなたのチーム：search"),
                new Case(null, "Only developers and team leads of the owning team, or platform admins, may request waivers",
                        "担当チームの開発者とチームリード、またはプラットフォーム管理者だけが行えます"),
                new Case(null, "Only team leads of the owning team, or platform admins, may sign off reviews",
                        "担当チームのチームリードかプラットフォーム管理者だけが行えます"),
                new Case(null, "Your roles do not allow this operation", "あなたのロールではこの操作はできません"),
                // An import's YAML.
                new Case(null, "Not valid YAML at line 5, column 1: found character '\\t(TAB)' that cannot start any token. "
                        + "(Do not use \\t(TAB) for indentation)",
                        "YAML として読めません（5 行目、1 列目）：タブ文字があります。インデントにタブは使えません（スペースにしてください）"),
                new Case("line 3", "mapping values are not allowed here",
                        "ここにはマッピングの値を書けません。インデントと「:」の位置を確かめてください"),
                new Case(null, "Not valid YAML at line 9: the line is longer than 65536 characters; fold long text over several "
                        + "lines (a block scalar, | or >)", "YAML として読めません（9 行目）：行が 65536 文字を超えています。"
                                + "長いテキストは複数行に折り返してください（ブロックスカラーの | か >）"),
                new Case("line 4", "the key 'name' appears twice in one mapping", "キー「name」が同じマッピングに 2 回あります"),
                new Case("line 2", "the character U+0007 is not allowed in YAML", "文字 U+0007 は YAML では使えません"),
                new Case("line 7", "expected <block end>, but found '<block mapping start>'",
                        "<block end> があるべきところに '<block mapping start>' があります"),
                new Case(null, "Not a Backstage descriptor at line 3: a mapping key must be text, not a list or a mapping",
                        "Backstage の記述子として読めません（3 行目）：マッピングのキーはテキストにしてください（リストやマッピングは使えません）"),
                // A YAML problem no reading knows stays English, the detail too.
                new Case(null, "Not valid YAML at line 2: something new", "Not valid YAML at line 2: something new"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsEachMessageAFormCanMeetInJapanese(Case message) {
        assertThat(ServiceText.in(message.field(), message.english(), "ja")).isEqualTo(message.japanese());
        assertThat(ServiceText.in(message.field(), message.english(), "en")).isEqualTo(message.english());
    }

    @Test
    void aMessageWithAPartItDoesNotKnowStaysEnglishWhole() {
        String mixed = "must not be blank; must rhyme with orange";
        assertThat(ServiceText.in("name", mixed, "ja")).isEqualTo(mixed);
        assertThat(ServiceText.in("name", "must rhyme with orange", "ja")).isEqualTo("must rhyme with orange");
        assertThat(ServiceText.in("name", "must not be blank (or else)", "ja")).as("whole messages only")
                .isEqualTo("must not be blank (or else)");
        assertThat(ServiceText.in("name", null, "ja")).isNull();
    }
}
