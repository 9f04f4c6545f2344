package dev.pillarboard.reliability;

import static dev.pillarboard.reliability.support.Fixtures.createProduct;
import static dev.pillarboard.reliability.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pillarboard.reliability.support.Api;
import dev.pillarboard.reliability.support.Fixtures;
import dev.pillarboard.reliability.support.Problems;

/**
 * Clients racing each other over loopback, released together: writers with one {@code If-Match}
 * (exactly one wins, the rest get 412), an import replayed concurrently and again (every component
 * once, created once), waiver requests for one check (one is recorded, the rest 409) and decisions
 * on one waiver (one decides, the rest 409, and the stored decision is the winner's).
 */
class ConcurrencyIT extends SuiteIT {

    static final int RACERS = 8;

    @Test
    void writersRacingWithOneEtagHaveExactlyOneWinnerAndTheRestGet412() throws Exception {
        String cat = world.catalog.url();
        String slug = unique("race");
        String etag = createProduct(slug, "payments", "pre-pmf");
        List<Api.Answer> patches = race(i -> () -> Api.patch(cat + "/api/products/" + slug, admin, Map.of("tier", 1 + i % 3,
                "description", "writer " + i), "If-Match", etag));
        int winner = assertOneWinner(patches, "PATCH /api/products/{slug}");
        JsonNode stored = Api.get(cat + "/api/products/" + slug, admin).json();
        assertThat(stored.get("description").asText()).isEqualTo("writer " + winner);

        String current = Api.get(cat + "/api/products/" + slug, admin).etag();
        List<Api.Answer> puts = race(i -> () -> Api.json("PUT", cat + "/api/products/" + slug, admin,
                withDescription(Fixtures.product(slug, "payments", "pmf"), "put " + i), "If-Match", current));
        int putWinner = assertOneWinner(puts, "PUT /api/products/{slug}");
        assertThat(Api.get(cat + "/api/products/" + slug, admin).json().get("description").asText()).isEqualTo("put " + putWinner);

        // Tasks: the scorecard's optimistic concurrency works the same way.
        Fixtures.awaitScorecard(slug);
        long task = Fixtures.taskId(slug, "availability-alert");
        String taskEtag = Api.get(world.scorecard.url() + "/api/tasks/" + task, admin).etag();
        List<Api.Answer> taskPatches = race(i -> () -> Api.patch(world.scorecard.url() + "/api/tasks/" + task, admin,
                Map.of("assignee", "racer-" + i), "If-Match", taskEtag));
        int taskWinner = assertOneWinner(taskPatches, "PATCH /api/tasks/{id}");
        assertThat(Api.get(world.scorecard.url() + "/api/tasks/" + task, admin).json().get("assignee").asText())
                .isEqualTo("racer-" + taskWinner);
    }

    @Test
    void anImportReplayedConcurrentlyAndAgainCreatesEveryComponentOnce() throws Exception {
        String prefix = unique("replay");
        StringBuilder yaml = new StringBuilder();
        int components = 40;
        for (int i = 0; i < components; i++) {
            yaml.append("""
                    ---
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: %s-%d
                      description: replayed import
                    spec:
                      type: service
                      lifecycle: production
                      owner: group:checkout
                    """.formatted(prefix, i));
        }
        String cat = world.catalog.url();
        String automation = world.keycloak.automation();
        List<Api.Answer> replays = new ArrayList<>(race(i -> () -> Api.yaml("POST", cat + "/api/import", automation, yaml.toString())));
        replays.add(Api.yaml("POST", cat + "/api/import", automation, yaml.toString()));
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Api.Answer replay : replays) {
            assertThat(replay.status()).as("%s", replay).isEqualTo(200);
            for (JsonNode item : replay.json().get("items")) {
                outcomes.merge(item.get("outcome").asText(), 1, Integer::sum);
            }
        }
        System.out.printf("[reliability] import of %d components replayed %d times (%d at once): %s%n", components,
                replays.size(), RACERS, outcomes);
        assertThat(outcomes).containsEntry("created", components).containsEntry("unchanged", components * (replays.size() - 1))
                .containsOnlyKeys("created", "unchanged");
        assertThat(world.query("catalog", "SELECT count(*) FROM product WHERE slug LIKE '" + prefix + "-%'"))
                .isEqualTo(String.valueOf(components));
        JsonNode page = Api.get(cat + "/api/products?q=" + prefix + "&size=100", admin).json();
        assertThat(page.get("total").asInt()).isEqualTo(components);
    }

    @Test
    void racingWaiverRequestsRecordOneAndRacingDecisionsDecideOnce() throws Exception {
        String sc = world.scorecard.url();
        String slug = unique("waive");
        createProduct(slug, "payments", "pre-pmf");
        Fixtures.awaitScorecard(slug);
        String dana = world.keycloak.user("dana");
        String expires = Instant.now().plus(Duration.ofDays(30)).toString();
        List<Api.Answer> requests = race(i -> () -> Api.json("POST", sc + "/api/waivers", dana, Map.of("product", slug,
                "check", "restore-tested", "reason", "racer " + i, "expiresAt", expires)));
        long created = requests.stream().filter(a -> a.status() == 201).count();
        assertThat(created).as("waiver requests: %s", requests).isEqualTo(1);
        for (Api.Answer refused : requests.stream().filter(a -> a.status() != 201).toList()) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(409);
            Problems.clientError(refused, "a second open waiver request");
        }
        JsonNode waivers = Api.get(sc + "/api/waivers?product=" + slug, admin).json();
        assertThat(waivers.get("total").asInt()).isEqualTo(1);
        long id = waivers.get("items").get(0).get("id").asLong();

        // Two who may decide (the team's lead and a platform admin), approving and rejecting at once.
        List<String> deciders = List.of(world.keycloak.user("lee"), admin);
        List<Api.Answer> decisions = race(i -> () -> Api.json("POST", sc + "/api/waivers/" + id + "/decision",
                deciders.get(i % 2), Map.of("decision", i % 2 == 0 ? "approve" : "reject", "comment", "decider " + i)));
        int winner = -1;
        for (int i = 0; i < decisions.size(); i++) {
            if (decisions.get(i).status() == 200) {
                assertThat(winner).as("two decisions won: %s", decisions).isEqualTo(-1);
                winner = i;
            } else {
                assertThat(decisions.get(i).status()).as("%s", decisions.get(i)).isEqualTo(409);
                Problems.clientError(decisions.get(i), "a second decision");
            }
        }
        assertThat(winner).as("no decision won: %s", decisions).isNotEqualTo(-1);
        JsonNode stored = Api.get(sc + "/api/waivers/" + id, admin).json();
        assertThat(stored.get("status").asText()).isEqualTo(winner % 2 == 0 ? "approved" : "rejected");
    }

    private static Map<String, Object> withDescription(Map<String, Object> product, String description) {
        product.put("description", description);
        return product;
    }

    /** Asserts one 2xx among the answers and 412 problems for the rest; returns the winner's index. */
    private static int assertOneWinner(List<Api.Answer> answers, String what) {
        int winner = -1;
        for (int i = 0; i < answers.size(); i++) {
            Api.Answer answer = answers.get(i);
            if (answer.ok()) {
                assertThat(winner).as("%s: two writers won with one ETag: %s", what, answers).isEqualTo(-1);
                winner = i;
            } else {
                assertThat(answer.status()).as("%s: %s", what, answer).isEqualTo(412);
                Problems.clientError(answer, what + " with a stale ETag");
            }
        }
        assertThat(winner).as("%s: nobody won: %s", what, answers).isNotEqualTo(-1);
        return winner;
    }

    /** Runs {@link #RACERS} calls released at the same moment; their answers in racer order. */
    static <T> List<T> race(IntFunction<Callable<T>> racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Callable<T> call = racer.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
