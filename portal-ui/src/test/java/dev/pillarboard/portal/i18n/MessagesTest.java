package dev.pillarboard.portal.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every text of every bundle exists in Japanese as well, with the same parameters, and none is empty. */
class MessagesTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z][A-Za-z0-9]*)\\}");

    @ParameterizedTest
    @ValueSource(strings = { "msg", "product", "rubric" })
    void japaneseHasEveryKeyAndParameterOfEnglish(String bundle) throws IOException {
        Properties en = load(bundle + "_en.properties");
        Properties ja = load(bundle + "_ja.properties");
        assertThat(ja.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            assertThat(ja.getProperty(key)).as(key).isNotBlank();
            assertThat(parameters(ja.getProperty(key))).as(key).isEqualTo(parameters(en.getProperty(key)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "msg", "product", "rubric" })
    void japaneseIsWrittenInJapanese(String bundle) throws IOException {
        Properties ja = load(bundle + "_ja.properties");
        long japanese = ja.stringPropertyNames().stream()
                .filter(key -> ja.getProperty(key).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .count();
        // A few values are the same in both (PMF, P1 counts); nearly all must be Japanese.
        assertThat(japanese).isGreaterThan(ja.size() * 9L / 10);
    }

    private static Set<String> parameters(String text) {
        Set<String> names = new java.util.TreeSet<>();
        Matcher m = PARAMETER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/messages/" + file)) {
            assertThat(in).as(file).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
