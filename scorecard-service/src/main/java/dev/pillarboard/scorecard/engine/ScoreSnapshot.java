package dev.pillarboard.scorecard.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The numbers of a scorecard that a history keeps: value equality ({@link #equals}) and a stable
 * {@link #fingerprint()} tell whether anything changed since the last snapshot. Check-level detail
 * (reasons, evidence, times) is deliberately left out.
 *
 * @param phase              the product's phase
 * @param progress           progress toward the phase bar (the headline figure)
 * @param score              overall score, or null
 * @param meetsPhaseBar      overall phase bar
 * @param nextPhaseReadiness overall next-phase readiness, or null in the last phase
 * @param pillarScores       pillar id to score (null values allowed), in rubric order
 */
public record ScoreSnapshot(String phase, int progress, Integer score, boolean meetsPhaseBar, Integer nextPhaseReadiness,
                            Map<String, Integer> pillarScores) {

    /** Copies the map, keeping its order. */
    public ScoreSnapshot {
        Objects.requireNonNull(phase, "phase");
        pillarScores = Collections.unmodifiableMap(new LinkedHashMap<>(pillarScores));
    }

    /**
     * A stable, human-readable string that changes exactly when the snapshot does, e.g.
     * {@code phase=pmf;progress=64;score=72;bar=false;next=-;observability=80;incident-response=-}
     * ({@code -} = null).
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder(128)
                .append("phase=").append(phase)
                .append(";progress=").append(progress)
                .append(";score=").append(orDash(score))
                .append(";bar=").append(meetsPhaseBar)
                .append(";next=").append(orDash(nextPhaseReadiness));
        pillarScores.forEach((pillar, value) -> text.append(';').append(pillar).append('=').append(orDash(value)));
        return text.toString();
    }

    private static String orDash(Integer value) {
        return value == null ? "-" : value.toString();
    }
}
