package dev.pillarboard.reliability;

import static dev.pillarboard.reliability.support.Fixtures.createProduct;
import static dev.pillarboard.reliability.support.Fixtures.createTeam;
import static dev.pillarboard.reliability.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.pillarboard.reliability.support.Api;
import dev.pillarboard.reliability.support.Fixtures;
import dev.pillarboard.reliability.support.Problems;
import dev.pillarboard.reliability.support.Streamed;

/**
 * One corpus of hostile input applied to every write endpoint of both services, and one corpus of bad paging, sorts
 * and dates applied to every list: each answer is a 4xx {@code application/problem+json} in the API's words (no Java
 * class, library or stack frame: {@link Problems}), the cases about a particular field name that field, and nothing
 * is stored, read back through the API (the catalog's change feed does not move; the scorecard's waivers,
 * attestations, reviews, history, rubric versions, jobs and task ETags are as they were; a signal batch left nothing,
 * which a later, older observation of the same key shows by being applied). The single exception is the Backstage
 * import's documented contract: a well-formed YAML document that is not a valid descriptor is reported
 * {@code rejected} in a 200 answer, every document rejected and nothing stored. Both tables are printed.
 */
class BadInputIT extends SuiteIT {

    /** A JSON body's text field is replaced by these bytes when a case sends bytes of its own. */
    static final String MARKER = "BAD-INPUT-MARKER";

    enum Kind { JSON, MERGE_PATCH, YAML, NONE }

    /** What a cell must answer. */
    enum Expect { REFUSED, REPORTED }

    /** One request: the body's bytes, sent chunked (no Content-Length) or not; an extra query string. */
    record Request(byte[] body, boolean chunked, String query) {
        static Request of(byte[] body) {
            return new Request(body, false, "");
        }
    }

    /**
     * A write endpoint. {@code body} gives the valid body with one field set (a null field: the valid body itself;
     * for YAML the field is ignored and the value goes where the template's text goes); {@code typed} is a field of
     * the endpoint with a value of the wrong JSON type, {@code date} the field holding a date or time (or null);
     * {@code stored} reads back (through the API) what a write would change (null for the signals: each cell's batch
     * is checked by {@link #signalLeftNothing}).
     */
    record Endpoint(String name, String base, String method, Supplier<String> path, Kind kind, long limit,
            BodyMaker body, String text, Object[] typed, String date, Supplier<String[]> headers, Supplier<String> stored) {
    }

    @FunctionalInterface
    interface BodyMaker {
        /** The body (a Map, a List or YAML text) with {@code field} set to {@code value}, for the case {@code id}. */
        Object make(String id, String field, Object value);
    }

    static String cat;
    static String sc;
    static String product;
    static String historyProduct;
    static long task;
    static long waiverToDecide;
    static long catalogHead;

    @BeforeAll
    static void fixtures() {
        cat = world.catalog.url();
        sc = world.scorecard.url();
        product = unique("bad");
        createProduct(product, "payments", "pre-pmf");
        historyProduct = unique("badh");
        createProduct(historyProduct, "payments", "pre-pmf");
        Fixtures.awaitScorecard(product);
        Fixtures.awaitScorecard(historyProduct);
        task = Fixtures.taskId(product, "availability-alert");
        Api.Answer requested = Api.json("POST", sc + "/api/waivers", world.keycloak.user("dana"), waiver("runbooks"));
        assertThat(requested.status()).as("waiver to decide: %s", requested).isEqualTo(201);
        waiverToDecide = requested.json().get("id").asLong();
    }

    // ---- what a write would change, read through the API ----------------------------------------------------------

    /** The catalog's head revision (every catalog write moves it), paging the feed on from the last head seen. */
    static String catalogHead() {
        long after = catalogHead;
        while (true) {
            JsonNode page = Api.get(cat + "/api/changes?after=" + after + "&limit=1000", admin).json();
            after = page.get("lastRevision").asLong();
            if (page.get("items").isEmpty()) {
                catalogHead = after;
                return "catalog head " + after;
            }
        }
    }

    static String total(String url) {
        Api.Answer answer = Api.get(url, admin);
        return answer.status() == 200 ? "total " + answer.json().get("total").asLong() : "answer " + answer.status();
    }

    static String taskState() {
        Api.Answer answer = Api.get(sc + "/api/tasks/" + task, admin);
        return answer.etag() + " " + answer.json().path("assignee").asText() + " " + answer.json().path("dueDate").asText();
    }

    static String history(String slug) {
        String from = LocalDate.now(ZoneOffset.UTC).minusYears(11).toString();
        return "points " + Api.get(sc + "/api/scorecards/" + slug + "/history?from=" + from, admin).json().get("items").size();
    }

    /**
     * Whether a signal batch stored its valid item (key {@code reliability.badinput.<case>}, observed now): an
     * observation of that key a minute older is applied only if nothing newer is stored.
     */
    static String signalLeftNothing(String id) {
        Api.Answer older = Api.json("POST", sc + "/api/signals", admin, List.of(Fixtures.signal(product, "reliability.badinput."
                + id, 1, Instant.now().minus(Duration.ofMinutes(1)))));
        JsonNode answer = older.json();
        return older.status() == 202 && answer.get("applied").asInt() == 1 ? "nothing stored"
                : "an observation was stored (" + older + ")";
    }

    // ---- valid bodies -------------------------------------------------------------------------------------------

    static Map<String, Object> waiver(String check) {
        return new LinkedHashMap<>(Map.of("product", product, "check", check, "reason", "Booked for next quarter",
                "expiresAt", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    static Map<String, Object> pastPoint(Instant takenAt) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("takenAt", takenAt.truncatedTo(ChronoUnit.SECONDS).toString());
        point.put("phase", "pre-pmf");
        point.put("score", 50);
        point.put("progress", 40);
        point.put("meetsPhaseBar", false);
        point.put("nextPhaseReadiness", 20);
        point.put("pillars", Map.of());
        return point;
    }

    /** A map body with {@code field} set (null field: unchanged). */
    static Object set(Map<String, Object> body, String field, Object value) {
        if (field != null) {
            body.put(field, value);
        }
        return body;
    }

    /** A list body (signals, history points) whose first item has {@code field} set; the second item is valid. */
    static Object first(Map<String, Object> item, Map<String, Object> valid, String field, Object value) {
        set(item, field, value);
        return new ArrayList<>(List.of(item, valid));
    }

    static String importYaml(String description) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %s
                  description: %s
                spec:
                  type: service
                  lifecycle: production
                  owner: group:payments
                """.formatted(unique("badimp"), description);
    }

    static String rubricYaml;

    static String rubricWithTitle(String title) {
        if (rubricYaml == null) {
            rubricYaml = Api.get(sc + "/api/rubric", admin, "Accept", "application/yaml").body();
        }
        // The title is the rubric's first key (default-rubric.yaml).
        return rubricYaml.replaceFirst("(?m)^title:.*$", "title: " + title.replace("$", "\\$"));
    }

    /** The current ETag (a target a wrongly accepted case deleted has none: a made-up one, refused as stale). */
    static String[] ifMatch(String url) {
        return new String[] { "If-Match", Api.get(url, admin).header("ETag").orElse("\"0\"") };
    }

    List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        Supplier<String[]> none = () -> new String[0];
        Supplier<String> head = BadInputIT::catalogHead;
        long json = 1 << 20;
        String team = unique("badt");
        createTeam(team);
        String emptyTeam = unique("badt");
        createTeam(emptyTeam);
        String target = unique("badp");
        createProduct(target, "payments", "pre-pmf");

        endpoints.add(new Endpoint("POST /api/teams", cat, "POST", () -> "/api/teams", Kind.JSON, json,
                (id, f, v) -> set(new LinkedHashMap<>(Fixtures.team(unique("badt"))), f, v), "name",
                new Object[] { "contact", "support@example.com" }, null, none, head));
        endpoints.add(new Endpoint("PUT /api/teams/{slug}", cat, "PUT", () -> "/api/teams/" + team, Kind.JSON, json,
                (id, f, v) -> set(new LinkedHashMap<>(Fixtures.team(team)), f, v), "name",
                new Object[] { "contact", "support@example.com" }, null, () -> ifMatch(cat + "/api/teams/" + team), head));
        endpoints.add(new Endpoint("DELETE /api/teams/{slug}", cat, "DELETE", () -> "/api/teams/" + emptyTeam, Kind.NONE, json,
                (id, f, v) -> set(new LinkedHashMap<>(Map.of("note", "x")), f, v), "note", new Object[] { "note", 5 }, null,
                () -> ifMatch(cat + "/api/teams/" + emptyTeam), head));
        endpoints.add(new Endpoint("POST /api/products", cat, "POST", () -> "/api/products", Kind.JSON, json,
                (id, f, v) -> set(Fixtures.product(unique("badp"), "payments", "pre-pmf"), f, v), "name",
                new Object[] { "tier", "2" }, null, none, head));
        endpoints.add(new Endpoint("PUT /api/products/{slug}", cat, "PUT", () -> "/api/products/" + target, Kind.JSON, json,
                (id, f, v) -> set(Fixtures.product(target, "payments", "pmf"), f, v), "name", new Object[] { "tier", 2.5 }, null,
                () -> ifMatch(cat + "/api/products/" + target), head));
        endpoints.add(new Endpoint("PATCH /api/products/{slug}", cat, "PATCH", () -> "/api/products/" + target, Kind.MERGE_PATCH,
                json, (id, f, v) -> set(new LinkedHashMap<>(Map.of("description", "patched")), f, v), "description",
                new Object[] { "tags", "java" }, null, () -> ifMatch(cat + "/api/products/" + target), head));
        endpoints.add(new Endpoint("DELETE /api/products/{slug}", cat, "DELETE", () -> "/api/products/" + target, Kind.NONE, json,
                (id, f, v) -> set(new LinkedHashMap<>(Map.of("note", "x")), f, v), "note", new Object[] { "note", 5 }, null,
                () -> ifMatch(cat + "/api/products/" + target), head));
        endpoints.add(new Endpoint("POST /api/import", cat, "POST", () -> "/api/import", Kind.YAML, 32L << 20,
                (id, f, v) -> f == null ? importYaml("A component") : importYaml(String.valueOf(v)), "description",
                new Object[] { "description", "[a, b]" }, null, none, head));

        endpoints.add(new Endpoint("PUT /api/rubric", sc, "PUT", () -> "/api/rubric", Kind.YAML, 2L << 20,
                (id, f, v) -> f == null ? rubricWithTitle("Bad input") : rubricWithTitle(String.valueOf(v)), "title",
                new Object[] { "title", "[a, b]" }, null, none, () -> total(sc + "/api/rubric/versions")));
        endpoints.add(new Endpoint("POST /api/signals", sc, "POST", () -> "/api/signals", Kind.JSON, json,
                (id, f, v) -> first(new LinkedHashMap<>(Fixtures.signal(product, "reliability.badinput." + id, 1, Instant.now())),
                        new LinkedHashMap<>(Fixtures.signal(product, "reliability.badinput." + id, 2, Instant.now())), f, v),
                "source", new Object[] { "value", Map.of("nested", 1) }, "observedAt", none, null));
        endpoints.add(new Endpoint("POST /api/attestations", sc, "POST", () -> "/api/attestations", Kind.JSON, json,
                (id, f, v) -> set(new LinkedHashMap<>(Map.of("product", product, "check", Fixtures.ATTESTED_CHECK, "evidenceUrl",
                        "https://wiki.example.com/incident-process", "comment", "reliability suite")), f, v), "comment",
                new Object[] { "evidenceUrl", 5 }, "performedAt", none, () -> total(sc + "/api/attestations?product=" + product)));
        endpoints.add(new Endpoint("PATCH /api/tasks/{id}", sc, "PATCH", () -> "/api/tasks/" + task, Kind.MERGE_PATCH, json,
                (id, f, v) -> set(new LinkedHashMap<>(Map.of("assignee", "dana")), f, v), "assignee",
                new Object[] { "status", 1 }, "dueDate", none, BadInputIT::taskState));
        endpoints.add(new Endpoint("POST /api/waivers", sc, "POST", () -> "/api/waivers", Kind.JSON, json,
                (id, f, v) -> set(waiver("game-day"), f, v), "reason", new Object[] { "untilPhaseChange", "yes" }, "expiresAt", none,
                () -> total(sc + "/api/waivers?product=" + product)));
        endpoints.add(new Endpoint("POST /api/waivers/{id}/decision", sc, "POST", () -> "/api/waivers/" + waiverToDecide + "/decision",
                Kind.JSON, json, (id, f, v) -> set(new LinkedHashMap<>(Map.of("decision", "approve", "comment", "ok")), f, v),
                "comment", new Object[] { "decision", true }, null, none,
                () -> Api.get(sc + "/api/waivers/" + waiverToDecide, admin).json().path("status").asText()));
        endpoints.add(new Endpoint("POST /api/reviews", sc, "POST", () -> "/api/reviews", Kind.JSON, json,
                (id, f, v) -> set(new LinkedHashMap<>(Map.of("product", product, "decision", "approved", "comment", "ok")), f, v),
                "comment", new Object[] { "decision", 5 }, null, none, () -> total(sc + "/api/reviews?product=" + product)));
        endpoints.add(new Endpoint("POST /api/scorecards/{p}/history", sc, "POST", () -> "/api/scorecards/" + historyProduct
                + "/history", Kind.JSON, json, (id, f, v) -> first(pastPoint(Instant.now().minus(Duration.ofDays(400))),
                        pastPoint(Instant.now().minus(Duration.ofDays(401))), f, v), "phase", new Object[] { "score", "50" }, "takenAt",
                none, () -> history(historyProduct)));
        endpoints.add(new Endpoint("POST /api/evaluations", sc, "POST", () -> "/api/evaluations", Kind.NONE, json,
                (id, f, v) -> set(new LinkedHashMap<>(Map.of("note", "evaluate", "products", List.of(product))), f, v), "note",
                new Object[] { "note", 5 }, null, none, () -> total(sc + "/api/evaluations")));
        endpoints.add(new Endpoint("POST /api/sync", sc, "POST", () -> "/api/sync", Kind.NONE, json,
                (id, f, v) -> set(new LinkedHashMap<>(Map.of("note", "x")), f, v), "note", new Object[] { "note", 5 }, null, none,
                () -> "revision " + Api.get(sc + "/api/sync", admin).json().path("lastRevision").asLong()));
        endpoints.add(new Endpoint("POST /api/sync/nudge", sc, "POST", () -> "/api/sync/nudge", Kind.NONE, json,
                (id, f, v) -> set(new LinkedHashMap<>(Map.of("note", "x")), f, v), "note", new Object[] { "note", 5 }, null, none,
                () -> "revision " + Api.get(sc + "/api/sync", admin).json().path("lastRevision").asLong()));
        return endpoints;
    }

    // ---- the corpus ---------------------------------------------------------------------------------------------

    /** The endpoint's body for the cell {@code id} with {@code field} set to {@code value} (null field: the valid body). */
    static byte[] bytes(Endpoint e, String id, String field, Object value) {
        Object body = e.body().make(id, field, value);
        if (body instanceof String yaml) {
            return yaml.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Api.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    /** The endpoint's body with its text field holding {@code inside} as raw bytes. */
    static byte[] raw(Endpoint e, String id, byte[] inside) {
        return splice(bytes(e, id, e.text(), MARKER), MARKER.getBytes(StandardCharsets.UTF_8), inside);
    }

    static byte[] splice(byte[] body, byte[] marker, byte[] replacement) {
        for (int i = 0; i + marker.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + marker.length, marker, 0, marker.length)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(body, 0, i);
                out.writeBytes(replacement);
                out.write(body, i + marker.length, body.length - i - marker.length);
                return out.toByteArray();
            }
        }
        throw new IllegalStateException("no marker in " + new String(body, StandardCharsets.UTF_8));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static boolean yaml(Endpoint e) {
        return e.kind() == Kind.YAML;
    }

    static boolean list(Endpoint e) {
        return e.body().make("x", null, null) instanceof List<?>;
    }

    /** A field as the client wrote it, in a list body the first item's ([0].takenAt). */
    static String asWritten(Endpoint e, String field) {
        return list(e) ? "[0]." + field : field;
    }

    /** Builds a cell's request: the endpoint and the cell's id (signal keys are named after it). Null: not applicable. */
    @FunctionalInterface
    interface Maker {
        Request make(Endpoint e, String id);
    }

    /**
     * One case of the corpus: its column label, what it is, its request, and what its refusal must mention (the field,
     * or the reason), so that a cell refused for another reason does not pass; null: any refusal.
     */
    record Case(String label, String what, Maker request, Function<Endpoint, String> mentions) {
    }

    /** The date field set to {@code instant} (a task's due date, a day: {@code day}); not applicable without one. */
    static Maker date(String instant, String day) {
        return (e, id) -> e.date() == null ? null : Request.of(bytes(e, id, e.date(), e.date().equals("dueDate") ? day : instant));
    }

    /** A valid value of the endpoint's date field followed by {@code control}. */
    static Maker dateWith(String control) {
        return (e, id) -> {
            if (e.date() == null) {
                return null;
            }
            String valid = switch (e.date()) {
                case "expiresAt" -> Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString();
                case "takenAt" -> Instant.now().minus(Duration.ofDays(402)).truncatedTo(ChronoUnit.SECONDS).toString();
                case "dueDate" -> LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
                default -> Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS).toString();
            };
            return Request.of(bytes(e, id, e.date(), valid + control));
        };
    }

    static Function<Endpoint, String> dateField() {
        return e -> asWritten(e, e.date());
    }

    /** The field a refusal must name, except where no body is taken at all (any body is the refusal's reason). */
    static Function<Endpoint, String> named(Function<Endpoint, String> field) {
        return e -> e.kind() == Kind.NONE || yaml(e) ? null : field.apply(e);
    }

    static byte[] oversize(Endpoint e) {
        return concat(utf8("{\"a\": \""), utf8("x".repeat((int) e.limit() + 1024)), utf8("\"}"));
    }

    static List<Case> corpus() {
        Function<Endpoint, String> none = e -> null;
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("big", "a body over the endpoint's limit (1 MiB; rubric 2, import 32), with Content-Length",
                (e, id) -> Request.of(oversize(e)), none));
        cases.add(new Case("bigC", "the same without Content-Length (chunked)", (e, id) -> new Request(oversize(e), true, ""), none));
        Function<Endpoint, String> notUtf8 = e -> e.kind() == Kind.NONE ? null : "not valid UTF-8";
        cases.add(new Case("deep", "a text field nested 1,200 levels deep (YAML: 60)", (e, id) -> Request.of(yaml(e)
                ? raw(e, id, utf8("[".repeat(60) + "]".repeat(60)))
                : splice(bytes(e, id, e.text(), MARKER), utf8("\"" + MARKER + "\""), utf8("[".repeat(1_200) + "]".repeat(1_200)))),
                none)); // typed bodies refuse a list where text belongs before reading into it; the others by depth
        cases.add(new Case("utf8", "a byte that is never UTF-8 (FF) in a text field",
                (e, id) -> Request.of(raw(e, id, new byte[] { 'a', (byte) 0xFF, 'b' })), notUtf8));
        cases.add(new Case("ovl", "an overlong UTF-8 '/' (C0 AF) in a text field",
                (e, id) -> Request.of(raw(e, id, new byte[] { 'a', (byte) 0xC0, (byte) 0xAF, 'b' })), notUtf8));
        cases.add(new Case("sur", "a UTF-8 encoded surrogate (ED A0 80) in a text field",
                (e, id) -> Request.of(raw(e, id, new byte[] { 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b' })), notUtf8));
        cases.add(new Case("nul", "NUL in a text field (JSON: \\u0000; YAML: the byte)", (e, id) -> Request.of(yaml(e)
                ? raw(e, id, new byte[] { 'a', 0, 'b' }) : bytes(e, id, e.text(), "a\u0000b")), named(e -> asWritten(e, e.text()))));
        cases.add(new Case("bel", "a raw BEL byte (07) in a string", (e, id) -> Request.of(raw(e, id, new byte[] { 'a', 7, 'b' })),
                none));
        cases.add(new Case("esc", "ESC (1B) in a JSON text field", (e, id) -> yaml(e) ? null
                : Request.of(bytes(e, id, e.text(), "\u001b[31mred")), named(e -> asWritten(e, e.text()))));
        cases.add(new Case("num", "a number where text belongs", (e, id) -> yaml(e) ? null : Request.of(bytes(e, id, e.text(), 42)),
                named(e -> asWritten(e, e.text()))));
        cases.add(new Case("type", "a value of the wrong type in a typed field (tier \"2\", a flag \"yes\", a list for text...)",
                (e, id) -> Request.of(bytes(e, id, (String) e.typed()[0], e.typed()[1])), named(e -> asWritten(e, (String) e.typed()[0]))));
        cases.add(new Case("huge", "a 900,000-character string in a text field (YAML: on one line)",
                (e, id) -> Request.of(bytes(e, id, e.text(), "x".repeat(900_000))),
                e -> e.kind() == Kind.NONE ? null : yaml(e) ? "longer than" : asWritten(e, e.text())));
        cases.add(new Case("unk", "an unknown field or key (a typo)", (e, id) -> {
            if (e.name().equals("POST /api/import")) {
                return null; // Backstage descriptors carry fields Pillarboard does not keep: listed as ignored, by design
            }
            return Request.of(yaml(e) ? concat(utf8("descripton: typo\n"), bytes(e, id, null, null)) : bytes(e, id, "descripton", "typo"));
        }, named(e -> asWritten(e, "descripton"))));
        cases.add(new Case("dup", "a field twice in one object, a key twice in one mapping",
                (e, id) -> Request.of(yaml(e) ? utf8(new String(bytes(e, id, null, null), StandardCharsets.UTF_8)
                        .replaceFirst("(?m)^(\\s*)(" + e.text() + "): (.*)$", "$1$2: $3\n$1$2: again"))
                        : duplicate(bytes(e, id, null, null), e.text())), e -> e.kind() == Kind.NONE ? null : e.text()));
        cases.add(new Case("tail", "more after the JSON value; YAML: a broken second document",
                (e, id) -> Request.of(concat(bytes(e, id, null, null), utf8(yaml(e) ? "\n--- [\n" : " {\"x\": 1}"))), none));
        cases.add(new Case("cut", "the body cut in half", (e, id) -> {
            byte[] whole = bytes(e, id, null, null);
            return Request.of(Arrays.copyOf(whole, whole.length / 2));
        }, none));
        cases.add(new Case("empty", "no body (where none is taken: one space)",
                (e, id) -> Request.of(e.kind() == Kind.NONE ? utf8(" ") : new byte[0]), none));
        cases.add(new Case("bomb", "a YAML alias bomb (9 levels of 9 aliases)", (e, id) -> yaml(e) ? Request.of(utf8(aliasBomb())) : null,
                none));
        cases.add(new Case("flag", "dryRun=yes (neither true nor false)",
                (e, id) -> yaml(e) ? new Request(bytes(e, id, null, null), false, "dryRun=yes") : null, e -> "dryRun"));
        cases.add(new Case("0001", "year 1 in the date or time field", date("0001-01-01T00:00:00Z", "0001-01-01"), dateField()));
        cases.add(new Case("-1e9", "year -999999999, the earliest a JSON reader takes",
                date("-999999999-01-01T00:00:00Z", "-999999999-01-01"), dateField()));
        cases.add(new Case("9999", "year 9999 (a task's due date: 10000, as 9999 is allowed)",
                date("9999-12-31T23:59:59Z", "+10000-01-01"), dateField()));
        cases.add(new Case("+1e9", "year +999999999, the latest a JSON reader takes",
                date("+999999999-12-31T23:59:59Z", "+999999999-12-31"), dateField()));
        cases.add(new Case("dNUL", "a valid time with a trailing NUL", dateWith("\u0000"), dateField()));
        cases.add(new Case("dBEL", "a valid time with a trailing BEL", dateWith("\u0007"), dateField()));
        cases.add(new Case("dTAB", "a valid time with a trailing tab", dateWith("\t"), dateField()));
        cases.add(new Case("dNum", "a time as a number (seconds? milliseconds?)",
                (e, id) -> e.date() == null ? null : Request.of(bytes(e, id, e.date(), 1_800_000_000)), dateField()));
        cases.add(new Case("path", "a control character in the path's slug or id (%00)",
                (e, id) -> e.path().get().matches("/api/(teams|products|tasks|waivers|scorecards)/.+")
                        ? new Request(bytes(e, id, null, null), false, NUL_IN_PATH) : null, e -> "path"));
        return cases;
    }

    static final String NUL_IN_PATH = "<NUL in the path>";

    /** The body with {@code field} given twice in its first object ({"name": "again", "name": ...}). */
    static byte[] duplicate(byte[] body, String field) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.contains("\"" + field + "\":")) {
            throw new IllegalStateException("no " + field + " to give twice in " + text);
        }
        int open = text.indexOf('{');
        return utf8(text.substring(0, open + 1) + "\"" + field + "\": \"again\", " + text.substring(open + 1));
    }

    static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = c;
        }
        return yaml.toString();
    }

    /**
     * What a cell must answer. The import reports each document it reads; a document that is YAML but not a valid
     * descriptor (a list where text belongs) is rejected in a 200, as its contract says (catalog-service/README.md);
     * everything else is refused.
     */
    static Expect expect(Endpoint e, Case c) {
        if (e.name().equals("POST /api/import") && c.label().equals("type")) {
            return Expect.REPORTED;
        }
        return Expect.REFUSED;
    }

    static Api.Answer send(Endpoint e, Request r) {
        String path = e.path().get() + (NUL_IN_PATH.equals(r.query()) ? "%00x" : "");
        String url = e.base() + path + (r.query().isEmpty() || NUL_IN_PATH.equals(r.query()) ? "" : "?" + r.query());
        return Api.send(e.method(), url, admin, contentType(e), r.body(), r.chunked(), e.headers().get());
    }

    /** Null when the cell is right, else why not. */
    static String judge(Endpoint e, Case c, Api.Answer answer, String before, String after) {
        String what = e.name() + " / " + c.label() + " (" + c.what() + ")";
        try {
            if (expect(e, c) == Expect.REPORTED) {
                assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(200);
                for (JsonNode item : answer.json().get("items")) {
                    assertThat(item.get("outcome").asText()).as("%s: %s", what, answer).isEqualTo("rejected");
                }
            } else {
                JsonNode problem = Problems.clientError(answer, what);
                String mentions = c.mentions().apply(e);
                if (mentions != null) {
                    String named = problem.path("detail").asText() + " " + problem.path("violations");
                    assertThat(named).as("%s: the problem mentions %s: %s", what, mentions, answer).contains(mentions);
                }
            }
            assertThat(after).as("%s: nothing stored (%s)", what, answer).isEqualTo(before);
            return null;
        } catch (AssertionError wrong) {
            return wrong.getMessage();
        }
    }

    @Test
    void everyWriteEndpointRefusesTheCorpusAndStoresNothing() {
        List<Endpoint> endpoints = endpoints();
        List<Case> cases = corpus();
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        long began = System.nanoTime();
        StringBuilder table = new StringBuilder();
        StringBuilder header = new StringBuilder(String.format("%-33s", "endpoint \\ case"));
        for (Case c : cases) {
            header.append(String.format(" %-4s", c.label().length() > 4 ? c.label().substring(0, 4) : c.label()));
        }
        table.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (Endpoint e : endpoints) {
            StringBuilder line = new StringBuilder(String.format("%-33s", e.name()));
            for (Case c : cases) {
                String id = c.label().replaceAll("[^A-Za-z0-9]", "x") + "-" + (cells + 1);
                Request r = c.request().make(e, id);
                if (r == null) {
                    line.append(String.format(" %-4s", "-"));
                    continue;
                }
                cells++;
                String cell;
                try {
                    String before = e.stored() == null ? "nothing stored" : e.stored().get();
                    Api.Answer answer = send(e, r);
                    String after = e.stored() == null ? signalLeftNothing(id) : e.stored().get();
                    String wrong = judge(e, c, answer, before, after);
                    if (wrong != null) {
                        mismatches.add(wrong);
                    }
                    cell = answer.status() + (expect(e, c) == Expect.REPORTED ? "r" : "") + (wrong == null ? "" : "!");
                } catch (RuntimeException | AssertionError broken) {
                    // A read-back that fails (a target a wrongly accepted case deleted): the cell is wrong, the run goes on.
                    mismatches.add(e.name() + " / " + c.label() + ": " + broken);
                    cell = "ERR!";
                }
                line.append(String.format(" %-4s", cell));
            }
            table.append(line).append('\n');
        }
        table.append('\n');
        for (Case c : cases) {
            table.append(String.format("  %-5s %s%n", c.label(), c.what()));
        }
        System.out.printf("[reliability] bad input, write endpoints: %d cells (%d endpoints x %d cases, - where a case does not "
                + "apply) in %.1f s; 4xx refused, 200r reported by the import with every document rejected, ! wrong%n%s%n",
                cells, endpoints.size(), cases.size(), (System.nanoTime() - began) / 1e9, table);
        assertThat(mismatches).as("bad input on write endpoints:\n%s", String.join("\n", mismatches)).isEmpty();
    }

    // ---- bodies over the network ceiling -----------------------------------------------------------------------------

    /** The services' network ceilings: quarkus.http.limits.max-body-size in their application.properties. */
    static long ceiling(Endpoint e) {
        return e.base().equals(cat) ? 64L << 20 : 16L << 20;
    }

    /** The endpoint's body up to where its text field's value begins; 'x' bytes follow, as many as the cell sends. */
    static byte[] opening(Endpoint e, String id) {
        String body = new String(bytes(e, id, e.text(), MARKER), StandardCharsets.UTF_8);
        return utf8(body.substring(0, body.indexOf(MARKER)));
    }

    static String contentType(Endpoint e) {
        return switch (e.kind()) {
            case YAML -> Api.YAML;
            case MERGE_PATCH -> Api.MERGE_PATCH;
            default -> "application/json";
        };
    }

    /**
     * Every write endpoint, with a body over its service's network ceiling (the catalog 64 MiB, the scorecard 16 MiB),
     * streamed, never held: with a Content-Length, a 413 problem quoting the endpoint's own limit, sent before the body is
     * read, and the connection closed; chunked, streamed 16 MiB past the ceiling, a 4xx problem while the body is
     * arriving (413, or 400 where no body is taken) and the server stops reading by the ceiling. Nothing stored.
     */
    @Test
    void aBodyOverTheNetworkCeilingIsRefusedOnEveryWriteEndpointAndNotReadPastIt() {
        List<String> mismatches = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-33s %-9s %-22s %s%n", "endpoint", "ceiling", "Content-Length",
                "chunked (read before the answer / in all)"));
        long began = System.nanoTime();
        int cell = 0;
        for (Endpoint e : endpoints()) {
            String url = e.base() + e.path().get();
            long ceiling = ceiling(e);
            StringBuilder line = new StringBuilder(String.format("%-33s %-9s", e.name(), (ceiling >> 20) + " MiB"));
            for (boolean chunked : new boolean[] { false, true }) {
                String id = (chunked ? "ceilC" : "ceil") + "-" + ++cell;
                String what = e.name() + " / " + (chunked ? "chunked past the ceiling" : "Content-Length over the ceiling");
                String result;
                try {
                    String before = e.stored() == null ? "nothing stored" : e.stored().get();
                    Streamed.Result sent = Streamed.send(e.method(), url, admin, contentType(e), e.headers().get(), opening(e, id),
                            chunked ? Streamed.CHUNKED : ceiling + 1, chunked ? ceiling + (16L << 20) : 256 * 1024);
                    String after = e.stored() == null ? signalLeftNothing(id) : e.stored().get();
                    result = sent.answer().status() + (chunked ? String.format(" (%d / %d MiB)", sent.sentWhenAnswered() >> 20,
                            sent.sent() >> 20) : sent.closed() ? " closed" : " open");
                    try {
                        JsonNode problem = Problems.clientError(sent.answer(), what);
                        if (!chunked || e.kind() != Kind.NONE) {
                            assertThat(sent.answer().status()).as("%s: %s", what, sent).isEqualTo(413);
                            assertThat(problem.path("detail").asText()).as("%s: %s", what, sent)
                                    .isEqualTo("The request body exceeds the limit of " + e.limit() + " bytes");
                        }
                        if (chunked) {
                            assertThat(sent.sentWhenAnswered()).as("%s: answered while the body arrived: %s", what, sent)
                                    .isLessThan(ceiling);
                            assertThat(sent.refusedMore()).as("%s: not read past the ceiling: %s", what, sent).isTrue();
                        } else {
                            assertThat(sent.closed()).as("%s: connection closed: %s", what, sent).isTrue();
                        }
                        assertThat(after).as("%s: nothing stored (%s)", what, sent).isEqualTo(before);
                    } catch (AssertionError wrong) {
                        mismatches.add(wrong.getMessage());
                        result += " !";
                    }
                } catch (RuntimeException broken) {
                    mismatches.add(what + ": " + broken);
                    result = "ERR!";
                }
                line.append(String.format(chunked ? " %s" : " %-22s", result));
            }
            table.append(line).append('\n');
        }
        System.out.printf("[reliability] bodies over the network ceiling, write endpoints: %d cells in %.1f s%n%s%n", cell,
                (System.nanoTime() - began) / 1e9, table);
        assertThat(mismatches).as("bodies over the ceiling:\n%s", String.join("\n", mismatches)).isEmpty();
    }

    // ---- lists: paging, sorting, dates ------------------------------------------------------------------------------

    /** A list endpoint and the parameters it takes. */
    record ListEndpoint(String name, String url, List<String> params) {
    }

    /** One bad parameter: the column label, the parameter, the raw query (sent as it is). */
    record ParamCase(String label, String param, String query) {
    }

    static List<ParamCase> paramCases() {
        return List.of(new ParamCase("s0", "size", "size=0"), new ParamCase("s-1", "size", "size=-1"),
                new ParamCase("s101", "size", "size=101"), new ParamCase("s2^31", "size", "size=2147483648"),
                new ParamCase("s1e3", "size", "size=1e3"), new ParamCase("sabc", "size", "size=abc"),
                new ParamCase("p-1", "page", "page=-1"), new ParamCase("p1e6", "page", "page=1000001"),
                new ParamCase("p2^64", "page", "page=18446744073709551616"),
                new ParamCase("sort?", "sort", "sort=nope"), new ParamCase("sort;", "sort", "sort=name;drop"),
                new ParamCase("sort-", "sort", "sort=-"), new ParamCase("sort--", "sort", "sort=--name"),
                new ParamCase("sort,", "sort", "sort=name,tier"), new ParamCase("sort2x", "sort", "sort=name&sort=-name"),
                new ParamCase("size2x", "size", "size=5&size=6"),
                new ParamCase("lim0", "limit", "limit=0"), new ParamCase("lim1e5", "limit", "limit=100000"),
                new ParamCase("aft-1", "after", "after=-1"), new ParamCase("aftx", "after", "after=abc"),
                new ParamCase("chk101", "checks", "checks=101"),
                new ParamCase("f0001", "from", "from=0001-01-01"), new ParamCase("t9999", "to", "to=9999-12-31"),
                new ParamCase("f>t", "from", "from=2026-09-02&to=2026-09-01"), new ParamCase("fNUL", "from", "from=2026-09-01%00"),
                new ParamCase("since1", "since", "since=0001-01-01T00:00:00Z"),
                new ParamCase("exp9999", "expiresBefore", "expiresBefore=9999-12-31"));
    }

    List<ListEndpoint> lists() {
        List<String> paged = List.of("page", "size");
        List<String> sorted = List.of("page", "size", "sort");
        return List.of(new ListEndpoint("GET /api/products", cat + "/api/products", sorted),
                new ListEndpoint("GET /api/teams", cat + "/api/teams", paged),
                new ListEndpoint("GET /api/changes", cat + "/api/changes", List.of("limit", "after")),
                new ListEndpoint("GET /api/changes/recent", cat + "/api/changes/recent", List.of("limit")),
                new ListEndpoint("GET /api/scorecards", sc + "/api/scorecards", sorted),
                new ListEndpoint("GET /api/tasks", sc + "/api/tasks", sorted),
                new ListEndpoint("GET /api/waivers", sc + "/api/waivers", List.of("page", "size", "expiresBefore")),
                new ListEndpoint("GET /api/reviews", sc + "/api/reviews?product=" + product, paged),
                new ListEndpoint("GET /api/attestations", sc + "/api/attestations", paged),
                new ListEndpoint("GET /api/evaluations", sc + "/api/evaluations", paged),
                new ListEndpoint("GET /api/rubric/versions", sc + "/api/rubric/versions", paged),
                new ListEndpoint("GET /api/overview", sc + "/api/overview", List.of("checks")),
                new ListEndpoint("GET /api/scorecards/{p}/history", sc + "/api/scorecards/" + product + "/history",
                        List.of("from", "to")),
                new ListEndpoint("GET /api/scorecards/{p}/changes", sc + "/api/scorecards/" + product + "/changes",
                        List.of("since")),
                new ListEndpoint("GET /api/teams/{t}/history", sc + "/api/teams/payments/history", List.of("from", "to")));
    }

    @Test
    void everyListRefusesBadPagingSortingAndDatesNamingTheParameter() {
        List<ListEndpoint> lists = lists();
        List<ParamCase> cases = paramCases();
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        long began = System.nanoTime();
        StringBuilder table = new StringBuilder();
        StringBuilder header = new StringBuilder(String.format("%-33s", "list \\ parameter"));
        for (ParamCase c : cases) {
            header.append(String.format(" %-7s", c.label()));
        }
        table.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (ListEndpoint list : lists) {
            StringBuilder line = new StringBuilder(String.format("%-33s", list.name()));
            for (ParamCase c : cases) {
                if (!list.params().contains(c.param())) {
                    line.append(String.format(" %-7s", "-"));
                    continue;
                }
                cells++;
                String url = list.url() + (list.url().contains("?") ? "&" : "?") + c.query();
                Api.Answer answer = Api.get(url, admin);
                String what = list.name() + " ?" + c.query();
                String wrong = null;
                try {
                    JsonNode problem = Problems.clientError(answer, what);
                    assertThat(problem.path("violations").toString()).as("%s names %s: %s", what, c.param(), answer)
                            .contains("\"" + c.param() + "\"");
                    if (c.param().equals("sort") && !c.label().endsWith("2x")) {
                        assertThat(problem.path("detail").asText()).as("%s names the sort fields: %s", what, answer).contains("use ");
                    }
                    if (c.param().equals("from") || c.param().equals("to") || c.param().equals("since")
                            || c.param().equals("expiresBefore")) {
                        assertThat(c.label().equals("f>t") || c.label().equals("fNUL")
                                || problem.path("detail").asText().contains("2000-01-01")).as("%s gives the bounds: %s", what, answer)
                                .isTrue();
                    }
                } catch (AssertionError e) {
                    wrong = e.getMessage();
                    mismatches.add(wrong);
                }
                line.append(String.format(" %-7s", answer.status() + (wrong == null ? "" : "!")));
            }
            table.append(line).append('\n');
        }
        System.out.printf("[reliability] bad input, lists: %d cells (%d lists x %d parameters, - where a list does not take it) in "
                + "%.1f s; 4xx refused naming the parameter, ! wrong%n%s%n", cells, lists.size(), cases.size(),
                (System.nanoTime() - began) / 1e9, table);
        assertThat(mismatches).as("bad parameters on lists:\n%s", String.join("\n", mismatches)).isEmpty();
    }
}
