package dev.pillarboard.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * A request whose body is streamed over a plain socket, never held in memory, while the answer is read as it comes:
 * for bodies over the services' network ceiling (tens of MiB) and for what the server does with the rest of a body
 * it has refused. The body is {@code start} followed by 'x' bytes: with a declared {@code Content-Length} (of which
 * the client sends at most {@code upTo} bytes, then waits), or chunked, sent until {@code upTo} bytes or until the
 * server stops reading (its connection closes).
 */
public final class StreamedBody {

    /** A declared length of this value sends the body chunked, without Content-Length. */
    public static final long CHUNKED = -1;

    private static final int PIECE = 64 * 1024;
    private static final String PROBLEM = "application/problem+json";

    private StreamedBody() {
    }

    /** The running service's network ceiling on bodies, {@code quarkus.http.limits.max-body-size}, in bytes. */
    public static long ceiling() {
        return ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
    }

    /** The answer is the API's 413 problem for a body over {@code limit} bytes, sent to {@code path}. */
    public static void assertTooLarge(Answer answer, String path, long limit) throws IOException {
        assertEquals(413, answer.status(), answer::toString);
        assertEquals(PROBLEM, answer.header("Content-Type"), answer::toString);
        JsonNode problem = new ObjectMapper().readTree(answer.body());
        assertEquals("https://pillarboard.dev/problems/too-large", problem.path("type").asText());
        assertEquals("Payload too large", problem.path("title").asText());
        assertEquals(413, problem.path("status").asInt());
        assertEquals("The request body exceeds the limit of " + limit + " bytes", problem.path("detail").asText());
        assertEquals(path, problem.path("instance").asText());
    }

    /**
     * What came back. {@code sentWhenAnswered}: how many body bytes had been sent when the answer's first byte
     * arrived; {@code sent}: how many in all; {@code refusedMore}: the connection closed before the client had sent
     * what it meant to ({@code upTo}); {@code closed}: the server closed the connection after its answer.
     */
    public record Answer(int status, Map<String, String> headers, String body, long sentWhenAnswered, long sent,
            boolean refusedMore, boolean closed) {

        /** A header by its name in any case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body + " (body bytes sent " + sent + ", of which " + sentWhenAnswered
                    + " before the answer; refused more: " + refusedMore + ", closed: " + closed + ")";
        }
    }

    public static Answer send(URI server, String method, String path, Map<String, String> headers, byte[] start,
            long declaredLength, long upTo) throws IOException, InterruptedException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + server.getHost() + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append(declaredLength == CHUNKED ? "Transfer-Encoding: chunked" : "Content-Length: " + declaredLength);
            out.write(head.append("\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));

            AtomicLong sent = new AtomicLong();
            AtomicLong sentWhenAnswered = new AtomicLong(-1);
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> read(socket, sent, sentWhenAnswered));

            boolean refusedMore = false;
            try {
                write(out, start, declaredLength);
                sent.addAndGet(start.length);
                byte[] filler = new byte[PIECE];
                Arrays.fill(filler, (byte) 'x');
                long limit = declaredLength == CHUNKED ? upTo : Math.min(upTo, declaredLength);
                while (sent.get() < limit) {
                    int n = (int) Math.min(PIECE, limit - sent.get());
                    write(out, n == PIECE ? filler : Arrays.copyOf(filler, n), declaredLength);
                    sent.addAndGet(n);
                }
                if (declaredLength == CHUNKED && sent.get() >= upTo) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (IOException closedByServer) {
                refusedMore = true;
            }
            try {
                Answer read = answer.get(30, TimeUnit.SECONDS);
                return new Answer(read.status(), read.headers(), read.body(), read.sentWhenAnswered(), sent.get(), refusedMore,
                        read.closed());
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("no answer after " + sent.get() + " body bytes", e);
            }
        }
    }

    private static void write(OutputStream out, byte[] bytes, long declaredLength) throws IOException {
        if (declaredLength == CHUNKED) {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            out.write(bytes);
        }
    }

    /** The answer (status line, headers, a body of its Content-Length), then whether the server closes. */
    private static Answer read(Socket socket, AtomicLong sent, AtomicLong sentWhenAnswered) {
        try {
            InputStream in = socket.getInputStream();
            int first = in.read();
            sentWhenAnswered.set(sent.get());
            if (first < 0) {
                throw new IOException("closed without an answer after " + sent.get() + " body bytes");
            }
            String statusLine = (char) first + line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            boolean closed;
            try {
                socket.setSoTimeout(10_000);
                closed = in.read() < 0;
            } catch (SocketTimeoutException open) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body, sentWhenAnswered.get(), sent.get(),
                    false, closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
