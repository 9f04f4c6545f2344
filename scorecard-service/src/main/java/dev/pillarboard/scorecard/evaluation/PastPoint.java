package dev.pillarboard.scorecard.evaluation;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One history point from before Pillarboard rated the product, as an organisation brings it from
 * another tool (or the demo from its file): the fields of a point of {@code GET
 * /api/scorecards/{product}/history}, without the rubric version (the import records the version in
 * force). Checked by {@link HistoryImport}.
 */
@Schema(name = "PastHistoryPoint")
public record PastPoint(
        @Schema(description = "When the scores were taken: in the past, before the product's earliest stored point")
        Instant takenAt,
        @Schema(description = "A phase of the rubric in force") String phase,
        @Schema(description = "Overall score 0-100, or null when nothing was applicable") Integer score,
        @Schema(description = "Progress toward the phase's bar 0-100 (100 exactly when it is met), or null when not known")
        Integer progress,
        Boolean meetsPhaseBar,
        @Schema(description = "0-100, or null (in the last phase)") Integer nextPhaseReadiness,
        @Schema(description = "Score 0-100 (or null) per pillar id of the rubric in force; pillars left out have no score")
        Map<String, Integer> pillars) {
}
