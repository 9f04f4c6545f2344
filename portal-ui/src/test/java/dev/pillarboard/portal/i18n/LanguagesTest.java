package dev.pillarboard.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The language of a request: the user's choice, else the best match of the whole Accept-Language list, else English. */
class LanguagesTest {

    @ParameterizedTest(name = "cookie {0}, Accept-Language \"{1}\" → {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-  | -                          | en",
            "-  | ja                         | ja",
            "-  | ja-JP,ja;q=0.9,en;q=0.8    | ja",
            "-  | fr, ja;q=0.8               | ja",
            "-  | fr-CA, de;q=0.9            | en",
            "-  | en;q=0.2, ja;q=0.9         | ja",
            "-  | de, en-GB;q=0.7, ja;q=0.5  | en",
            "-  | *                          | en",
            "-  | ;;;garbage==               | en",
            "ja | en                         | ja",
            "en | ja                         | en",
            "xx | ja                         | ja" })
    void negotiates(String cookie, String acceptLanguage, String expected) {
        assertThat(Languages.negotiate(cookie, acceptLanguage).getLanguage()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "ja, ja", "JA, ja", "en, en", "fr, ", "'', " })
    void acceptsOnlySupportedChoices(String tag, String expected) {
        Locale locale = Languages.supported(tag);
        assertThat(locale == null ? null : locale.getLanguage()).isEqualTo(expected);
    }
}
