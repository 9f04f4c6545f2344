package dev.pillarboard.scorecard.rest;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.scorecard.engine.Text;

/**
 * The language of the rubric's texts in an answer: the best match of the caller's whole {@code Accept-Language}
 * list (by weight, a regional range such as {@code ja-JP} matching {@code ja}) among the languages the rubric is
 * written in, else English. A text without a version in that language reads English, text by text.
 */
final class Languages {

    private Languages() {
    }

    /** The language to answer in; English for a missing or malformed header, {@code *}, or no match. */
    static String negotiate(String acceptLanguage, Collection<String> offered) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Text.ENGLISH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return Text.ENGLISH;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0) {
                continue;
            }
            String candidate = range.getRange().toLowerCase(Locale.ROOT);
            if (candidate.equals("*")) {
                return Text.ENGLISH;
            }
            while (true) {
                if (offered.contains(candidate)) {
                    return candidate;
                }
                int dash = candidate.lastIndexOf('-');
                if (dash < 0) {
                    break;
                }
                candidate = candidate.substring(0, dash);
            }
        }
        return Text.ENGLISH;
    }

    /**
     * A 200 answer in the language negotiated among {@code offered}: the entity made in that language,
     * {@code Content-Language} saying which, {@code Vary} that it depends on the request.
     */
    static <T> RestResponse<T> answer(String acceptLanguage, Collection<String> offered, Function<String, T> entityIn) {
        String language = negotiate(acceptLanguage, offered);
        return RestResponse.ResponseBuilder.ok(entityIn.apply(language)).header("Content-Language", language)
                .header("Vary", "Accept-Language").build();
    }
}
