package dev.pillarboard.scorecard.evaluation;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for one {@code COPY <table> (<columns>) FROM STDIN} in PostgreSQL's text format, encoded
 * to UTF-8 as they are added (values escaped: backslash, tab, newline, carriage return), kept in
 * 64 KiB chunks and sent in one go by {@link #copy}. COPY is PostgreSQL's bulk-load path: no
 * statement per row, no bind parameters, no arrays to encode and parse; the evaluator uses it for
 * rows that are always new (history points, new tasks, first scorecards).
 *
 * <p>Not thread-safe; one per table per evaluation call.
 */
final class CopyRows {

    private static final int CHUNK = 64 * 1024;

    /** Chunks already filled, each with the number of bytes used. */
    private final List<byte[]> full = new ArrayList<>();
    private final List<Integer> fullLengths = new ArrayList<>();
    private byte[] chunk = new byte[CHUNK];
    private int at;
    private boolean rowStart = true;
    private int rows;

    /** How many rows were added. */
    int rows() {
        return rows;
    }

    /** A text value; null is SQL NULL. */
    CopyRows text(String value) {
        separator();
        if (value == null) {
            return nul();
        }
        int length = value.length();
        room(length * 3); // at most three bytes per char (an escape takes two, a surrogate pair four for two chars)
        byte[] out = chunk;
        int to = at;
        for (int i = 0; i < length; i++) {
            char ch = value.charAt(i);
            if (ch < 0x80) {
                if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                    out[to++] = '\\';
                    out[to++] = (byte) escaped(ch);
                } else {
                    out[to++] = (byte) ch;
                }
            } else if (ch < 0x800) {
                out[to++] = (byte) (0xC0 | ch >> 6);
                out[to++] = (byte) (0x80 | ch & 0x3F);
            } else if (Character.isHighSurrogate(ch) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(ch, value.charAt(++i));
                out[to++] = (byte) (0xF0 | codePoint >> 18);
                out[to++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[to++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[to++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (Character.isSurrogate(ch)) {
                out[to++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) writes it
            } else {
                out[to++] = (byte) (0xE0 | ch >> 12);
                out[to++] = (byte) (0x80 | ch >> 6 & 0x3F);
                out[to++] = (byte) (0x80 | ch & 0x3F);
            }
        }
        at = to;
        return this;
    }

    /** A text value given as UTF-8 bytes (JSON written by a generator): copied in runs between the bytes to escape. */
    CopyRows utf8(byte[] bytes, int length) {
        separator();
        int from = 0;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                copy(bytes, from, i - from);
                room(2);
                chunk[at++] = '\\';
                chunk[at++] = (byte) escaped(b);
                from = i + 1;
            }
        }
        copy(bytes, from, length - from);
        return this;
    }

    /** A value whose text needs no escaping (numbers, booleans, timestamps we formatted). */
    CopyRows plain(String ascii) {
        separator();
        room(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            chunk[at++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    CopyRows number(long value) {
        return plain(Long.toString(value));
    }

    /** A number; null is SQL NULL. */
    CopyRows number(Integer value) {
        if (value == null) {
            separator();
            return nul();
        }
        return plain(Integer.toString(value));
    }

    /** A boolean; null is SQL NULL. */
    CopyRows bool(Boolean value) {
        if (value == null) {
            separator();
            return nul();
        }
        return plain(value ? "t" : "f");
    }

    void endRow() {
        room(1);
        chunk[at++] = '\n';
        rowStart = true;
        rows++;
    }

    /**
     * Sends the rows with {@code COPY <target> FROM STDIN} on the connection (in its transaction);
     * returns the number of rows the server stored. Nothing is sent when there are no rows.
     */
    long copy(Connection c, String target) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN");
        try {
            for (int i = 0; i < full.size(); i++) {
                copy.writeToCopy(full.get(i), 0, fullLengths.get(i));
            }
            copy.writeToCopy(chunk, 0, at);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Everything added so far, in one array (for tests). */
    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < full.size(); i++) {
            all.write(full.get(i), 0, fullLengths.get(i));
        }
        all.write(chunk, 0, at);
        return all.toByteArray();
    }

    private CopyRows nul() {
        room(2);
        chunk[at++] = '\\';
        chunk[at++] = 'N';
        return this;
    }

    private void separator() {
        if (rowStart) {
            rowStart = false;
        } else {
            room(1);
            chunk[at++] = '\t';
        }
    }

    /** The letter of the escape of a backslash, tab, newline or carriage return. */
    private static char escaped(int ch) {
        return switch (ch) {
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            default -> '\\';
        };
    }

    /** Appends bytes, across chunks if needed. */
    private void copy(byte[] bytes, int from, int length) {
        while (length > 0) {
            if (at == chunk.length) {
                room(1);
            }
            int n = Math.min(length, chunk.length - at);
            System.arraycopy(bytes, from, chunk, at, n);
            at += n;
            from += n;
            length -= n;
        }
    }

    /** Makes room for {@code bytes} more bytes in the current chunk (values may span chunks). */
    private void room(int bytes) {
        if (at + bytes > chunk.length) {
            full.add(chunk);
            fullLengths.add(at);
            chunk = new byte[Math.max(CHUNK, bytes)];
            at = 0;
        }
    }
}
