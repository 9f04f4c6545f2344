package dev.pillarboard.portal.view;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.pillarboard.portal.i18n.Msg;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * Display values for the templates, formatted for the page's language: dates, relative times, numbers, and the keys
 * under which labels of API values (statuses, roles, phases) are found in the message bundle.
 */
@TemplateExtension
public final class Display {

    /** Times are shown in this zone (pillarboard.portal.zone, default UTC), with the zone named. */
    private static volatile ZoneId zone = ZoneId.of("UTC");

    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_JA = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter TIME_JA = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm z", Locale.JAPANESE);

    private Display() {
    }

    /** Set once at startup from the configuration. */
    public static void showTimesIn(ZoneId zoneId) {
        zone = zoneId;
    }

    static Locale locale(Object attribute) {
        if (attribute instanceof Locale locale) {
            return locale;
        }
        return attribute == null ? Locale.ENGLISH : Locale.forLanguageTag(attribute.toString());
    }

    static boolean japanese(Object attribute) {
        return "ja".equals(locale(attribute).getLanguage());
    }

    /** Each bundle per language, looked up once (labels are asked for hundreds of times a page). */
    private static final Map<String, Object> BUNDLES = new ConcurrentHashMap<>();

    static Msg msg(Object attribute) {
        return bundle(Msg.class, attribute);
    }

    /** The message bundle {@code type} in the language of the page's locale attribute. */
    static <T> T bundle(Class<T> type, Object attribute) {
        String language = locale(attribute).getLanguage();
        return type.cast(BUNDLES.computeIfAbsent(type.getName() + ':' + language,
                key -> MessageBundles.get(type, Localized.Literal.of(language))));
    }

    /**
     * The language a service wrote a text in, for its {@code lang} attribute: {@code ja} when it holds Japanese (a
     * reason the scorecard read in Japanese), else {@code en} (a reason it has no Japanese reading for, or any text on
     * an English page), so a screen reader and the browser's fonts treat it as what it is.
     */
    static String langOf(String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch < '\u3040') { // below hiragana: Latin, punctuation, symbols (≥, ≤), read without a lookup
                    continue;
                }
                Character.UnicodeScript script = Character.UnicodeScript.of(ch);
                if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                        || script == Character.UnicodeScript.HAN) {
                    return "ja";
                }
            }
        }
        return "en";
    }

    /** A list of names as a reader writes it: "checkout, payments" / "checkout、payments". */
    static String listed(List<?> items, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return items == null ? "" : String.join(japanese(locale) ? "、" : ", ",
                items.stream().map(String::valueOf).toList());
    }

    /** "4 Dec 2026" / "2026年12月4日". */
    static String date(Instant instant, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (instant == null) {
            return "";
        }
        return (japanese(locale) ? DATE_JA : DATE_EN).format(instant.atZone(zone));
    }

    static String date(LocalDate date, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (date == null) {
            return "";
        }
        return (japanese(locale) ? DATE_JA : DATE_EN).format(date);
    }

    /** "4 Dec 2026, 15:46 UTC". */
    static String time(Instant instant, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (instant == null) {
            return "";
        }
        return (japanese(locale) ? TIME_JA : TIME_EN).format(instant.atZone(zone));
    }

    /** The ISO form, for {@code <time datetime>}. */
    static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** "just now", "5 minutes ago", "3 days ago"; older than 60 days: the date. */
    static String ago(Instant instant, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (instant == null) {
            return "";
        }
        Msg msg = msg(locale);
        Duration age = Duration.between(instant, Instant.now());
        if (age.isNegative()) {
            return msg.in_future(date(instant, locale));
        }
        long minutes = age.toMinutes();
        if (minutes < 1) {
            return msg.ago_now();
        }
        if (minutes < 60) {
            return msg.ago_minutes(Long.toString(minutes));
        }
        if (minutes < 48 * 60) {
            return msg.ago_hours(Long.toString(minutes / 60));
        }
        long days = minutes / (24 * 60);
        return days <= 60 ? msg.ago_days(Long.toString(days)) : date(instant, locale);
    }

    /** "today", "tomorrow", "in 12 days" / "今日", "明日", "12日後": how soon a time comes, in days of the shown zone. */
    static String dueIn(Instant instant, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (instant == null) {
            return "";
        }
        Msg msg = msg(locale);
        long days = daysLeft(instant);
        return days <= 0 ? msg.due_today() : days == 1 ? msg.due_tomorrow() : msg.due_in_days(num(days, locale));
    }

    /** Days from today to the day of an instant, both in the shown zone (negative when past): what "in 3 days" counts. */
    static long daysLeft(Instant instant) {
        return instant == null ? 0 : ChronoUnit.DAYS.between(LocalDate.now(zone), instant.atZone(zone).toLocalDate());
    }

    static String num(Number value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return value == null ? "" : NumberFormat.getIntegerInstance(locale(locale)).format(value);
    }

    static String num(int value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return NumberFormat.getIntegerInstance(locale(locale)).format(value);
    }

    static String num(long value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return NumberFormat.getIntegerInstance(locale(locale)).format(value);
    }

    /** A count for a sentence: the number, or "?" when the service did not say. */
    static String count(Integer value, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return value == null ? "?" : num(value.intValue(), locale);
    }

    /** A share as a whole percentage: 7 of 9 → "78%". */
    static int percentOf(Number part, Number whole) {
        if (part == null || whole == null || whole.doubleValue() <= 0) {
            return 0;
        }
        return (int) Math.round(100.0 * part.doubleValue() / whole.doubleValue());
    }

    /** The message key of an API value under a prefix: {@code key('status_')} of "n/a" is "status_n_a". */
    static String key(String value, String prefix) {
        return prefix + (value == null ? "none" : value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
    }

    /** A number clamped to 0..100, for bar widths. */
    static int clamp(Integer value) {
        return value == null ? 0 : Math.max(0, Math.min(100, value));
    }
}
