package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One product's results against a rubric at one instant.
 *
 * @param product            product slug
 * @param owner              owning team slug (as given in the product facts; may be null)
 * @param phase              the product's phase id
 * @param nextPhase          the next phase id; null in the last phase
 * @param score              overall passed weight / applicable weight × 100; null if nothing is applicable
 * @param passedWeight       overall passed weight
 * @param applicableWeight   overall applicable weight (waived checks excluded)
 * @param meetsPhaseBar      every check required now passes or is waived
 * @param nextPhaseReadiness share (0..100) of the next phase's required checks that pass or are waived;
 *                           null in the last phase
 * @param pillars            one roll-up per pillar, in rubric order
 * @param checks             one result per check, in rubric order
 * @param evaluatedAt        the evaluation instant ("now")
 */
public record Scorecard(String product, String owner, String phase, String nextPhase, Integer score,
                        int passedWeight, int applicableWeight, boolean meetsPhaseBar, Integer nextPhaseReadiness,
                        List<PillarScore> pillars, List<CheckResult> checks, Instant evaluatedAt) {

    /** Copies the lists. */
    public Scorecard {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        pillars = List.copyOf(pillars);
        checks = List.copyOf(checks);
    }

    /** The result of one check, if the rubric has it. */
    public Optional<CheckResult> check(String checkId) {
        for (CheckResult result : checks) {
            if (result.checkId().equals(checkId)) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }

    /** The roll-up of one pillar, if the rubric has it. */
    public Optional<PillarScore> pillar(String pillarId) {
        for (PillarScore score : pillars) {
            if (score.pillar().equals(pillarId)) {
                return Optional.of(score);
            }
        }
        return Optional.empty();
    }

    /** The results that call for an improvement task (priority not null), in rubric order. */
    public List<CheckResult> tasks() {
        List<CheckResult> tasks = new ArrayList<>();
        for (CheckResult result : checks) {
            if (result.priority() != null) {
                tasks.add(result);
            }
        }
        return List.copyOf(tasks);
    }

    /** Progress toward the phase bar (the headline figure), distance, extra credit and the checks counted apart. */
    public BarProgress bar() {
        return BarProgress.of(this);
    }

    /** The numbers a history keeps; equal snapshots mean nothing worth recording changed. */
    public ScoreSnapshot snapshot() {
        Map<String, Integer> pillarScores = new LinkedHashMap<>();
        for (PillarScore pillar : pillars) {
            pillarScores.put(pillar.pillar(), pillar.score());
        }
        return new ScoreSnapshot(phase, bar().progress(), score, meetsPhaseBar, nextPhaseReadiness, pillarScores);
    }

    /** Shorthand for {@code snapshot().fingerprint()}. */
    public String fingerprint() {
        return snapshot().fingerprint();
    }
}
