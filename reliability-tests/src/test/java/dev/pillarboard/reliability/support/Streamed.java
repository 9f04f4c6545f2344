package dev.pillarboard.reliability.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request whose body is streamed over a plain socket, never held in memory, while the answer is read as it comes:
 * for bodies over the services' network ceiling (tens of MiB), and to see whether the server goes on reading a body it
 * has refused. The body is {@code start} followed by 'x' bytes: with a declared {@code Content-Length} of which at
 * most {@code upTo} bytes are sent (then the client waits), or chunked, sent until {@code upTo} bytes or until the
 * server stops reading (closes the connection). java.net.http can stream a body too, but does not say whether the
 * server read all of it. The services' own tests use the same client from common's test jar ({@code StreamedBody});
 * this module takes nothing from the services' build, so it has its copy, answering {@link Api.Answer}s.
 */
public final class Streamed {

    /** A declared length of this value sends the body chunked, without Content-Length. */
    public static final long CHUNKED = -1;

    private static final int PIECE = 64 * 1024;

    private Streamed() {
    }

    /**
     * The answer, and what happened to the body: {@code sentWhenAnswered} body bytes had been sent when the answer
     * began, {@code sent} in all; {@code refusedMore}: the server closed the connection before the client had sent
     * {@code upTo}; {@code closed}: the server closed the connection after its answer.
     */
    public record Result(Api.Answer answer, long sentWhenAnswered, long sent, boolean refusedMore, boolean closed) {

        @Override
        public String toString() {
            return answer + " (body bytes sent " + sent + ", " + sentWhenAnswered + " before the answer; refused more: "
                    + refusedMore + ", closed: " + closed + ")";
        }
    }

    /** {@code headers}: name, value, name, value... */
    public static Result send(String method, String url, String token, String contentType, String[] headers, byte[] start,
            long declaredLength, long upTo) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n");
            head.append("Authorization: Bearer ").append(token).append("\r\nContent-Type: ").append(contentType).append("\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            head.append(declaredLength == CHUNKED ? "Transfer-Encoding: chunked" : "Content-Length: " + declaredLength);
            out.write(head.append("\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));

            AtomicLong sent = new AtomicLong();
            AtomicLong sentWhenAnswered = new AtomicLong(-1);
            CompletableFuture<Result> answer = CompletableFuture.supplyAsync(() -> read(socket, sent, sentWhenAnswered));
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
                if (declaredLength == CHUNKED) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (IOException closedByServer) {
                refusedMore = true;
            }
            try {
                Result read = answer.get(30, TimeUnit.SECONDS);
                return new Result(read.answer(), read.sentWhenAnswered(), sent.get(), refusedMore, read.closed());
            } catch (ExecutionException | TimeoutException e) {
                return new Result(new Api.Answer(-1, Map.of(), "no answer after " + sent.get() + " body bytes: " + e), -1,
                        sent.get(), refusedMore, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
    private static Result read(Socket socket, AtomicLong sent, AtomicLong sentWhenAnswered) {
        try {
            InputStream in = socket.getInputStream();
            int first = in.read();
            sentWhenAnswered.set(sent.get());
            if (first < 0) {
                throw new IOException("closed without an answer after " + sent.get() + " body bytes");
            }
            String statusLine = (char) first + line(in);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.computeIfAbsent(header.substring(0, colon).trim(), name -> new ArrayList<>())
                        .add(header.substring(colon + 1).trim());
            }
            Api.Answer answer = new Api.Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, "");
            int length = Integer.parseInt(answer.header("Content-Length").orElse("0"));
            answer = new Api.Answer(answer.status(), headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
            boolean closed;
            try {
                socket.setSoTimeout(10_000);
                closed = in.read() < 0;
            } catch (SocketTimeoutException open) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            return new Result(answer, sentWhenAnswered.get(), sent.get(), false, closed);
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
