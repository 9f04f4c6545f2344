package dev.pillarboard.portal.i18n;

import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' messages about a form (a field's violation, a refusal's detail) as a page in Japanese shows them. The
 * services answer in English; this reads the messages their forms can meet — the catalog's product rules, attestations,
 * waivers and their decisions, tasks, reviews, who may do what — in Japanese, values kept as they are. A message made
 * of parts joined by "; " is read part by part; one with a part it does not know stays English, whole (the page marks
 * it {@code lang="en"}), never half translated. English pages show the services' text as it is.
 */
public final class ServiceText {

    /** Fields whose size counts items rather than characters. */
    private static final Set<String> COUNTED = Set.of("tags", "links", "annotations");

    private static final Readings READINGS = new Readings();

    private static void read(String english, Function<Matcher, String> japanese) {
        READINGS.add(english, japanese);
    }

    private static void read(String english, String japanese) {
        READINGS.add(english, japanese);
    }

    static {
        // Bean Validation's own messages, as the services' request records produce them.
        read("must not be blank", "入力してください");
        read("must not be null", "入力してください");
        read("must be greater than or equal to (\\d+)", m -> m.group(1) + " 以上にしてください");
        read("must be less than or equal to (\\d+)", m -> m.group(1) + " 以下にしてください");
        // The catalog's rules for a product.
        read("must be 2-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit",
                "英小文字（a-z）、数字、「-」の 2〜63 文字で、先頭と末尾は英小文字か数字にしてください");
        read("must be a team slug", "チームのスラッグ（英小文字、数字、「-」）にしてください");
        read("must be 1-63 characters of a-z, 0-9, ':', '+', '#', words joined by single '-'",
                "英小文字（a-z）、数字、「:」「+」「#」の 1〜63 文字で、語は「-」ひとつでつないでください");
        read("link names are 1-63 characters of a-z, 0-9 and '-' (e.g. repo, runbook, dashboard, on-call, docs)",
                "リンク名は英小文字（a-z）、数字、「-」の 1〜63 文字です（例：repo、runbook、dashboard、on-call、docs）");
        read("annotation keys are 1-255 characters of letters, digits, '.', '_', '/', '-'",
                "アノテーションのキーは英字、数字、「.」「_」「/」「-」の 1〜255 文字です");
        read("'(.*)' is not a phase; use one of (.+)", m -> "「" + m.group(1) + "」はフェーズではありません。次のいずれかにしてください："
                + m.group(2));
        read("unknown phase", "不明なフェーズです");
        read("is reserved for the Backstage import", "Backstage からのインポート専用のキーです");
        read("no team '(.*)' in the catalog; create it first", m -> "カタログにチーム「" + m.group(1) + "」はありません。先に作成してください");
        read("cannot change \\(it is '(.*)'\\); create a new product instead",
                m -> "変更できません（「" + m.group(1) + "」のままです）。別のスラッグが必要なら新しいプロダクトを作成してください");
        read("A (product|team) '(.*)' already exists",
                m -> ("product".equals(m.group(1)) ? "プロダクト" : "チーム") + "「" + m.group(2) + "」はすでに存在します");
        // Text and links, in both services.
        read("must not contain control characters other than tab and line breaks", "タブと改行以外の制御文字は使えません");
        read("must not contain control characters", "制御文字は使えません");
        read("contains the control character U\\+([0-9A-F]{4,6}) at position (\\d+)",
                m -> m.group(2) + " 文字目に制御文字 U+" + m.group(1) + " があります");
        read("must be an absolute http\\(s\\) URL(?:, e\\.g\\. (\\S+))?", m -> "http:// か https:// で始まる絶対 URL にしてください"
                + (m.group(1) == null ? "" : "（例：" + m.group(1) + "）"));
        // Dates and times (an attestation's performedAt, a waiver's end).
        read("send an ISO date or timestamp, e.g. (\\S+) or (\\S+)",
                m -> m.group(1) + " や " + m.group(2) + " のような日付か日時にしてください");
        read("'(.*)' is not an ISO date or timestamp, e.g. (\\S+) or (\\S+)",
                m -> "「" + m.group(1) + "」は日付でも日時でもありません（例：" + m.group(2) + "、" + m.group(3) + "）");
        read("'(.*)' is out of range: dates and times must be between (\\S+) and (\\S+) \\(UTC\\)",
                m -> "「" + m.group(1) + "」は範囲外です。日付と日時は " + m.group(2) + " から " + m.group(3) + "（UTC）までです");
        // Attestations.
        read("is in the future; attest a practice once it has happened", "未来の日時です。実践したあとで証明してください");
        read("is before the product was created \\((\\d{4}-\\d{2}-\\d{2})\\S*\\)",
                m -> "プロダクトの作成（" + m.group(1) + "）より前です");
        read("is more than (\\d+) days ago, the validity of (\\S+): the attestation would have lapsed already; do the practice "
                + "again, then attest it", m -> m.group(2) + " の有効期間（" + m.group(1)
                        + " 日）より前です。この証明はすでに失効しています。もう一度実践してから証明してください");
        read("the current rubric has no check '(.*)'", m -> "現在のルーブリックにチェック「" + m.group(1) + "」はありません");
        read("'(.*)' is decided by (\\S+) evidence, not by attestation",
                m -> "「" + m.group(1) + "」は " + m.group(2) + " の根拠で判定されるチェックで、証明では判定されません");
        // Waivers.
        read("is required (or ask untilPhaseChange: true)", "期限を入れるか、「プロダクトのフェーズが変わるまで」を選んでください");
        read("must be in the future", "未来の日付にしてください");
        read("may be at most (\\d+) days ahead \\(until (\\d{4}-\\d{2}-\\d{2})\\S*\\); ask again when it expires",
                m -> "最長で " + m.group(1) + " 日先（" + m.group(2) + "）までです。期限が来たら改めて申請してください");
        read("(?:A waiver|Waiver \\d+) for (\\S+) of (\\S+) is already awaiting a decision",
                m -> m.group(2) + " の " + m.group(1) + " の免除申請は、すでに判断を待っています");
        read("Waiver (\\d+) was already (approved|rejected) by (\\S+) at (\\d{4}-\\d{2}-\\d{2})\\S*",
                m -> "免除 " + m.group(1) + " は " + m.group(4) + " に " + m.group(3) + " が"
                        + ("approved".equals(m.group(2)) ? "承認" : "却下") + "済みです");
        read("Waiver (\\d+) expired on (\\d{4}-\\d{2}-\\d{2})\\S* before it was decided; request a new one",
                m -> "免除 " + m.group(1) + " は判断される前に " + m.group(2) + " で期限が切れました。新しく申請してください");
        read("Waiver (\\d+) was asked until (\\S+) left (\\S+), which it did on (\\d{4}-\\d{2}-\\d{2})\\S*; request a new one",
                m -> "免除 " + m.group(1) + " は " + m.group(2) + " が " + m.group(3) + " を抜けるまでの申請で、" + m.group(4)
                        + " に抜けました。新しく申請してください");
        read("must be approve or reject", "承認か却下を選んでください");
        read("You requested waiver (\\d+); another team lead or a platform admin decides it \\(four eyes\\)",
                m -> "免除 " + m.group(1) + " はあなたの申請です。ほかのチームリードかプラットフォーム管理者が判断します（4 つの目）");
        // Tasks.
        read("must be open or in-progress", "「未着手」か「対応中」にしてください");
        read("done is set by the system when the check passes", "「完了」はチェックが合格したときにシステムが付けます");
        read("Task (\\d+) is done: the check passes \\((.*)\\)\\. It reopens by itself if the check fails again\\.",
                m -> "タスク " + m.group(1) + " は完了しています。チェックは合格です（" + m.group(2)
                        + "）。チェックがまた不合格になれば、自動で再開します");
        read("must be a non-empty string of at most 200 characters, or null", "200 文字以内にしてください（空欄なら担当者なし）");
        read("must be a date between 2000-01-01 and 9999-12-31, or null",
                "2000-01-01 から 9999-12-31 までの日付にしてください（空欄なら期日なし）");
        read("must be an ISO date such as 2026-12-31, or null", "2026-12-31 のような日付にしてください（空欄なら期日なし）");
        // Reviews.
        read("must be approved or changes-requested", "「承認」か「要修正」を選んでください");
        // A rubric refused (its problems are shown next to their lines).
        read("(?s)The rubric has (?:a problem|(\\d+) problems); version (\\d+) stays in force\\. .*",
                m -> "このルーブリックには問題が " + (m.group(1) == null ? "1" : m.group(1)) + " 件あります。バージョン "
                        + m.group(2) + " が引き続き適用されます");
        // An import's YAML as the catalog's reader refuses it: the detail names the line (and column), each violation's
        // field is the line ("line 5"), which the form puts before the message (atLine).
        read("Not valid YAML at line (\\d+)(?:, column (\\d+))?: (.+)", m -> {
            String problem = japanese(null, m.group(3));
            return problem == null ? null : "YAML として読めません（" + m.group(1) + " 行目"
                    + (m.group(2) == null ? "" : "、" + m.group(2) + " 列目") + "）：" + problem;
        });
        read("Not a Backstage descriptor at line (\\d+): (.+)", m -> {
            String problem = japanese(null, m.group(2));
            return problem == null ? null : "Backstage の記述子として読めません（" + m.group(1) + " 行目）：" + problem;
        });
        read("the line is longer than (\\d+) characters; fold long text over several lines \\(a block scalar, \\| or >\\)",
                m -> "行が " + m.group(1) + " 文字を超えています。長いテキストは複数行に折り返してください（ブロックスカラーの | か >）");
        read("the character U\\+([0-9A-F]{4,6}) is not allowed in YAML", m -> "文字 U+" + m.group(1) + " は YAML では使えません");
        read("the key '(.*)' appears twice in one mapping", m -> "キー「" + m.group(1) + "」が同じマッピングに 2 回あります");
        read("a mapping key must be text, not a list or a mapping", "マッピングのキーはテキストにしてください（リストやマッピングは使えません）");
        read("refused: the YAML uses more than (\\d+) aliases for collections \\(this looks like an alias bomb\\); expand them "
                + "in the file", m -> "受け付けられません。コレクションへのエイリアスが " + m.group(1)
                        + " 個を超えています（エイリアス爆弾のおそれ）。ファイルの中で展開してください");
        read("refused: the YAML is nested deeper than (\\d+) levels", m -> "受け付けられません。YAML の入れ子が " + m.group(1) + " 段を超えています");
        // The YAML reader's own words (SnakeYAML) for the slips a hand-edited file makes.
        read("found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)",
                "タブ文字があります。インデントにタブは使えません（スペースにしてください）");
        read("found character '(.+)' that cannot start any token", m -> "文字「" + m.group(1) + "」から YAML の要素は始められません");
        read("mapping values are not allowed here", "ここにはマッピングの値を書けません。インデントと「:」の位置を確かめてください");
        read("could not find expected ':'", "あるはずの「:」がありません");
        read("found unexpected end of stream", "途中でテキストが終わっています。引用符や括弧が閉じているか確かめてください");
        read("found undefined alias (.+)", m -> "定義されていないエイリアス " + m.group(1) + " があります");
        read("found unknown escape character (.+)", m -> "不明なエスケープ文字 " + m.group(1) + " があります");
        read("expected (.+), but (?:found|got) (.+)", m -> m.group(1) + " があるべきところに " + m.group(2) + " があります");
        // Who may do what.
        read("Only members of the owning team '(.*)' may .+; your teams are (.*)",
                m -> "担当チーム「" + m.group(1) + "」のメンバーだけが行えます。あなたのチーム：" + m.group(2));
        read("Only team leads of the owning team '(.*)' may .+; your teams are (.*)",
                m -> "担当チーム「" + m.group(1) + "」のチームリードだけが行えます。あなたのチーム：" + m.group(2));
        read("Only developers and team leads of the owning team, or platform admins, may .+",
                m -> "担当チームの開発者とチームリード、またはプラットフォーム管理者だけが行えます");
        read("Only team leads of the owning team, or platform admins, may .+",
                m -> "担当チームのチームリードかプラットフォーム管理者だけが行えます");
        read("Your roles do not allow this operation", "あなたのロールではこの操作はできません");
    }

    private ServiceText() {
    }

    /**
     * {@code message} (about {@code field}, the API's name for it, or null) in {@code language}: the services' English
     * read in Japanese where every part of it is known, else as it is.
     */
    public static String in(String field, String message, String language) {
        if (message == null || !"ja".equals(language)) {
            return message;
        }
        String whole = japanese(field, message);
        if (whole != null) {
            return whole;
        }
        String[] parts = message.split("; ");
        if (parts.length == 1) {
            return message;
        }
        StringBuilder read = new StringBuilder();
        for (String part : parts) {
            String japanese = japanese(field, part);
            if (japanese == null) {
                return message;
            }
            read.append(read.isEmpty() ? "" : "。").append(japanese);
        }
        return read.toString();
    }

    /** A message about one line of a YAML text: the line before it, as the page's language writes it. */
    public static String atLine(String line, String message, String language) {
        return "ja".equals(language) ? line + " 行目：" + message : "line " + line + ": " + message;
    }

    /** A refusal's summary when it names several fields of a form (the API's says "3 fields are invalid"). */
    public static String fieldsToFix(int fields, String language) {
        if ("ja".equals(language)) {
            return fields + " 件の入力を直してください";
        }
        return fields == 1 ? "1 field to fix" : fields + " fields to fix";
    }

    /** Whether a refusal's detail is only the API's count of its violations ("3 fields are invalid", "2 problems"). */
    public static boolean isCountOfViolations(String detail) {
        return detail != null && COUNT_OF_VIOLATIONS.matcher(detail).matches();
    }

    /** One message (or part of one) in Japanese, or null when no reading knows it. */
    static String japanese(String field, String part) {
        Matcher size = SIZE.matcher(part);
        if (size.matches()) {
            String unit = field != null && COUNTED.contains(field) ? " 個" : " 文字";
            return "0".equals(size.group(1)) ? size.group(2) + unit + "以内にしてください"
                    : size.group(1) + "〜" + size.group(2) + unit + "にしてください";
        }
        return READINGS.read(part);
    }

    private static final Pattern SIZE = Pattern.compile("size must be between (\\d+) and (\\d+)");
    private static final Pattern COUNT_OF_VIOLATIONS = Pattern.compile("\\d+ fields are invalid");
}
