package dev.pillarboard.scorecard.evaluation;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The byte-level pieces under {@link ResultJson}: a text's UTF-8 bytes when they need no escaping, instants as ISO
 * text without a formatter, the hash of stored results and a reusable output buffer. Each runs once or more per
 * check of every product in a full evaluation.
 */
final class JsonBytes {

    private JsonBytes() {
    }

    /**
     * A text's UTF-8 bytes when they can be written as they are: none is a control character, a quote or a backslash,
     * and a '?' among them is a question mark (not what {@code getBytes} puts for a lone surrogate, which the generator
     * escapes instead); else null. A question mark is common in the results' reasons (a pattern such as
     * {@code ^https?://}), so the text is searched for a surrogate once, on the first one.
     */
    static byte[] plain(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        boolean question = false;
        for (byte b : utf8) {
            if (b >= 0 && (b < 0x20 || b == '"' || b == '\\')) {
                return null;
            }
            question |= b == '?';
        }
        return question && hasSurrogate(value) ? null : utf8;
    }

    private static boolean hasSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A 64-bit hash of UTF-8 bytes, and their count, in hex: tells whether stored results changed
     * without reading them back. Eight bytes at a time (MurmurHash3's 64-bit mixing, one lane), since
     * it runs over some 80 MB of results in a full evaluation; not for anything adversarial.
     */
    static String hash(byte[] utf8, int length) {
        long hash = 0x9E3779B97F4A7C15L ^ length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            hash ^= mix((long) LONGS.get(utf8, i));
            hash = Long.rotateLeft(hash, 27) * 5 + 0x52DCE729L;
        }
        if (i < length) {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8) {
                tail |= (utf8[i] & 0xFFL) << shift;
            }
            hash ^= mix(tail);
        }
        hash ^= hash >>> 33;
        hash *= 0xFF51AFD7ED558CCDL;
        hash ^= hash >>> 33;
        hash *= 0xC4CEB9FE1A85EC53L;
        hash ^= hash >>> 33;
        return Long.toHexString(hash) + ":" + Integer.toHexString(length);
    }

    /** {@link #hash(byte[], int)} of a text's UTF-8 encoding. */
    static String hash(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return hash(utf8, utf8.length);
    }

    private static long mix(long word) {
        return Long.rotateLeft(word * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL;
    }

    private static final long YEAR_0 = -62_167_219_200L;
    private static final long AFTER_YEAR_9999 = 253_402_300_800L;

    /**
     * An instant in ISO-8601 as {@link Instant#toString()} writes it (and the mapper, which uses
     * {@code DateTimeFormatter.ISO_INSTANT}): seconds always, a fraction in groups of three digits
     * only as long as needed, {@code Z}; as ASCII into {@code text} (32 bytes at least). Returns its length, or -1
     * for years outside 0000–9999 (which go through {@code toString()}).
     */
    static int instant(Instant instant, byte[] text) {
        long seconds = instant.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= AFTER_YEAR_9999) {
            return -1;
        }
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        int at = digits(text, 0, date.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, date.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, date.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, secondOfDay / 3600, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay / 60 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano != 0) {
            text[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(text, at, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                at = digits(text, at, nano / 1_000, 6);
            } else {
                at = digits(text, at, nano, 9);
            }
        }
        text[at++] = 'Z';
        return at;
    }

    private static int digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** An output stream into a reusable array, which it lends out (unlike ByteArrayOutputStream). */
    static final class Buffer extends OutputStream {
        private byte[] array = new byte[16 * 1024];
        private int size;

        void reset() {
            size = 0;
        }

        byte[] array() {
            return array;
        }

        int size() {
            return size;
        }

        @Override
        public void write(int b) {
            room(1);
            array[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            room(length);
            System.arraycopy(bytes, offset, array, size, length);
            size += length;
        }

        private void room(int length) {
            if (size + length > array.length) {
                array = Arrays.copyOf(array, Math.max(array.length * 2, size + length));
            }
        }
    }
}
