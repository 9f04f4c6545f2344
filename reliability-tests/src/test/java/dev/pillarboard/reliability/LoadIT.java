package dev.pillarboard.reliability;

import static dev.pillarboard.reliability.support.Fixtures.createProduct;
import static dev.pillarboard.reliability.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.pillarboard.reliability.support.Fixtures;
import dev.pillarboard.reliability.support.Load;
import dev.pillarboard.reliability.support.Suite;

/**
 * Mixed reads and writes from several clients for {@code pillarboard.reliability.load-seconds}
 * (default 40): not one 5xx, not one connection refused or timed out, not one unexpected refusal,
 * and afterwards every acknowledged write is there and every created product has its scorecard.
 * This is not a benchmark (the rate is printed, never asserted): benchmarks/ measures speed.
 */
@ExtendWith(Suite.class)
class LoadIT {

    static final int CLIENTS = 6;

    @Test
    void mixedLoadFromSeveralClientsHasNo5xxAndLosesNoAcknowledgedWrite() {
        Suite.World world = Suite.world();
        long seconds = Long.getLong("pillarboard.reliability.load-seconds", 40);
        List<String> evaluated = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String slug = unique("load-read");
            createProduct(slug, i % 2 == 0 ? "payments" : "checkout", "pre-pmf");
            evaluated.add(slug);
        }
        evaluated.forEach(Fixtures::awaitScorecard);
        long began = System.nanoTime();
        Load load = Load.start(world, CLIENTS, unique("load"), evaluated);
        try {
            Awaitility.await("the load's duration").atMost(Duration.ofSeconds(seconds + 5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> System.nanoTime() - began >= Duration.ofSeconds(seconds).toNanos()
                            || load.failures().size() > 20);
        } finally {
            load.stop();
        }
        System.out.println("[reliability] load, " + CLIENTS + " clients for " + seconds + " s: " + load.summary());
        assertThat(load.failures()).as("failed requests under load (5xx, no answer, unexpected 4xx)").isEmpty();
        assertThat(load.acknowledgedWrites()).isPositive();
        load.assertEveryAcknowledgedWritePresent();
        load.assertEveryCreatedProductEvaluated(Duration.ofSeconds(60));
    }
}
