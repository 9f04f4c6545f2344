package dev.pillarboard.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Several clients at once, each a loop of mixed reads and writes on both services: create a product,
 * change one of its own (merge patch with {@code If-Match}), read a product, a filtered list, a
 * scorecard and the scorecard list, attest a check. Every answer is counted; every write the service
 * acknowledged (2xx) is remembered, with the writes whose answer never came (they may or may not have
 * happened), so that afterwards everything acknowledged can be looked for.
 */
public final class Load implements AutoCloseable {

    /** A product a client created and changes: its last acknowledged tier and the tiers tried after it. */
    static final class Owned {
        final String slug;
        volatile String etag;
        volatile int ackedTier = 2;
        final Set<Integer> triedSinceAck = Collections.synchronizedSet(new HashSet<>());

        Owned(String slug, String etag) {
            this.slug = slug;
            this.etag = etag;
        }
    }

    /** An answer that is not a success and not a deliberate refusal: when, what, how. */
    public record Failure(Instant at, String what, int status, String retryAfter, String body) {
        @Override
        public String toString() {
            return at + " " + what + " -> " + status + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")") + " "
                    + (body.length() > 300 ? body.substring(0, 300) : body);
        }
    }

    private final Suite.World world;
    private final String prefix;
    private final List<String> evaluated;
    private final ExecutorService pool;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<String, Owned> created = new ConcurrentHashMap<>();
    private final Set<String> uncertainCreates = ConcurrentHashMap.newKeySet();
    private final Set<Long> attestations = ConcurrentHashMap.newKeySet();
    private final AtomicLong acknowledgedWrites = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final long startedAt = System.nanoTime();
    private volatile long stoppedAt;

    /**
     * Starts {@code clients} clients. {@code evaluated} are products the scorecard has evaluated, to
     * read and attest; {@code prefix} starts the slug of every product the load creates.
     */
    public static Load start(Suite.World world, int clients, String prefix, List<String> evaluated) {
        return new Load(world, clients, prefix, evaluated);
    }

    private Load(Suite.World world, int clients, String prefix, List<String> evaluated) {
        this.world = world;
        this.prefix = prefix;
        this.evaluated = evaluated;
        this.pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            int client = i;
            pool.submit(() -> run(client));
        }
    }

    private void run(int client) {
        String token = world.admin();
        String cat = world.catalog.url();
        String sc = world.scorecard.url();
        String[] owners = { "payments", "checkout", "search" };
        List<Owned> mine = new ArrayList<>();
        long n = 0;
        while (running.get()) {
            n++;
            if (n % 200 == 0) {
                token = world.admin();
            }
            String someEvaluated = evaluated.get((int) (n % evaluated.size()));
            switch ((int) (n % 8)) {
                case 0 -> {
                    String slug = prefix + "-" + client + "-" + n;
                    Api.Answer answer = call("create product", Api.json("POST", cat + "/api/products", token,
                            Fixtures.product(slug, owners[(int) (n % owners.length)], "pre-pmf")));
                    if (answer.status() == 201) {
                        Owned owned = new Owned(slug, answer.etag());
                        created.put(slug, owned);
                        mine.add(owned);
                        acknowledgedWrites.incrementAndGet();
                    } else {
                        uncertainCreates.add(slug);
                    }
                }
                case 1, 5 -> {
                    if (mine.isEmpty()) {
                        continue;
                    }
                    Owned owned = mine.get((int) (n % mine.size()));
                    int tier = 1 + (int) (n % 3);
                    owned.triedSinceAck.add(tier);
                    Api.Answer answer = call("patch product", Api.patch(cat + "/api/products/" + owned.slug, token,
                            Map.of("tier", tier), "If-Match", owned.etag), 412);
                    if (answer.status() == 200) {
                        owned.ackedTier = tier;
                        owned.triedSinceAck.clear();
                        owned.etag = answer.etag();
                        acknowledgedWrites.incrementAndGet();
                    } else if (answer.status() == 412) {
                        // An earlier patch whose answer was lost did happen: read the current state.
                        Api.Answer current = call("read product", Api.get(cat + "/api/products/" + owned.slug, token));
                        if (current.status() == 200) {
                            owned.etag = current.etag();
                        }
                    }
                }
                case 2 -> call("read product", Api.get(cat + "/api/products/" + someEvaluated, token));
                case 3 -> call("list products", Api.get(cat + "/api/products?owner=" + owners[(int) (n % 3)] + "&tier=2&size=20",
                        token));
                case 4 -> call("read scorecard", Api.get(sc + "/api/scorecards/" + someEvaluated, token));
                case 6 -> call("list scorecards", Api.get(sc + "/api/scorecards?owner=payments&sort=-progress&size=20", token));
                default -> {
                    Api.Answer answer = call("attest", Api.json("POST", sc + "/api/attestations", token, Map.of("product",
                            someEvaluated, "check", Fixtures.ATTESTED_CHECK, "evidenceUrl", "https://wiki.example.com/ir/" + n,
                            "comment", "load client " + client)));
                    if (answer.status() == 201) {
                        attestations.add(answer.json().get("id").asLong());
                        acknowledgedWrites.incrementAndGet();
                    }
                }
            }
        }
    }

    private Api.Answer call(String what, Api.Answer answer, int... expectedRefusals) {
        requests.incrementAndGet();
        String kind = answer.status() < 0 ? "no answer" : (answer.status() / 100) + "xx";
        counts.computeIfAbsent(what + " " + kind, k -> new AtomicLong()).incrementAndGet();
        boolean refusal = false;
        for (int expected : expectedRefusals) {
            refusal |= answer.status() == expected;
        }
        if (!answer.ok() && !refusal) {
            failures.add(new Failure(Instant.now(), what, answer.status(), answer.header("Retry-After").orElse(null), answer.body()));
        }
        return answer;
    }

    /** Stops the clients and waits for their last requests. */
    public Load stop() {
        running.set(false);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(90, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stoppedAt = System.nanoTime();
        return this;
    }

    @Override
    public void close() {
        if (running.get()) {
            stop();
        }
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    public long acknowledgedWrites() {
        return acknowledgedWrites.get();
    }

    public long requests() {
        return requests.get();
    }

    public Set<String> createdProducts() {
        return Set.copyOf(created.keySet());
    }

    /** One line per kind of request and answer, and the rate. */
    public String summary() {
        double seconds = ((stoppedAt == 0 ? System.nanoTime() : stoppedAt) - startedAt) / 1e9;
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.get()));
        return String.format("%d requests in %.1f s (%.0f/s), %d acknowledged writes (%d products created, %d attestations): %s",
                requests.get(), seconds, requests.get() / seconds, acknowledgedWrites.get(), created.size(), attestations.size(),
                sorted);
    }

    /**
     * Every acknowledged write is there: each created product with its last acknowledged tier (or a
     * tier tried after it whose answer was lost), each attestation.
     */
    public void assertEveryAcknowledgedWritePresent() {
        String token = world.admin();
        List<String> missing = new ArrayList<>();
        for (Owned owned : created.values()) {
            Api.Answer answer = Api.get(world.catalog.url() + "/api/products/" + owned.slug, token);
            if (answer.status() != 200) {
                missing.add("product " + owned.slug + ": " + answer);
                continue;
            }
            int tier = answer.json().get("tier").asInt();
            if (tier != owned.ackedTier && !owned.triedSinceAck.contains(tier)) {
                missing.add("product " + owned.slug + ": tier " + tier + ", acknowledged " + owned.ackedTier);
            }
        }
        for (long id : attestations) {
            Api.Answer answer = Api.get(world.scorecard.url() + "/api/attestations/" + id, token);
            if (answer.status() != 200) {
                missing.add("attestation " + id + ": " + answer);
            }
        }
        assertThat(missing).as("acknowledged writes that are missing").isEmpty();
    }

    /** The scorecard has evaluated every product the load created (those whose creation it acknowledged, at least). */
    public void assertEveryCreatedProductEvaluated(Duration within) {
        String token = world.admin();
        org.awaitility.Awaitility.await("the scorecard of every product the load created").atMost(within)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Set<String> seen = new HashSet<>();
                    int page = 0;
                    while (true) {
                        Api.Answer answer = Api.get(world.scorecard.url() + "/api/scorecards?q=" + prefix + "&size=100&page=" + page,
                                token);
                        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
                        JsonNode items = answer.json().get("items");
                        for (JsonNode item : items) {
                            seen.add(item.get("product").asText());
                        }
                        if (items.size() < 100) {
                            break;
                        }
                        page++;
                    }
                    Set<String> notYet = new HashSet<>(created.keySet());
                    notYet.removeAll(seen);
                    assertThat(notYet).as("created products the scorecard has not evaluated").isEmpty();
                    Set<String> unknown = new HashSet<>(seen);
                    unknown.removeAll(created.keySet());
                    unknown.removeAll(uncertainCreates);
                    assertThat(unknown).as("scorecards of products nobody created").isEmpty();
                });
    }
}
