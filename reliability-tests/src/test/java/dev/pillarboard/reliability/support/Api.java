package dev.pillarboard.reliability.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** HTTP from outside, as any client: java.net.http over loopback, HTTP/1.1. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String YAML = "application/yaml";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Api() {
    }

    /** An answer: status, headers, body. A connection that fails is status -1 with the reason as the body. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .flatMap(h -> h.getValue().stream()).findFirst();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String etag() {
            return header("ETag").orElseThrow(() -> new AssertionError("no ETag in " + this));
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    /** One request. {@code body} may be null; {@code chunked} sends it without a Content-Length. */
    public static Answer send(String method, String url, String token, String contentType, byte[] body, boolean chunked,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        }
        request.method(method, publisher);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            return new Answer(-1, Map.of(), String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Answer get(String url, String token, String... headers) {
        return send("GET", url, token, null, null, false, headers);
    }

    /** A JSON body (a String is sent as it is, anything else through Jackson). */
    public static Answer json(String method, String url, String token, Object body, String... headers) {
        return send(method, url, token, "application/json", bytes(body), false, headers);
    }

    public static Answer patch(String url, String token, Object body, String... headers) {
        return send("PATCH", url, token, MERGE_PATCH, bytes(body), false, headers);
    }

    public static Answer yaml(String method, String url, String token, String yaml) {
        return send(method, url, token, YAML, yaml.getBytes(StandardCharsets.UTF_8), false);
    }

    public static byte[] bytes(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] raw) {
            return raw;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
