package dev.pillarboard.portal.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rubric's Markdown becomes HTML without letting any markup of the text through. */
class MarkdownTest {

    @Test
    void rendersParagraphsListsCodeEmphasisAndLinks() {
        String html = Markdown.render("""
                Add **one** alert on *errors*, see [the SRE book](https://sre.google/sre-book/).

                - push `alerts.availability_rules`
                - then check
                  the page

                1. first
                2. second""");
        assertThat(html).isEqualTo("<p>Add <strong>one</strong> alert on <em>errors</em>, see "
                + "<a href=\"https://sre.google/sre-book/\" rel=\"noopener noreferrer\">the SRE book</a>.</p>"
                + "<ul><li>push <code>alerts.availability_rules</code></li><li>then check the page</li></ul>"
                + "<ol><li>first</li><li>second</li></ol>");
    }

    @Test
    void rendersAFencedCodeBlockAsItIsWrittenAndEscaped() {
        String html = Markdown.render("""
                Once connected, the automation sends:

                ```
                POST /api/signals
                [{"product": "<p>", "value": 0.08},
                 {"product": "<p>", "value": 1}]
                ```
                Then it reads `ok`.""");
        assertThat(html).isEqualTo("<p>Once connected, the automation sends:</p>"
                + "<pre><code>POST /api/signals\n[{&quot;product&quot;: &quot;&lt;p&gt;&quot;, &quot;value&quot;: 0.08},\n"
                + " {&quot;product&quot;: &quot;&lt;p&gt;&quot;, &quot;value&quot;: 1}]</code></pre>"
                + "<p>Then it reads <code>ok</code>.</p>");
        // A fence left open runs to the end of the text, still escaped.
        assertThat(Markdown.render("```\n<b>x</b>")).isEqualTo("<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>");
    }

    @Test
    void escapesEverythingAndLinksOnlyToHttp() {
        String html = Markdown.render("<script>alert('x')</script> [x](javascript:alert(1)) <img src=x onerror=y> & \"q\"");
        assertThat(html).doesNotContain("<script", "<img", "href=\"javascript").contains("&lt;script&gt;", "&amp;", "&quot;q&quot;");
    }

    @Test
    void firstSentenceStopsAtTheEndOfTheFirstSentence() {
        assertThat(Markdown.firstSentence("Ship logs, e.g. to Loki. Then link them.\n\nMore.").toString())
                .isEqualTo("Ship logs, e.g. to Loki.");
        assertThat(Markdown.firstSentence("ログを送ります。次にリンクします。").toString()).isEqualTo("ログを送ります。");
    }
}
