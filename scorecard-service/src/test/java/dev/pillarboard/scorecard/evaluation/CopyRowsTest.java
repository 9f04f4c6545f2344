package dev.pillarboard.scorecard.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The rows the evaluator sends are PostgreSQL's binary COPY format: the signature, each row as its field count and
 * each field as its length (-1 for NULL) and bytes, the trailer; each value in its column type's binary form.
 */
class CopyRowsTest {

    private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };

    @Test
    void encodesEveryKindOfValueInItsTypesBinaryForm() {
        Instant at = Instant.parse("2026-10-01T12:00:00.123456Z");
        byte[] json = "{\"a\":\"x\\\\y\\\"z\\n\",\"b\":\"≥\"}".getBytes(StandardCharsets.UTF_8);
        CopyRows rows = new CopyRows();
        rows.text("plain").text(null).int4(42).int4((Integer) null).int4(-7).bool(true).bool(false).bool(null);
        rows.endRow();
        rows.text("back\\slash\ttab\nnewline\rreturn").text("ünï ≥ … 😀").text("lone \ud800 surrogate").text("");
        rows.endRow();
        rows.timestamp(at).timestamp(null).date(LocalDate.of(2026, 10, 31)).date(null)
                .json(new ResultJson.Encoded(json, json.length, null)).jsonb(new ResultJson.Encoded(json, 5, null));
        rows.endRow();
        assertEquals(3, rows.rows());

        List<List<byte[]>> read = read(rows.bytes());
        assertEquals(List.of(8, 4, 6), read.stream().map(List::size).toList());
        List<byte[]> first = read.get(0);
        assertEquals("plain", text(first.get(0)));
        assertEquals(null, first.get(1));
        assertEquals(42, ByteBuffer.wrap(first.get(2)).getInt());
        assertEquals(null, first.get(3));
        assertEquals(-7, ByteBuffer.wrap(first.get(4)).getInt());
        assertArrayEquals(new byte[] { 1 }, first.get(5));
        assertArrayEquals(new byte[] { 0 }, first.get(6));
        assertEquals(null, first.get(7));
        assertEquals(Arrays.asList("back\\slash\ttab\nnewline\rreturn", "ünï ≥ … 😀", "lone ? surrogate", ""),
                read.get(1).stream().map(CopyRowsTest::text).toList());
        List<byte[]> third = read.get(2);
        assertEquals(at, timestamp(third.get(0)));
        assertEquals(null, third.get(1));
        assertEquals(LocalDate.of(2026, 10, 31), LocalDate.of(2000, 1, 1).plusDays(ByteBuffer.wrap(third.get(2)).getInt()));
        assertEquals(null, third.get(3));
        assertEquals(new String(json, StandardCharsets.UTF_8), text(third.get(4)));
        assertEquals(1, third.get(5)[0], "jsonb's version byte");
        assertEquals("{\"a\":", new String(third.get(5), 1, 5, StandardCharsets.UTF_8));
    }

    @Test
    void timestampsAreMicrosecondsSincePostgresEpochRoundedToTheNearest() {
        assertEquals(0, CopyRows.micros(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals(-946_684_800_000_000L, CopyRows.micros(Instant.EPOCH));
        assertEquals(1, CopyRows.micros(Instant.parse("2000-01-01T00:00:00.000000500Z")));
        assertEquals(0, CopyRows.micros(Instant.parse("2000-01-01T00:00:00.000000499Z")));
        assertEquals(-1, CopyRows.micros(Instant.parse("1999-12-31T23:59:59.999999Z")));
        assertEquals(1_000_000, CopyRows.micros(Instant.parse("2000-01-01T00:00:00.9999995Z")));
    }

    @Test
    void aRowNeedsAValue() {
        assertThrows(IllegalStateException.class, () -> new CopyRows().endRow());
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
            rows.text(text.toString()).utf8(utf8, utf8.length).int4(row);
            rows.endRow();
            expected.add(List.of(text.toString(), text.toString(), Integer.toString(row)));
        }
        List<List<String>> read = new ArrayList<>();
        for (List<byte[]> row : read(rows.bytes())) {
            read.add(List.of(text(row.get(0)), text(row.get(1)), Integer.toString(ByteBuffer.wrap(row.get(2)).getInt())));
        }
        assertEquals(expected, read);
    }

    /** Reads the binary COPY format as PostgreSQL does: rows of fields, each its bytes or null. */
    private static List<List<byte[]>> read(byte[] copy) {
        ByteBuffer in = ByteBuffer.wrap(copy);
        byte[] signature = new byte[SIGNATURE.length];
        in.get(signature);
        assertArrayEquals(SIGNATURE, signature);
        assertEquals(0, in.getInt(), "flags");
        assertEquals(0, in.getInt(), "header extension");
        List<List<byte[]>> rows = new ArrayList<>();
        for (short fields = in.getShort(); fields != -1; fields = in.getShort()) {
            List<byte[]> row = new ArrayList<>();
            for (int i = 0; i < fields; i++) {
                int length = in.getInt();
                if (length == -1) {
                    row.add(null);
                } else {
                    byte[] value = new byte[length];
                    in.get(value);
                    row.add(value);
                }
            }
            rows.add(row);
        }
        assertEquals(0, in.remaining(), "nothing after the trailer");
        return rows;
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static Instant timestamp(byte[] value) {
        long micros = ByteBuffer.wrap(value).getLong();
        return Instant.parse("2000-01-01T00:00:00Z").plusNanos(micros * 1000);
    }
}
