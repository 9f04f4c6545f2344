package dev.pillarboard.portal.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the catalog's Backstage import skipped or rejected a document (or what it adjusted), as a page in Japanese shows
 * it. A reason is either one sentence about the document ("kind API is not imported: …") or problems joined by "; ",
 * each naming the descriptor's field ({@code metadata.name: 'Bad_Name' must be 2-63 characters …}): the field stays as
 * the descriptor writes it, its value too, the rest is read in Japanese — through the same readings as the forms'
 * messages ({@link ServiceText}) where the import checks a field by the catalog's own rules. A reason with a part it
 * does not know stays English, whole.
 */
public final class ImportReasons {

    /** A problem's field, as the descriptor writes it: {@code metadata.annotations.pillarboard.dev/tier}, {@code metadata.links[0].url}. */
    private static final Pattern PROBLEM = Pattern.compile("([A-Za-z][A-Za-z0-9_.\\[\\]/-]*): (.+)", Pattern.DOTALL);
    /** A field's message that quotes the value the catalog's rule refused first. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)' (.+)", Pattern.DOTALL);

    /** Sentences about a whole document. */
    private static final Readings WHOLE = new Readings();
    /** What the import says about one field (after its name). */
    private static final Readings FIELD = new Readings();

    private static void whole(String english, Function<Matcher, String> japanese) {
        WHOLE.add(english, japanese);
    }

    private static void field(String english, Function<Matcher, String> japanese) {
        FIELD.add(english, japanese);
    }

    static {
        whole("empty document", m -> "空のドキュメントです");
        whole("not a Backstage entity: the document is not a YAML mapping",
                m -> "Backstage のエンティティではありません。ドキュメントが YAML のマッピングではありません");
        whole("kind: missing; not a Backstage entity", m -> "kind：ありません。Backstage のエンティティではありません");
        whole("kind (\\S+) is not imported: Pillarboard imports Group \\(as a team\\), Component and System \\(as products\\)",
                m -> "kind " + m.group(1) + " はインポートしません。Pillarboard がインポートするのは Group（チームとして）、Component と"
                        + " System（プロダクトとして）です");
        whole("no phase: set the annotation (\\S+) or spec.lifecycle",
                m -> "フェーズがありません。アノテーション " + m.group(1) + " か spec.lifecycle を設定してください");
        whole("spec.lifecycle '(.*)' has no Pillarboard phase; set the annotation (\\S+) or map it with (\\S+)",
                m -> "spec.lifecycle「" + m.group(1) + "」に対応する Pillarboard のフェーズがありません。アノテーション " + m.group(2)
                        + " を設定するか、" + m.group(3) + " で対応づけてください");
        whole("a (team|product) '(.*)' is already defined by (\\S+) \\(line (\\d+)\\) in this import",
                m -> ("team".equals(m.group(1)) ? "チーム" : "プロダクト") + "「" + m.group(2) + "」は、このインポートの "
                        + m.group(3) + "（" + m.group(4) + " 行目）ですでに定義されています");
        whole("parent group:default/(\\S+) is neither in this import nor in the catalog: imported without a parent",
                m -> "親の group:default/" + m.group(1) + " がこのインポートにもカタログにもないため、親なしでインポートします");

        field("missing", m -> "ありません");
        field("missing; every product needs an owning team", m -> "ありません。プロダクトには担当チームが必要です");
        field("'(.*)' is not a Backstage entity version \\(backstage.io/v1alpha1\\)",
                m -> "「" + m.group(1) + "」は Backstage のエンティティのバージョン（backstage.io/v1alpha1）ではありません");
        field("'(.*)' is not a group", m -> "「" + m.group(1) + "」はグループではありません");
        field("must be text, not a (mapping|list)",
                m -> ("mapping".equals(m.group(1)) ? "マッピング" : "リスト") + "ではなくテキストにしてください");
        field("must be a mapping", m -> "マッピングにしてください");
        field("must be a list", m -> "リストにしてください");
        field("'(.*)' is a (\\S+); Pillarboard products are owned by teams \\(Backstage groups\\)",
                m -> "「" + m.group(1) + "」は " + m.group(2) + " です。Pillarboard のプロダクトを担当するのはチーム（Backstage の"
                        + "グループ）です");
        field("'(.*)' is not 1, 2 or 3", m -> "「" + m.group(1) + "」は 1、2、3 のいずれでもありません");
        field("needs a url", m -> "url が必要です");
        field("its parent (\\S+) was rejected", m -> "親の " + m.group(1) + " が却下されました");
        field("the team hierarchy would become a cycle: (.+)", m -> "チームの階層が循環します：" + m.group(1));
        field("group:default/(\\S+) is neither in this import nor in the catalog",
                m -> "group:default/" + m.group(1) + " はこのインポートにもカタログにもありません");
    }

    private ImportReasons() {
    }

    /** {@code reason} in {@code language}: in Japanese where every part of it is known, else as it is. */
    public static String in(String reason, String language) {
        if (reason == null || !"ja".equals(language)) {
            return reason;
        }
        String whole = WHOLE.read(reason);
        if (whole != null) {
            return whole;
        }
        // Problems joined by "; ", each starting with its field; a piece without one continues the problem before it.
        List<String> problems = new ArrayList<>();
        for (String piece : reason.split("; ")) {
            if (PROBLEM.matcher(piece).matches() || problems.isEmpty()) {
                problems.add(piece);
            } else {
                problems.set(problems.size() - 1, problems.get(problems.size() - 1) + "; " + piece);
            }
        }
        StringBuilder read = new StringBuilder();
        for (String problem : problems) {
            Matcher named = PROBLEM.matcher(problem);
            String japanese = named.matches() ? message(named.group(2)) : null;
            if (japanese == null) {
                return reason;
            }
            read.append(read.isEmpty() ? "" : "。").append(named.group(1)).append("：").append(japanese);
        }
        return read.toString();
    }

    /** A field's message: the import's own, else the catalog's rule (after the value it quotes), else null. */
    private static String message(String message) {
        String own = FIELD.read(message);
        if (own != null) {
            return own;
        }
        String rule = ServiceText.japanese(null, message);
        if (rule != null) {
            return rule;
        }
        Matcher quoted = QUOTED.matcher(message);
        if (!quoted.matches()) {
            return null;
        }
        String rest = quoted.group(2);
        String japanese = ServiceText.japanese(null, rest);
        if (japanese == null || rest.startsWith("'" + quoted.group(1) + "'")) {
            return japanese; // a rule that quotes the value itself ("'growth' is not a phase") says it once
        }
        return "「" + quoted.group(1) + "」は、" + japanese;
    }
}
