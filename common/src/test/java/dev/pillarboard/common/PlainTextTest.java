package dev.pillarboard.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void tabAndLineBreaksAreRefusedOnlyOnOneLine() {
        assertNull(PlainText.problem("two\nlines\twith a tab\r\n"));
        assertEquals("contains the control character U+000A at position 4", PlainText.problem("one\nline", false));
        assertEquals("contains the control character U+0000 at position 3", PlainText.problem("ab\0c"));
        assertEquals("contains the control character U+0085 at position 1", PlainText.problem("\u0085"));
        assertEquals(-1, PlainText.refusedAt("日本語のテキスト", false));
    }

    @Test
    void theFirstLineLongerThanTheBoundIsNamed() {
        assertEquals(0, PlainText.lineLongerThan("", 3));
        assertEquals(0, PlainText.lineLongerThan("abc\nabc\n", 3));
        assertEquals(1, PlainText.lineLongerThan("abcd", 3));
        assertEquals(3, PlainText.lineLongerThan("a\nb\nabcd\nabcdef", 3));
        assertEquals(1, PlainText.lineLongerThan("abc\r\nab", 3), "a carriage return counts as a character");
    }
}
