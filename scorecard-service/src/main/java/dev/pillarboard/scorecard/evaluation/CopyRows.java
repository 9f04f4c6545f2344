package dev.pillarboard.scorecard.evaluation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for one {@code COPY <table> (<columns>) FROM STDIN WITH (FORMAT binary)}, encoded as they are
 * added, kept in 64 KiB chunks and sent in one go by {@link #copy}. COPY is PostgreSQL's bulk-load
 * path: no statement per row, no bind parameters, no arrays to encode and parse; the evaluator uses it
 * for rows that are always new (history points, new tasks, first scorecards).
 *
 * <p>The binary format rather than the text one: a value is its length and its bytes, so neither side
 * scans text for escapes, and PostgreSQL reads numbers, booleans, dates and timestamps without parsing
 * them (a full evaluation of 10,000 products sends some 290,000 rows and 120 MB of stored results).
 * Each value must be sent as the binary form of its column's type: {@link #int4} for an {@code integer}
 * column, {@link #timestamp} for a {@code timestamptz}, {@link #jsonb} for a {@code jsonb}, {@link #text}
 * for {@code varchar} and {@code text}.
 *
 * <p>Not thread-safe; one per table per evaluation call.
 */
final class CopyRows {

    private static final int CHUNK = 64 * 1024;
    /** The binary format's signature, flags (none) and header extension length (none). */
    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0,
            0, 0 };
    /** A field count of -1: no more rows. */
    private static final byte[] TRAILER = { (byte) 0xFF, (byte) 0xFF };
    /** PostgreSQL's epoch for dates and timestamps, 2000-01-01, in days and in seconds since 1970-01-01. */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long POSTGRES_EPOCH_SECOND = POSTGRES_EPOCH_DAY * 86_400L;
    /** The version byte that starts a jsonb value in the binary format. */
    private static final byte JSONB_VERSION = 1;

    /** Chunks already filled, each with the number of bytes used. */
    private final List<byte[]> full = new ArrayList<>();
    private final List<Integer> fullLengths = new ArrayList<>();
    private byte[] chunk = new byte[CHUNK];
    private int at;
    private int rows;
    /** Where the current row's field count goes (patched at its end), and how many fields it has so far. */
    private byte[] rowChunk;
    private int rowAt = -1;
    private int fields;

    CopyRows() {
        System.arraycopy(HEADER, 0, chunk, 0, HEADER.length);
        at = HEADER.length;
    }

    /** How many rows were added. */
    int rows() {
        return rows;
    }

    /**
     * A {@code varchar} or {@code text} value; null is SQL NULL. Encoded by {@link String#getBytes} (a lone
     * surrogate becomes '?', as the driver would send it).
     */
    CopyRows text(String value) {
        if (value == null) {
            return nul();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return utf8(utf8, utf8.length);
    }

    /** A {@code varchar} or {@code text} value given as {@code length} UTF-8 bytes. */
    CopyRows utf8(byte[] bytes, int length) {
        field(length);
        copy(bytes, 0, length);
        return this;
    }

    /** JSON that {@link ResultJson} wrote, for a {@code text} column. */
    CopyRows json(ResultJson.Encoded json) {
        return utf8(json.buffer(), json.length());
    }

    /** JSON that {@link ResultJson} wrote, for a {@code jsonb} column. */
    CopyRows jsonb(ResultJson.Encoded json) {
        field(1 + json.length());
        room(1);
        chunk[at++] = JSONB_VERSION;
        copy(json.buffer(), 0, json.length());
        return this;
    }

    /** An {@code integer} value. */
    CopyRows int4(int value) {
        field(Integer.BYTES);
        putInt(value);
        return this;
    }

    /** An {@code integer} value; null is SQL NULL. */
    CopyRows int4(Integer value) {
        return value == null ? nul() : int4(value.intValue());
    }

    /** A {@code boolean} value; null is SQL NULL. */
    CopyRows bool(Boolean value) {
        if (value == null) {
            return nul();
        }
        field(1);
        room(1);
        chunk[at++] = (byte) (value ? 1 : 0);
        return this;
    }

    /**
     * A {@code timestamptz} value, in microseconds since 2000-01-01 UTC (rounded to the nearest, as
     * PostgreSQL rounds a text timestamp with more digits); null is SQL NULL.
     */
    CopyRows timestamp(Instant value) {
        if (value == null) {
            return nul();
        }
        field(Long.BYTES);
        putLong(micros(value));
        return this;
    }

    /** A {@code date} value, in days since 2000-01-01; null is SQL NULL. */
    CopyRows date(LocalDate value) {
        if (value == null) {
            return nul();
        }
        field(Integer.BYTES);
        putInt(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAY));
        return this;
    }

    void endRow() {
        if (rowAt < 0) {
            throw new IllegalStateException("a row needs at least one value");
        }
        rowChunk[rowAt] = (byte) (fields >>> 8);
        rowChunk[rowAt + 1] = (byte) fields;
        rowChunk = null;
        rowAt = -1;
        rows++;
    }

    /**
     * Sends the rows with {@code COPY <target> FROM STDIN WITH (FORMAT binary)} on the connection (in its
     * transaction); returns the number of rows the server stored. Nothing is sent when there are no rows.
     */
    long copy(Connection c, String target) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN WITH (FORMAT binary)");
        try {
            for (int i = 0; i < full.size(); i++) {
                copy.writeToCopy(full.get(i), 0, fullLengths.get(i));
            }
            copy.writeToCopy(chunk, 0, at);
            copy.writeToCopy(TRAILER, 0, TRAILER.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Everything {@link #copy} would send, in one array (for tests). */
    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < full.size(); i++) {
            all.write(full.get(i), 0, fullLengths.get(i));
        }
        all.write(chunk, 0, at);
        all.write(TRAILER, 0, TRAILER.length);
        return all.toByteArray();
    }

    /** Microseconds since PostgreSQL's epoch. */
    static long micros(Instant value) {
        long seconds = value.getEpochSecond() - POSTGRES_EPOCH_SECOND;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), (value.getNano() + 500) / 1000);
    }

    private CopyRows nul() {
        field(-1);
        return this;
    }

    /** Starts a value of {@code length} bytes (-1: NULL), and the row if it is its first value. */
    private void field(int length) {
        if (rowAt < 0) {
            room(2);
            rowChunk = chunk;
            rowAt = at;
            at += 2;
            fields = 0;
        }
        fields++;
        putInt(length);
    }

    private void putInt(int value) {
        room(Integer.BYTES);
        chunk[at] = (byte) (value >>> 24);
        chunk[at + 1] = (byte) (value >>> 16);
        chunk[at + 2] = (byte) (value >>> 8);
        chunk[at + 3] = (byte) value;
        at += Integer.BYTES;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
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

    /** Makes room for {@code bytes} more bytes in the current chunk (values may span chunks, their lengths do not). */
    private void room(int bytes) {
        if (at + bytes > chunk.length) {
            full.add(chunk);
            fullLengths.add(at);
            chunk = new byte[Math.max(CHUNK, bytes)];
            at = 0;
        }
    }
}
