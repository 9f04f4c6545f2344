package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scores a synthetic portfolio (10,000 products by default, varied catalog data and evidence)
 * against the default rubric. One operation = every product scored once. Run with
 * {@code scripts/bench-engine.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineBenchmark {

    private static final Instant NOW = Instant.parse("2026-10-01T12:00:00Z");

    @Param("10000")
    public int products;

    private ScoringEngine engine;
    private SyntheticPortfolio portfolio;

    @Setup
    public void setUp() {
        Rubric rubric = RubricParser.defaultRubric();
        engine = new ScoringEngine(rubric);
        portfolio = SyntheticPortfolio.generate(rubric, products, 20_261_001L, NOW);
    }

    /** Every product, one after the other, on one thread. */
    @Benchmark
    public void scoreAllOneThread(Blackhole blackhole) {
        for (int i = 0; i < portfolio.size(); i++) {
            blackhole.consume(engine.evaluate(portfolio.product(i), portfolio.evidence(i), NOW));
        }
    }

    /** Every product, spread over the common fork-join pool (all cores), as a full re-evaluation would. */
    @Benchmark
    public long scoreAllParallel() {
        return IntStream.range(0, portfolio.size()).parallel()
                .mapToObj(i -> engine.evaluate(portfolio.product(i), portfolio.evidence(i), NOW))
                .filter(Scorecard::meetsPhaseBar)
                .count();
    }

    /** Evaluation plus the history fingerprint, which the service computes for every product. */
    @Benchmark
    public void scoreAndFingerprintOneThread(Blackhole blackhole) {
        for (int i = 0; i < portfolio.size(); i++) {
            blackhole.consume(engine.evaluate(portfolio.product(i), portfolio.evidence(i), NOW).fingerprint());
        }
    }
}
