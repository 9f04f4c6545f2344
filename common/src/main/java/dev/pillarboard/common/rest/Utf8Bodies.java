package dev.pillarboard.common.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * JSON bodies are UTF-8 (RFC 8259), checked byte by byte while they are read: a byte sequence that is
 * not well-formed UTF-8 (a stray continuation byte, a truncated sequence, an overlong encoding such as
 * {@code C0 AF} for "/", a surrogate, a code point beyond U+10FFFF) is a 400 naming its byte offset and
 * line, as {@link StrictText} answers for bodies read as text. The JSON reader alone decodes some of
 * these (an overlong "/" became a "/" in a product's name) rather than refusing them.
 */
public class Utf8Bodies {

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        if (HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || !isJson(type)) {
            return;
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.isBlank() && !StandardCharsets.UTF_8.name().equalsIgnoreCase(charset.trim())
                && !"utf8".equalsIgnoreCase(charset.trim())) {
            return;
        }
        request.setEntityStream(new Checked(request.getEntityStream()));
    }

    static boolean isJson(MediaType type) {
        return "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json"));
    }

    /** Bytes that are not UTF-8, with where they start. An IOException, so that body readers pass it on as it is. */
    public static final class NotUtf8 extends IOException {
        private final long offset;
        private final long line;

        NotUtf8(long offset, long line) {
            super("The body is not valid UTF-8 at byte offset " + offset + " (line " + line + ")", null);
            this.offset = offset;
            this.line = line;
        }

        public long offset() {
            return offset;
        }

        public long line() {
            return line;
        }
    }

    /**
     * Checks the bytes read against the well-formed UTF-8 sequences of the Unicode standard (table 3-7),
     * across reads; the end of the body in the middle of a sequence is an error too.
     */
    static final class Checked extends FilterInputStream {
        private long offset;
        private long line = 1;
        private long lead;
        private long leadLine;
        private int need;
        private int low = 0x80;
        private int high = 0xBF;

        Checked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                end();
            } else {
                accept(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            int n = super.read(buffer, from, length);
            if (n < 0) {
                end();
            }
            for (int i = from; i < from + n; i++) {
                accept(buffer[i] & 0xFF);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes are checked as well: read them.
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void accept(int b) throws NotUtf8 {
            if (need == 0) {
                if (b < 0x80) {
                    if (b == '\n') {
                        line++;
                    }
                    offset++;
                    return;
                }
                lead = offset;
                leadLine = line;
                if (b >= 0xC2 && b <= 0xDF) {
                    need = 1;
                } else if (b == 0xE0) {
                    need = 2;
                    low = 0xA0;
                } else if (b == 0xED) {
                    need = 2;
                    high = 0x9F;
                } else if (b >= 0xE1 && b <= 0xEF) {
                    need = 2;
                } else if (b == 0xF0) {
                    need = 3;
                    low = 0x90;
                } else if (b == 0xF4) {
                    need = 3;
                    high = 0x8F;
                } else if (b >= 0xF1 && b <= 0xF3) {
                    need = 3;
                } else {
                    throw new NotUtf8(offset, line);
                }
            } else {
                if (b < low || b > high) {
                    throw new NotUtf8(lead, leadLine);
                }
                low = 0x80;
                high = 0xBF;
                need--;
            }
            offset++;
        }

        private void end() throws NotUtf8 {
            if (need > 0) {
                throw new NotUtf8(lead, leadLine);
            }
        }
    }
}
