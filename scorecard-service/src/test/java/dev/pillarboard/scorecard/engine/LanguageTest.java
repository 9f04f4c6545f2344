package dev.pillarboard.scorecard.engine;

import static dev.pillarboard.scorecard.engine.TestRubrics.featuresRubric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Texts per language: English required, others optional, and a missing translation falls back to English per text. */
class LanguageTest {

    @Test
    void aTextFallsBackToEnglishWhenItHasNoVersionInTheLanguage() {
        Text text = new Text(Map.of("ja", "ゲート", "en", "Gate"));

        assertThat(text.in("ja")).isEqualTo("ゲート");
        assertThat(text.in("de")).isEqualTo("Gate");
        assertThat(text.in(null)).isEqualTo("Gate");
        assertThat(text.languages()).containsExactly("en", "ja");
        assertThatThrownBy(() -> new Text(Map.of("ja", "ゲート"))).hasMessageContaining("English");
    }

    @Test
    void theViewIsInOneLanguageTextByText() {
        RubricView ja = featuresRubric().view("ja");
        RubricView en = featuresRubric().view("en");

        assertThat(ja.title()).isEqualTo("機能テスト用ルーブリック");
        assertThat(ja.phases()).extracting(RubricView.EntryView::title).containsExactly("ローンチ前", "Pre-PMF", "PMF");
        assertThat(ja.pillars().get(0).description()).isEqualTo("基本のプラクティス。");
        RubricView.CheckView gated = ja.checks().get(0);
        assertThat(gated.title()).isEqualTo("ゲート付きロールアウト");
        assertThat(gated.fix()).isEqualTo("ロールアウトをヘルスチェックでゲートしてください。");
        assertThat(ja.checks().get(1).title()).as("not translated").isEqualTo("Pages are actionable");
        assertThat(en.checks().get(0).title()).isEqualTo("Gated rollouts");
        assertThat(ja.languages()).containsExactly("en", "ja");
        assertThat(ja.signals().get(0)).containsEntry("means", "ヘルスゲートを通った本番デプロイの割合")
                .containsEntry("source", "deploy-bot");
        assertThat(ja.graceDays()).isEqualTo(30);
        assertThat(ja.nextPhasePriority()).isEqualTo("P3");
    }

    @Test
    void anEnglishOnlyRubricOffersEnglish() {
        assertThat(TestRubrics.engineTestRubric().languages()).containsExactly("en");
        assertThat(TestRubrics.engineTestRubric().view("ja").checks().get(0).title()).isEqualTo("Availability alert");
    }
}
