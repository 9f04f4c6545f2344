package dev.pillarboard.scorecard.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The COPY text the evaluator sends reads back, by PostgreSQL's rules, as exactly the values written. */
class CopyRowsTest {

    @Test
    void escapesAndEncodesEveryKindOfValue() {
        CopyRows rows = new CopyRows();
        rows.text("plain").text(null).number(42L).number((Integer) null).number(7).bool(true).bool(null).plain("2026-10-01T12:00:00Z");
        rows.endRow();
        rows.text("back\\slash\ttab\nnewline\rreturn").text("ünï ≥ … 😀").text("lone \ud800 surrogate").text("");
        rows.endRow();
        byte[] json = "{\"a\":\"x\\\\y\\\"z\\n\",\"b\":\"≥\"}".getBytes(StandardCharsets.UTF_8);
        rows.utf8(json, json.length).utf8(json, 5);
        rows.endRow();
        byte[] plainJson = "[{\"id\":\"a\",\"reason\":\"≥ 1\"}]".getBytes(StandardCharsets.UTF_8);
        rows.json(new ResultJson.Encoded(plainJson, plainJson.length, null, false)).json(new ResultJson.Encoded(json, json.length, null, true));
        rows.endRow();
        assertEquals(4, rows.rows());
        assertEquals(List.of(
                Arrays.asList("plain", null, "42", null, "7", "t", null, "2026-10-01T12:00:00Z"),
                Arrays.asList("back\\slash\ttab\nnewline\rreturn", "ünï ≥ … 😀", "lone ? surrogate", ""),
                Arrays.asList(new String(json, StandardCharsets.UTF_8), "{\"a\":"),
                Arrays.asList(new String(plainJson, StandardCharsets.UTF_8), new String(json, StandardCharsets.UTF_8))), read(rows.bytes()));
    }

    @Test
    void valuesLongerThanAChunkAndManyRowsSurviveTheChunking() {
        SplittableRandom random = new SplittableRandom(3);
        String alphabet = "abc\\\t\n\r ≥…ü😀";
        CopyRows rows = new CopyRows();
        List<List<String>> expected = new ArrayList<>();
        for (int row = 0; row < 2_000; row++) {
            StringBuilder text = new StringBuilder();
            int length = row % 500 == 0 ? 100_000 : random.nextInt(300);
            while (text.length() < length) {
                int at = random.nextInt(alphabet.length());
                text.append(Character.isHighSurrogate(alphabet.charAt(at)) ? alphabet.substring(at, at + 2)
                        : Character.isLowSurrogate(alphabet.charAt(at)) ? "x" : alphabet.substring(at, at + 1));
            }
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            rows.text(text.toString()).utf8(utf8, utf8.length).number(row);
            rows.endRow();
            expected.add(List.of(text.toString(), text.toString(), Integer.toString(row)));
        }
        assertEquals(expected, read(rows.bytes()));
    }

    /** Splits COPY text into rows of values, undoing the escapes PostgreSQL's COPY undoes. */
    private static List<List<String>> read(byte[] copy) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        boolean nul = false;
        for (int i = 0; i < copy.length; i++) {
            byte b = copy[i];
            if (b == '\\') {
                byte next = copy[++i];
                switch (next) {
                    case 'N' -> nul = true;
                    case 't' -> value.write('\t');
                    case 'n' -> value.write('\n');
                    case 'r' -> value.write('\r');
                    case '\\' -> value.write('\\');
                    default -> throw new AssertionError("unexpected escape \\" + (char) next);
                }
            } else if (b == '\t' || b == '\n') {
                row.add(nul ? null : value.toString(StandardCharsets.UTF_8));
                value.reset();
                nul = false;
                if (b == '\n') {
                    rows.add(row);
                    row = new ArrayList<>();
                }
            } else {
                value.write(b);
            }
        }
        assertEquals(List.of(), row, "the last row ends with a newline");
        return rows;
    }
}
