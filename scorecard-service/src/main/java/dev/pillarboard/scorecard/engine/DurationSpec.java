package dev.pillarboard.scorecard.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A positive duration as written in the rubric, with the text it was written as.
 *
 * <p>Accepted forms:
 * <ul>
 *   <li>ISO-8601 durations as {@link Duration#parse} reads them ({@code P30D}, {@code PT12H},
 *       {@code P1DT6H}), plus whole weeks ({@code P4W});</li>
 *   <li>a friendly form: one or more number+unit pairs with units {@code w} (weeks), {@code d} (days),
 *       {@code h} (hours), {@code m} (minutes), {@code s} (seconds), e.g. {@code 30d}, {@code 12h},
 *       {@code 4w}, {@code 1d12h}.</li>
 * </ul>
 * Months and years are refused: their length varies, so write days.
 *
 * @param duration the parsed duration, positive
 * @param text     the text as written in the rubric
 */
public record DurationSpec(Duration duration, String text) {

    private static final Pattern FRIENDLY = Pattern.compile("(?:\\d+[wdhms])+");
    private static final Pattern FRIENDLY_PART = Pattern.compile("(\\d+)([wdhms])");
    private static final Pattern ISO_WEEKS = Pattern.compile("P(\\d+)W");
    /** The longest duration a rubric may use: results must stay within the dates PostgreSQL stores. */
    public static final Duration MAX = Duration.ofDays(3650);

    /** Checks that the duration is positive. */
    public DurationSpec {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(text, "text");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a duration must be positive: " + text);
        }
    }

    /**
     * Parses a duration in one of the accepted forms.
     *
     * @throws IllegalArgumentException with a message that says which forms are accepted
     */
    public static DurationSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is required, e.g. 30d, 12h, 4w or P30D");
        }
        String trimmed = text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        try {
            Duration duration;
            if (FRIENDLY.matcher(lower).matches()) {
                duration = Duration.ZERO;
                Matcher part = FRIENDLY_PART.matcher(lower);
                while (part.find()) {
                    long amount = Long.parseLong(part.group(1));
                    duration = duration.plus(switch (part.group(2)) {
                        case "w" -> Duration.ofDays(Math.multiplyExact(amount, 7));
                        case "d" -> Duration.ofDays(amount);
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofSeconds(amount);
                    });
                }
            } else {
                Matcher weeks = ISO_WEEKS.matcher(trimmed.toUpperCase(Locale.ROOT));
                if (weeks.matches()) {
                    duration = Duration.ofDays(Math.multiplyExact(Long.parseLong(weeks.group(1)), 7));
                } else {
                    duration = Duration.parse(trimmed);
                }
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a positive duration");
            }
            if (duration.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("'" + trimmed + "' is longer than " + MAX.toDays() + "d (ten years)");
            }
            return new DurationSpec(duration, trimmed);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + trimmed
                    + "' is not a duration; write e.g. 30d, 12h, 4w, 1d12h or ISO-8601 P30D, PT12H"
                    + " (months and years are not accepted: write days)");
        }
    }

    /** The duration in words for reasons: "30 days", "1 day", "12 hours", "90 minutes". */
    public String humanize() {
        return humanize(duration);
    }

    /** A duration in words: whole days as days, else whole hours as hours, else minutes, else seconds. */
    static String humanize(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
