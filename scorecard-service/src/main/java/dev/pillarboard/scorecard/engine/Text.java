package dev.pillarboard.scorecard.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A text of the rubric in one or more languages: English always, others where the rubric gives them.
 * A language without its own version reads the English one ({@link #in(String)}), text by text, so a
 * rubric can be translated one check at a time.
 *
 * <p>In the YAML a text is either a plain string (English) or a mapping of language tags to strings
 * ({@code {en: ..., ja: ...}}, {@code en} required).
 *
 * @param versions language tag (lower case, e.g. {@code en}, {@code ja}) to the text; {@code en} first
 */
public record Text(Map<String, String> versions) {

    /** The language every text has. */
    public static final String ENGLISH = "en";

    /** Japanese, the language the engine's own texts (how to connect, reasons) are also written in. */
    public static final String JAPANESE = "ja";

    /** Copies the map with English first; requires an English version. */
    public Text {
        Objects.requireNonNull(versions, "versions");
        String english = versions.get(ENGLISH);
        if (english == null) {
            throw new IllegalArgumentException("a text needs an English version");
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put(ENGLISH, english);
        versions.forEach((language, text) -> ordered.putIfAbsent(Objects.requireNonNull(language, "language"),
                Objects.requireNonNull(text, "text of " + language)));
        versions = Collections.unmodifiableMap(ordered);
    }

    /** An English-only text (an empty one for null). */
    public static Text of(String english) {
        return new Text(Map.of(ENGLISH, english == null ? "" : english));
    }

    /** The English version. */
    public String en() {
        return versions.get(ENGLISH);
    }

    /** The version in a language, or the English one if the text has none in that language (or the language is null). */
    public String in(String language) {
        String text = language == null ? null : versions.get(language);
        return text == null ? en() : text;
    }

    /** Whether the text has its own version in that language. */
    public boolean has(String language) {
        return versions.containsKey(language);
    }

    /** The languages it is written in, English first. */
    public Set<String> languages() {
        return versions.keySet();
    }

    /** Whether the English version is empty. */
    public boolean isEmpty() {
        return en().isEmpty();
    }

    /** The English version, so that a text reads naturally in messages and logs. */
    @Override
    public String toString() {
        return en();
    }
}
