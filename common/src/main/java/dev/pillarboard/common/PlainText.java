package dev.pillarboard.common;

/**
 * The one rule for text that people and automation send: no control characters (C0 U+0000-U+001F,
 * DEL U+007F, C1 U+0080-U+009F), except tab, line feed and carriage return where the field allows
 * several lines. PostgreSQL refuses U+0000 in text and JSON outright, and the other controls are
 * never meant (a mangled encoding, a binary value pasted into a field).
 */
public final class PlainText {

    private PlainText() {
    }

    /** Whether {@code ch} is refused; tab and line breaks only when {@code multiline} is false. */
    public static boolean refused(char ch, boolean multiline) {
        return Character.isISOControl(ch) && !(multiline && (ch == '\t' || ch == '\n' || ch == '\r'));
    }

    /** The index of the first refused character of {@code text}, or -1. */
    public static int refusedAt(String text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            if (refused(text.charAt(i), multiline)) {
                return i;
            }
        }
        return -1;
    }

    /** Why {@code text} (tab and line breaks allowed) is not plain text, or null when it is. */
    public static String problem(String text) {
        return problem(text, true);
    }

    /** Why {@code text} is not plain text, or null when it is: names the character and its position. */
    public static String problem(String text, boolean multiline) {
        int at = refusedAt(text, multiline);
        return at < 0 ? null
                : "contains the control character U+%04X at position %d".formatted((int) text.charAt(at), at + 1);
    }

    /**
     * The first line (1-based) of {@code text} longer than {@code max} characters, or 0. SnakeYAML scans a token by
     * re-reading it from its start for every kilobyte it grows, so that its time grows with the square of the longest
     * line (a megabyte on one line took seconds): both YAML readers bound lines before they read anything.
     */
    public static int lineLongerThan(String text, int max) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > max) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 0;
    }
}
