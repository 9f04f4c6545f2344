package dev.pillarboard.scorecard.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Rubrics and fixed instants shared by the engine tests. */
final class TestRubrics {

    /** The evaluation instant of every test. */
    static final Instant NOW = Instant.parse("2026-10-01T12:00:00Z");

    /** The only check id of {@link #oneCheck}. */
    static final String CHECK = "the-check";

    private TestRubrics() {
    }

    /** The text of a test resource under {@code /rubric/}. */
    static String resource(String name) {
        try (InputStream in = TestRubrics.class.getResourceAsStream("/rubric/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /rubric/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine test rubric (obs/sec/res pillars, seven checks, weights chosen for easy sums). */
    static Rubric engineTestRubric() {
        return RubricParser.parse(resource("engine-test-rubric.yaml"), "engine-test-rubric.yaml");
    }

    /** The feature test rubric: tier overrides, a minCount, grace of 30 days, next-phase tasks at P3, Japanese texts. */
    static Rubric featuresRubric() {
        return RubricParser.parse(resource("features-rubric.yaml"), "features-rubric.yaml");
    }

    /**
     * A rubric with phases pre-launch, pre-pmf, pmf, one pillar and one check {@value #CHECK} with
     * the given evidence (flow-style YAML) and requirements.
     */
    static Rubric oneCheck(String evidence, String preLaunch, String prePmf, String pmf) {
        String yaml = """
                attestationValidityDays: 180
                phases: [pre-launch, pre-pmf, pmf]
                pillars: [{id: core, title: Core}]
                checks:
                  - id: the-check
                    pillar: core
                    title: The check
                    why: Because it matters.
                    fix: Do the thing.
                    weight: 3
                    requirements: {pre-launch: '%s', pre-pmf: '%s', pmf: '%s'}
                    evidence: %s
                """.formatted(preLaunch, prePmf, pmf, evidence);
        return RubricParser.parse(yaml, "one-check.yaml");
    }

    /** {@link #oneCheck} required in every phase. */
    static Rubric oneRequiredCheck(String evidence) {
        return oneCheck(evidence, "required", "required", "required");
    }
}
