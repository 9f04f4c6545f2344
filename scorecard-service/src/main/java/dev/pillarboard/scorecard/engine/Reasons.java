package dev.pillarboard.scorecard.engine;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reasons the engine writes, read in Japanese. A reason is one line of English phrases separated by
 * {@code "; "} (and by {@code " and "} between the alternatives of an any-of catalog rule that all failed),
 * e.g. {@code slo.count is 0; needs ≥ 1; newly required in pmf: P1 from 2026-10-01}. Every phrase that
 * {@link RuleCompiler} and {@link ScoringEngine} write has its Japanese reading here, filled with the English
 * one's keys, values and names as they are, its dates, durations and phase titles as Japanese write them.
 *
 * <p>Reasons are stored as the engine wrote them (so a task's reason, and whether it changed, does not depend on
 * who looks), and read in the caller's language when an API answers. A reason with a phrase this table does not
 * know (stored by an older version, or quoting a value that holds {@code "; "}) reads English as a whole, never
 * half translated. {@code ReasonsTest} runs the engine through every branch and checks that each reason it
 * writes has a complete Japanese reading, so a phrase changed in the engine without its reading here fails it.
 */
public final class Reasons {

    /** How a captured part of a phrase reads in Japanese. */
    private enum Part {
        /** A key, a value (quoted as the engine quotes it), a name, a number or a pattern: as it is. */
        AS_IS,
        /** A duration in the engine's words ("7 days"), read "7日". */
        DURATION,
        /** An ISO date (2026-10-01), read as Japanese write it (2026年10月1日). */
        DATE,
        /** What a condition needs ("one of 'a', 'b'", "a date within the last 30 days", "≥ 1"). */
        NEED,
        /** A phase id, read as the phase's title. */
        PHASE
    }

    /**
     * A phrase: its English as a pattern (matched up to a separator or the end), the literal words it starts with
     * (compared first, so that a phrase that cannot match costs no pattern run), its Japanese with {@code {n}} for
     * the n-th captured part, and how each part reads.
     */
    private record Phrase(Pattern english, String start, String japanese, Part[] parts) {
        Phrase(String english, String japanese, Part... parts) {
            this(Pattern.compile(english + "(?=; | and |$)"), english.substring(0, literalLength(english)), japanese, parts);
        }

        private static int literalLength(String regex) {
            int length = 0;
            while (length < regex.length() && "()[]\\.*+?{}|^$".indexOf(regex.charAt(length)) < 0) {
                length++;
            }
            return length;
        }
    }

    private static final String KEY = "(\\S+)";
    private static final String VALUE = "(.+?)";
    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";
    private static final String DURATION = "(\\d+ (?:day|hour|minute|second)s?)";
    private static final String WHO = "(.+?)";
    private static final String PHASE = "(\\S+)";
    private static final String ID = "(\\S+)";

    /** Most specific first: the first phrase that matches at a position (up to a separator or the end) is taken. */
    private static final List<Phrase> PHRASES = List.of(
            new Phrase("n/a in " + PHASE, "「{1}」では対象外", Part.PHASE),
            new Phrase("not connected: no " + KEY + " \\(the sample behind " + KEY + "\\) has been pushed for this product yet",
                    "未接続: {1}（{2} の母数）はこのプロダクトについてまだ一度も送られていません"),
            new Phrase("not connected: no " + KEY + " has been pushed for this product yet",
                    "未接続: {1} はこのプロダクトについてまだ一度も送られていません"),
            new Phrase("no signal " + KEY + " newer than " + DURATION + " \\(last: " + DATE + "\\)",
                    "直近{2}以内の {1} がありません（最後は{3}）", Part.AS_IS, Part.DURATION, Part.DATE),
            new Phrase("fewer than " + VALUE + ", too few to judge " + KEY, "{1} 未満で、{2} を判断するには少なすぎます"),
            new Phrase("needs a count of at least " + VALUE, "{1} 以上の件数が必要です"),
            new Phrase("needs " + VALUE, "{1}が必要です", Part.NEED),
            new Phrase(KEY + " is missing", "{1} がありません"),
            new Phrase(KEY + " is empty", "{1} が空です"),
            new Phrase(KEY + " is " + VALUE + ", not a number", "{1} は {2} で、数値ではありません"),
            new Phrase(KEY + " is " + VALUE + ", not an ISO date or timestamp", "{1} は {2} で、ISO 形式の日付や日時ではありません"),
            new Phrase(KEY + " is " + VALUE + " \\(matches " + VALUE + "\\)", "{1} は {2}（{3} に一致）"),
            new Phrase(KEY + " is " + VALUE + " \\(within the last " + DURATION + "\\)", "{1} は {2}（直近{3}以内）",
                    Part.AS_IS, Part.AS_IS, Part.DURATION),
            new Phrase(KEY + " is " + VALUE + " \\(([≥≤] .+?)\\)", "{1} は {2}（{3}）"),
            new Phrase(KEY + " is " + VALUE, "{1} は {2}"),
            new Phrase(KEY + " has nothing matching " + VALUE, "{1} に {2} に一致するものがありません"),
            new Phrase(KEY + " has no " + VALUE, "{1} に {2} がありません"),
            new Phrase(KEY + " has " + VALUE + " \\(matches " + VALUE + "\\)", "{1} に {2} があります（{3} に一致）"),
            new Phrase(KEY + " has " + VALUE, "{1} に {2} があります"),
            new Phrase("not attested yet", "まだ宣言されていません"),
            new Phrase("attested by " + WHO + " on " + DATE + ", performed " + DATE, "{1} が{2}に宣言（実施は{3}）",
                    Part.AS_IS, Part.DATE, Part.DATE),
            new Phrase("attested by " + WHO + " on " + DATE, "{1} が{2}に宣言", Part.AS_IS, Part.DATE),
            new Phrase("valid until " + DATE, "{1}まで有効", Part.DATE),
            new Phrase("attestation by " + WHO + " lapsed on " + DATE + " \\(attested " + DATE + ", performed " + DATE
                    + ", valid " + DURATION + "\\)", "{1} の宣言は{2}に有効期限が切れました（{3}に宣言、実施は{4}、有効期間{5}）",
                    Part.AS_IS, Part.DATE, Part.DATE, Part.DATE, Part.DURATION),
            new Phrase("attestation by " + WHO + " lapsed on " + DATE + " \\(attested " + DATE + ", valid " + DURATION + "\\)",
                    "{1} の宣言は{2}に有効期限が切れました（{3}に宣言、有効期間{4}）",
                    Part.AS_IS, Part.DATE, Part.DATE, Part.DURATION),
            new Phrase("attest again", "もう一度宣言してください"),
            new Phrase("waived until " + DATE + " or until the product leaves " + PHASE + " \\(waiver " + ID
                    + ", approved by " + WHO + "\\)", "{1}まで、またはプロダクトが「{2}」を離れるまで免除（免除 {3}、{4} が承認）",
                    Part.DATE, Part.PHASE, Part.AS_IS, Part.AS_IS),
            new Phrase("waived until " + DATE + " \\(waiver " + ID + ", approved by " + WHO + "\\)",
                    "{1}まで免除（免除 {2}、{3} が承認）", Part.DATE),
            new Phrase("waiver " + ID + " expired on " + DATE, "免除 {1} は{2}に期限が切れました", Part.AS_IS, Part.DATE),
            new Phrase("waiver " + ID + " counted only while the product was in " + PHASE + " \\(it is in " + PHASE + " now\\)",
                    "免除 {1} はプロダクトが「{2}」にある間だけ有効でした（今は「{3}」）", Part.AS_IS, Part.PHASE, Part.PHASE),
            new Phrase("newly required in " + PHASE + ": P1 from " + DATE, "「{1}」で新たに必須: {2}から P1", Part.PHASE, Part.DATE));

    private static final Pattern ONE_OF = Pattern.compile("one of (.+)");
    private static final Pattern MATCHING = Pattern.compile("a value matching (.+)");
    private static final Pattern DATE_WITHIN = Pattern.compile("a date within the last " + DURATION);
    private static final Pattern DURATION_WORDS = Pattern.compile("(\\d+) (day|hour|minute|second)s?");

    private Reasons() {
    }

    /**
     * The reason in {@code language}: Japanese when asked for and every phrase of it has a Japanese reading, else
     * the reason as the engine wrote it.
     *
     * @param rubric the rubric whose phase titles name the phases the reason mentions
     */
    public static String in(String reason, String language, Rubric rubric) {
        if (reason == null || !Text.JAPANESE.equals(language)) {
            return reason;
        }
        String japanese = japanese(reason, rubric);
        return japanese == null ? reason : japanese;
    }

    /** The Japanese reading of a whole reason, or null if one of its phrases has none. */
    static String japanese(String reason, Rubric rubric) {
        StringBuilder out = new StringBuilder(reason.length() + 16);
        int at = 0;
        while (true) {
            Matcher matched = null;
            Phrase phrase = null;
            for (Phrase candidate : PHRASES) {
                if (!reason.startsWith(candidate.start(), at)) {
                    continue;
                }
                Matcher matcher = candidate.english().matcher(reason).region(at, reason.length()).useTransparentBounds(true);
                if (matcher.lookingAt()) {
                    matched = matcher;
                    phrase = candidate;
                    break;
                }
            }
            if (phrase == null) {
                return null;
            }
            String text = phrase.japanese();
            for (int group = 1; group <= matched.groupCount(); group++) {
                Part part = group <= phrase.parts().length ? phrase.parts()[group - 1] : Part.AS_IS;
                text = text.replace("{" + group + "}", read(matched.group(group), part, rubric));
            }
            out.append(text);
            at = matched.end();
            if (at == reason.length()) {
                return out.toString();
            }
            boolean semicolon = reason.startsWith("; ", at);
            out.append(semicolon ? "。" : "、");
            at += semicolon ? "; ".length() : " and ".length();
        }
    }

    private static String read(String english, Part part, Rubric rubric) {
        switch (part) {
            case DURATION:
                return duration(english);
            case DATE:
                return date(english);
            case NEED:
                return need(english);
            case PHASE:
                return rubric == null ? english : rubric.phase(english).map(p -> p.title().in(Text.JAPANESE)).orElse(english);
            default:
                return english;
        }
    }

    /**
     * What a condition needs, before "が必要です": a value in words, or a bound or a value as it is ("≥ 1", "'canary'"),
     * then a space, as Japanese set a Latin word apart.
     */
    private static String need(String english) {
        if (english.equals("a value")) {
            return "値";
        }
        Matcher oneOf = ONE_OF.matcher(english);
        if (oneOf.matches()) {
            return oneOf.group(1) + " のいずれか";
        }
        Matcher matching = MATCHING.matcher(english);
        if (matching.matches()) {
            return matching.group(1) + " に一致する値";
        }
        Matcher within = DATE_WITHIN.matcher(english);
        if (within.matches()) {
            return "直近" + duration(within.group(1)) + "以内の日付";
        }
        return english + " ";
    }

    /** "2026-10-01" → "2026年10月1日" (a text that is no date stays as it is). */
    private static String date(String english) {
        try {
            LocalDate date = LocalDate.parse(english);
            return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
        } catch (DateTimeParseException notADate) {
            return english;
        }
    }

    /** "7 days" → "7日", "1 hour" → "1時間". */
    static String duration(String english) {
        Matcher words = DURATION_WORDS.matcher(english);
        if (!words.matches()) {
            return english;
        }
        String unit = switch (words.group(2)) {
            case "day" -> "日";
            case "hour" -> "時間";
            case "minute" -> "分";
            default -> "秒";
        };
        return words.group(1) + unit;
    }
}
