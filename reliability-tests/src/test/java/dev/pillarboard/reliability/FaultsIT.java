package dev.pillarboard.reliability;

import static dev.pillarboard.reliability.support.Fixtures.createProduct;
import static dev.pillarboard.reliability.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pillarboard.reliability.support.Api;
import dev.pillarboard.reliability.support.Fixtures;
import dev.pillarboard.reliability.support.Load;
import dev.pillarboard.reliability.support.Problems;
import dev.pillarboard.reliability.support.Service;

/**
 * Faults done to the running suite: the scorecard stopped while the catalog changes 300 times, the
 * catalog killed, the suite's PostgreSQL restarted under load, and a second scorecard replica on
 * the same database following the same feed. Each test leaves both services running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT extends SuiteIT {

    /** What the scorecard's summary of a product must say after the catalog's last change to it. */
    record Expected(String name, int tier, String phase, String owner) {
    }

    @Test
    @Order(1)
    void theScorecardStoppedWhileTheCatalogChanges300TimesReflectsEveryChangeWhenStarted() {
        String cat = world.catalog.url();
        String prefix = unique("down");
        world.scorecard.stop();
        Map<String, Expected> expected = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        Map<String, String> etags = new HashMap<>();
        int changes = 0;
        try {
            // 120 created, 120 changed (name, tier, phase, owner), 60 of them deleted: 300 changes.
            for (int i = 0; i < 120; i++, changes++) {
                String slug = prefix + "-" + i;
                etags.put(slug, createProduct(slug, "payments", "pre-launch"));
            }
            String[] owners = { "payments", "checkout", "search" };
            String[] phases = { "pre-pmf", "pmf" };
            for (int i = 0; i < 120; i++, changes++) {
                String slug = prefix + "-" + i;
                Expected now = new Expected("Changed " + i, 1 + i % 3, phases[i % 2], owners[i % 3]);
                Api.Answer patched = Api.patch(cat + "/api/products/" + slug, admin, Map.of("name", now.name(), "tier", now.tier(),
                        "phase", now.phase(), "owner", now.owner()), "If-Match", etags.get(slug));
                assertThat(patched.status()).as("%s", patched).isEqualTo(200);
                etags.put(slug, patched.etag());
                expected.put(slug, now);
            }
            for (int i = 0; i < 120; i += 2, changes++) {
                String slug = prefix + "-" + i;
                Api.Answer gone = Api.send("DELETE", cat + "/api/products/" + slug, admin, null, null, false, "If-Match",
                        etags.get(slug));
                assertThat(gone.status()).as("%s", gone).isEqualTo(204);
                expected.remove(slug);
                deleted.add(slug);
            }
            assertThat(changes).isEqualTo(300);
        } finally {
            world.scorecard.start();
        }
        long head = Fixtures.catalogHead();
        Awaitility.await("the scorecard reflects all 300 changes").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Map<String, Expected> seen = summaries(prefix);
                    assertThat(seen).isEqualTo(expected);
                });
        JsonNode sync = Api.get(world.scorecard.url() + "/api/sync", admin).json();
        assertThat(sync.get("lastRevision").asLong()).isGreaterThanOrEqualTo(head);
        for (String slug : deleted) {
            assertThat(Api.get(world.scorecard.url() + "/api/scorecards/" + slug, admin).status()).as(slug).isEqualTo(404);
        }
    }

    @Test
    @Order(2)
    void theCatalogKilledTheScorecardDegradesAndFollowsAgainWhenItIsBack() {
        String sc = world.scorecard.url();
        String known = unique("kill");
        createProduct(known, "payments", "pre-pmf");
        Fixtures.awaitScorecard(known);
        long pid = world.scorecard.pid();
        world.catalog.kill();
        try {
            // The follower notices at its next poll (every 5 s), or at once when asked to poll.
            Api.send("POST", sc + "/api/sync/nudge", admin, null, null, false);
            Awaitility.await("the scorecard notices the catalog is gone").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> !Api.get(sc + "/api/sync", admin).json().get("catalogReachable").asBoolean());
            // Degraded, not down: ready, scorecards served, evidence taken.
            Api.Answer ready = world.scorecard.readinessAnswer();
            assertThat(ready.status()).as("%s", ready).isEqualTo(200);
            assertThat(ready.body()).contains("degraded");
            assertThat(Api.get(sc + "/api/scorecards/" + known, admin).status()).isEqualTo(200);
            assertThat(Api.get(sc + "/api/scorecards?owner=payments", admin).status()).isEqualTo(200);
            Api.Answer attested = Api.json("POST", sc + "/api/attestations", admin, Map.of("product", known, "check",
                    Fixtures.ATTESTED_CHECK, "evidenceUrl", "https://wiki.example.com/ir", "comment", "while the catalog is down"));
            assertThat(attested.status()).as("%s", attested).isEqualTo(201);
        } finally {
            world.catalog.start();
        }
        String after = unique("back");
        createProduct(after, "checkout", "pmf");
        Fixtures.awaitScorecard(after);
        Awaitility.await("the follower says it follows again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> Api.get(sc + "/api/sync", admin).json().get("catalogReachable").asBoolean());
        assertThat(world.scorecard.pid()).as("the scorecard was not restarted").isEqualTo(pid);
    }

    @Test
    @Order(3)
    void postgresRestartedUnderLoadBothServicesRecoverWithoutARestartAndKeepEveryAcknowledgedWrite() {
        List<String> evaluated = evaluatedProducts("pg", 4);
        long catalogPid = world.catalog.pid();
        long scorecardPid = world.scorecard.pid();
        Instant outageStart;
        Instant outageEnd;
        Load load = Load.start(world, 3, unique("pgload"), evaluated);
        try {
            awaitAcknowledged(load, 20);
            outageStart = Instant.now();
            world.postgres.stop("fast");
            try {
                Awaitility.await("the catalog says it is not ready").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200)).until(() -> world.catalog.readiness() == 503);
                Api.Answer refused = Api.json("POST", world.catalog.url() + "/api/products", admin,
                        Fixtures.product(unique("outage"), "payments", "pre-pmf"));
                assertThat(refused.status()).as("%s", refused).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isPresent();
                Problems.problem(refused, "a write while PostgreSQL is down");
                Api.Answer read = Api.get(world.scorecard.url() + "/api/scorecards/" + evaluated.get(0), admin);
                assertThat(read.status()).as("%s", read).isEqualTo(503);
            } finally {
                world.postgres.startServer();
            }
            long before = load.acknowledgedWrites();
            awaitAcknowledged(load, before + 30);
            outageEnd = Instant.now();
            // A while of steady load after the recovery: no failure may follow it.
            awaitAcknowledged(load, load.acknowledgedWrites() + 30);
        } finally {
            load.stop();
        }
        System.out.println("[reliability] PostgreSQL restarted under load: " + load.summary());
        List<Load.Failure> failures = load.failures();
        for (Load.Failure failure : failures) {
            assertThat(failure.status()).as("only 503 during the outage: %s", failure).isEqualTo(503);
            assertThat(failure.retryAfter()).as("503 with Retry-After: %s", failure).isNotNull();
            assertThat(failure.at()).as("503 only during the outage (%s - %s): %s", outageStart, outageEnd, failure)
                    .isBetween(outageStart, outageEnd);
        }
        assertThat(world.catalog.readiness()).isEqualTo(200);
        assertThat(world.scorecard.readiness()).isEqualTo(200);
        assertThat(world.catalog.pid()).as("the catalog was not restarted").isEqualTo(catalogPid);
        assertThat(world.scorecard.pid()).as("the scorecard was not restarted").isEqualTo(scorecardPid);
        load.assertEveryAcknowledgedWritePresent();
        load.assertEveryCreatedProductEvaluated(Duration.ofSeconds(60));
    }

    private static final Pattern APPLIED = Pattern.compile("Applied (\\d+) catalog changes \\(revisions (\\d+)\\.\\.(\\d+)\\)");

    @Test
    @Order(4)
    void twoScorecardReplicasOnOneFeedApplyNothingTwiceAndEvaluateEveryProduct() throws Exception {
        Service replica = world.replica;
        long mainMark = world.scorecard.logMark();
        long replicaMark = replica.logMark();
        replica.start();
        String prefix = unique("twin");
        List<String> slugs = new ArrayList<>();
        try {
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        createProduct(prefix + "-" + writer + "-" + i, "search", "pre-pmf");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            writers.shutdown();
            for (int w = 0; w < 4; w++) {
                for (int i = 0; i < 40; i++) {
                    slugs.add(prefix + "-" + w + "-" + i);
                }
            }
            long head = Fixtures.catalogHead();
            Awaitility.await("both replicas at the catalog's head").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Api.get(world.scorecard.url() + "/api/sync", admin).json().get("lastRevision").asLong() >= head
                            && Api.get(replica.url() + "/api/sync", admin).json().get("lastRevision").asLong() >= head);
            Awaitility.await("every product evaluated").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(summaries(prefix).keySet()).containsExactlyInAnyOrderElementsOf(slugs));
            for (Service either : List.of(world.scorecard, replica)) {
                JsonNode card = Api.get(either.url() + "/api/scorecards/" + slugs.get(0), admin).json();
                assertThat(card.get("evaluatedAt").isNull()).isFalse();
            }
        } finally {
            replica.stop();
        }
        List<long[]> ranges = new ArrayList<>();
        Map<String, Integer> pagesBy = new HashMap<>();
        for (Service either : List.of(world.scorecard, replica)) {
            Matcher applied = APPLIED.matcher(either.logSince(either == replica ? replicaMark : mainMark));
            while (applied.find()) {
                ranges.add(new long[] { Long.parseLong(applied.group(2)), Long.parseLong(applied.group(3)) });
                pagesBy.merge(either.name(), 1, Integer::sum);
            }
        }
        System.out.println("[reliability] two replicas: pages of catalog changes applied by each " + pagesBy);
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i)[0]).as("revisions %d..%d applied again after %d..%d", ranges.get(i)[0], ranges.get(i)[1],
                    ranges.get(i - 1)[0], ranges.get(i - 1)[1]).isGreaterThan(ranges.get(i - 1)[1]);
        }
        assertThat(ranges).as("pages applied").isNotEmpty();
    }

    /** Products made and evaluated for a test. */
    private static List<String> evaluatedProducts(String prefix, int count) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String slug = unique(prefix);
            createProduct(slug, "payments", "pre-pmf");
            slugs.add(slug);
        }
        slugs.forEach(Fixtures::awaitScorecard);
        return slugs;
    }

    private static void awaitAcknowledged(Load load, long writes) {
        Awaitility.await(writes + " acknowledged writes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> load.acknowledgedWrites() >= writes);
    }

    /** The scorecard's summaries of the products whose slug starts with {@code prefix}. */
    static Map<String, Expected> summaries(String prefix) {
        Map<String, Expected> seen = new HashMap<>();
        for (int page = 0;; page++) {
            Api.Answer answer = Api.get(world.scorecard.url() + "/api/scorecards?q=" + prefix + "&size=100&page=" + page, admin);
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            JsonNode items = answer.json().get("items");
            for (JsonNode item : items) {
                seen.put(item.get("product").asText(), new Expected(item.get("name").asText(), item.get("tier").asInt(),
                        item.get("phase").asText(), item.get("owner").asText()));
            }
            if (items.size() < 100) {
                return seen;
            }
        }
    }
}
