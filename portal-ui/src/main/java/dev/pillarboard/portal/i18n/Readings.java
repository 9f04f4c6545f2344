package dev.pillarboard.portal.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English texts of the services, each matched whole by a pattern, with the Japanese reading of what it matched: the
 * tables {@link ServiceText} and {@link ImportReasons} keep. The first pattern that matches reads the text.
 */
final class Readings {

    private record Reading(Pattern english, Function<Matcher, String> japanese) {
    }

    private final List<Reading> readings = new ArrayList<>();

    /** A text matching the regular expression {@code english}, read by {@code japanese} from its groups. */
    void add(String english, Function<Matcher, String> japanese) {
        readings.add(new Reading(Pattern.compile(english), japanese));
    }

    /** A text exactly {@code english}, always read {@code japanese}. */
    void add(String english, String japanese) {
        readings.add(new Reading(Pattern.compile(Pattern.quote(english)), m -> japanese));
    }

    /** {@code text} in Japanese, or null when no pattern matches it whole. */
    String read(String text) {
        for (Reading reading : readings) {
            Matcher matcher = reading.english().matcher(text);
            if (matcher.matches()) {
                return reading.japanese().apply(matcher);
            }
        }
        return null;
    }
}
