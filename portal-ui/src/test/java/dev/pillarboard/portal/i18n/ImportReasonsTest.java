package dev.pillarboard.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The import's reasons read in Japanese: every sentence the catalog's Backstage import writes about a document, and
 * its field problems (the import's own and the catalog's rules, a quoted value kept), joined as the catalog joins them.
 */
class ImportReasonsTest {

    record Case(String english, String japanese) {
    }

    static List<Case> reasons() {
        return List.of(
                new Case("empty document", "空のドキュメントです"),
                new Case("not a Backstage entity: the document is not a YAML mapping",
                        "Backstage のエンティティではありません。ドキュメントが YAML のマッピングではありません"),
                new Case("kind: missing; not a Backstage entity", "kind：ありません。Backstage のエンティティではありません"),
                new Case("metadata.name: missing", "metadata.name：ありません"),
                new Case("apiVersion: 'null' is not a Backstage entity version (backstage.io/v1alpha1)",
                        "apiVersion：「null」は Backstage のエンティティのバージョン（backstage.io/v1alpha1）ではありません"),
                new Case("kind API is not imported: Pillarboard imports Group (as a team), Component and System (as products)",
                        "kind API はインポートしません。Pillarboard がインポートするのは Group（チームとして）、Component と System"
                                + "（プロダクトとして）です"),
                new Case("no phase: set the annotation pillarboard.dev/phase or spec.lifecycle",
                        "フェーズがありません。アノテーション pillarboard.dev/phase か spec.lifecycle を設定してください"),
                new Case("spec.lifecycle 'deprecated' has no Pillarboard phase; set the annotation pillarboard.dev/phase or map it "
                        + "with pillarboard.catalog.import.lifecycle.deprecated=<phase>",
                        "spec.lifecycle「deprecated」に対応する Pillarboard のフェーズがありません。アノテーション pillarboard.dev/phase "
                                + "を設定するか、pillarboard.catalog.import.lifecycle.deprecated=<phase> で対応づけてください"),
                new Case("a product 'ledger' is already defined by component:default/ledger (line 12) in this import",
                        "プロダクト「ledger」は、このインポートの component:default/ledger（12 行目）ですでに定義されています"),
                new Case("parent group:default/infra is neither in this import nor in the catalog: imported without a parent",
                        "親の group:default/infra がこのインポートにもカタログにもないため、親なしでインポートします"),
                new Case("spec.owner: group:default/billing is neither in this import nor in the catalog",
                        "spec.owner：group:default/billing はこのインポートにもカタログにもありません"),
                new Case("spec.parent: its parent group:default/infra was rejected", "spec.parent：親の group:default/infra が却下されました"),
                new Case("spec.parent: the team hierarchy would become a cycle: a -> b -> a",
                        "spec.parent：チームの階層が循環します：a -> b -> a"),
                new Case("spec.owner: missing; every product needs an owning team",
                        "spec.owner：ありません。プロダクトには担当チームが必要です"),
                new Case("metadata.annotations.pillarboard.dev/tier: 'gold' is not 1, 2 or 3",
                        "metadata.annotations.pillarboard.dev/tier：「gold」は 1、2、3 のいずれでもありません"),
                new Case("metadata.links[0]: needs a url", "metadata.links[0]：url が必要です"),
                new Case("metadata.annotations: must be a mapping", "metadata.annotations：マッピングにしてください"),
                // Several problems of one document, as the catalog joins them; the catalog's own rules for a field.
                new Case("metadata.name: 'invalid component' must be 2-63 characters of a-z, 0-9 and '-', starting and ending with"
                        + " a letter or digit; metadata.tags[1]: must be text, not a list; spec.owner: 'user:default/dana' is a "
                        + "user; Pillarboard products are owned by teams (Backstage groups)",
                        "metadata.name：「invalid component」は、英小文字（a-z）、数字、「-」の 2〜63 文字で、先頭と末尾は英小文字か数字にしてください。"
                                + "metadata.tags[1]：リストではなくテキストにしてください。spec.owner：「user:default/dana」は user です。"
                                + "Pillarboard のプロダクトを担当するのはチーム（Backstage のグループ）です"),
                new Case("metadata.title: must not contain control characters", "metadata.title：制御文字は使えません"),
                new Case("metadata.annotations.pillarboard.dev/phase: 'growth' is not a phase; use one of pre-launch, pre-pmf, pmf",
                        "metadata.annotations.pillarboard.dev/phase：「growth」はフェーズではありません。次のいずれかにしてください："
                                + "pre-launch, pre-pmf, pmf"),
                new Case("metadata.links[1].url: 'ftp://x' must be an absolute http(s) URL",
                        "metadata.links[1].url：「ftp://x」は、http:// か https:// で始まる絶対 URL にしてください"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    void readsEveryReasonTheImportWritesInJapanese(Case reason) {
        assertThat(ImportReasons.in(reason.english(), "ja")).isEqualTo(reason.japanese());
        assertThat(ImportReasons.in(reason.english(), "en")).isEqualTo(reason.english());
    }

    @Test
    void aReasonWithAPartItDoesNotKnowStaysEnglishWhole() {
        String mixed = "metadata.name: missing; spec.type: must rhyme with orange";
        assertThat(ImportReasons.in(mixed, "ja")).isEqualTo(mixed);
        assertThat(ImportReasons.in("something new happened", "ja")).isEqualTo("something new happened");
        assertThat(ImportReasons.in(null, "ja")).isNull();
    }
}
