package dev.pillarboard.scorecard.evaluation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

    /**
     * A text value; null is SQL NULL. Encoded by {@link String#getBytes} (a copy for text in Latin-1 without
     * accents, which most values are; a lone surrogate becomes '?'), then escaped as {@link #utf8} does: a
     * char-by-char loop costs several times more, which a full evaluation's 275,000 task rows feel.
     */
    CopyRows text(String value) {
        if (value == null) {
            separator();
            return nul();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return utf8(utf8, utf8.length);
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

    /**
     * A text value given as UTF-8 bytes known to hold none of the bytes COPY escapes (JSON that
     * {@link ResultJson} wrote without escapes): copied as they are.
     */
    CopyRows unescaped(byte[] bytes, int length) {
        separator();
        copy(bytes, 0, length);
        return this;
    }

    /** JSON that {@link ResultJson} wrote: copied as it is when it holds nothing to escape. */
    CopyRows json(ResultJson.Encoded json) {
        return json.escaped() ? utf8(json.buffer(), json.length()) : unescaped(json.buffer(), json.length());
    }

    /** A value whose text needs no escaping (numbers, booleans, timestamps we formatted): ASCII only. */
    CopyRows plain(String ascii) {
        separator();
        byte[] bytes = ascii.getBytes(StandardCharsets.ISO_8859_1);
        copy(bytes, 0, bytes.length);
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
