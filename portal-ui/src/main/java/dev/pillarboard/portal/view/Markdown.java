package dev.pillarboard.portal.view;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/**
 * The rubric's texts (why a check matters, how to fix it) are Markdown. This renders the small part of Markdown they
 * use — paragraphs, bullet and numbered lists, {@code code}, code blocks between ``` fences (the example request of
 * a signal to connect), **bold**, *emphasis* and [links](https://…) — after
 * escaping every character of the text, so nothing in a rubric can inject markup; links are http(s) only and open
 * as plain links.
 */
@TemplateExtension
public final class Markdown {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\((https?://[^\\s)]+)\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    /** The end of a sentence: a full stop (or 。) followed by a space or the end, not inside "e.g." or a version. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!e\\.g|i\\.e|etc|vs)[.!?](?=\\s|$)|。");
    private static final Pattern EM = Pattern.compile("(?<![*\\w])\\*([^*\\s][^*]*)\\*(?![*\\w])");

    private Markdown() {
    }

    /** Rubric texts repeat on every page: each is rendered once (bounded, so a published rubric never fills it up). */
    private static final int CACHE_LIMIT = 4096;
    private static final java.util.Map<String, String> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<String, String> SENTENCES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The text as safe HTML. */
    static RawString markdown(String text) {
        return new RawString(cached(RENDERED, text, Markdown::render));
    }

    private static String cached(java.util.Map<String, String> cache, String text,
            java.util.function.Function<String, String> render) {
        if (text == null) {
            return "";
        }
        String html = cache.get(text);
        if (html == null) {
            html = render.apply(text);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(text, html);
        }
        return html;
    }

    /** The first paragraph only (for short lists), as safe HTML. */
    static RawString firstParagraph(String text) {
        if (text == null) {
            return new RawString("");
        }
        String first = text.strip().split("\\n\\s*\\n", 2)[0];
        return new RawString(inline(escape(first.replace('\n', ' '))));
    }

    /** The first sentence of the first paragraph, as safe HTML: the one-line version of a fix. */
    static RawString firstSentence(String text) {
        return new RawString(cached(SENTENCES, text, Markdown::sentence));
    }

    private static String sentence(String text) {
        String first = text.strip().split("\\n\\s*\\n", 2)[0].replace('\n', ' ');
        java.util.regex.Matcher end = SENTENCE_END.matcher(first);
        if (end.find()) {
            first = first.substring(0, end.end()).strip();
        }
        return inline(escape(first));
    }

    static String render(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        String list = null;
        StringBuilder paragraph = new StringBuilder();
        StringBuilder code = null;
        for (String raw : text.strip().split("\\n")) {
            String line = raw.strip();
            // A fenced code block: its lines as they are (escaped), until the closing fence or the end of the text.
            if (line.startsWith("```")) {
                if (code == null) {
                    flush(html, paragraph);
                    if (list != null) {
                        html.append("</").append(list).append('>');
                        list = null;
                    }
                    code = new StringBuilder();
                } else {
                    codeBlock(html, code);
                    code = null;
                }
                continue;
            }
            if (code != null) {
                code.append(code.isEmpty() ? "" : "\n").append(raw.stripTrailing());
                continue;
            }
            String item = null;
            String kind = null;
            if (line.startsWith("- ") || line.startsWith("* ")) {
                item = line.substring(2);
                kind = "ul";
            } else if (line.matches("\\d+[.)] .*")) {
                item = line.substring(line.indexOf(' ') + 1);
                kind = "ol";
            }
            if (item != null) {
                flush(html, paragraph);
                if (!kind.equals(list)) {
                    if (list != null) {
                        html.append("</").append(list).append('>');
                    }
                    html.append('<').append(kind).append('>');
                    list = kind;
                }
                html.append("<li>").append(inline(escape(item))).append("</li>");
            } else if (line.isEmpty()) {
                flush(html, paragraph);
                if (list != null) {
                    html.append("</").append(list).append('>');
                    list = null;
                }
            } else if (list != null && raw.startsWith("  ")) {
                // A continuation of the last list item.
                int end = html.lastIndexOf("</li>");
                html.insert(end, " " + inline(escape(line)));
            } else {
                if (list != null) {
                    html.append("</").append(list).append('>');
                    list = null;
                }
                if (!paragraph.isEmpty()) {
                    paragraph.append(' ');
                }
                paragraph.append(line);
            }
        }
        flush(html, paragraph);
        if (list != null) {
            html.append("</").append(list).append('>');
        }
        if (code != null) {
            codeBlock(html, code);
        }
        return html.toString();
    }

    /** A fenced block's lines as they were written, escaped. */
    private static void codeBlock(StringBuilder html, StringBuilder code) {
        html.append("<pre><code>").append(escape(code.toString())).append("</code></pre>");
    }

    private static void flush(StringBuilder html, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            html.append("<p>").append(inline(escape(paragraph.toString()))).append("</p>");
            paragraph.setLength(0);
        }
    }

    /** Inline marks on already escaped text. */
    static String inline(String escaped) {
        String out = replace(CODE, escaped, m -> "<code>" + m.group(1) + "</code>");
        out = replace(LINK, out, m -> "<a href=\"" + m.group(2) + "\" rel=\"noopener noreferrer\">" + m.group(1) + "</a>");
        out = replace(BOLD, out, m -> "<strong>" + m.group(1) + "</strong>");
        return replace(EM, out, m -> "<em>" + m.group(1) + "</em>");
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
