package dev.pillarboard.scorecard.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pillarboard.scorecard.StoredCheck;

/** Response bodies of the scorecard read side. */
public final class ScorecardViews {

    private ScorecardViews() {
    }

    /**
     * A pillar of one product; {@code distance} (required checks of the pillar not met) and {@code progress} (toward
     * the product's own phase bar) are absent from results stored before they existed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PillarView(String id, String title, Integer score, Boolean meetsPhaseBar, Integer nextPhaseReadiness,
            Integer distance, Integer progress) {
    }

    public record OpenTasks(int P1, int P2, int P3, int total) {
        public static OpenTasks of(int p1, int p2, int p3) {
            return new OpenTasks(p1, p2, p3, p1 + p2 + p3);
        }
    }

    /** One line of {@code GET /api/scorecards}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String product, String name, String owner, String phase, Integer tier, int rubricVersion,
            Integer score, Integer progress, Boolean meetsPhaseBar, Integer distance, Integer requiredChecks,
            String nextPhase, Integer nextPhaseReadiness, List<PillarView> pillars, OpenTasks openTasks, boolean reviewDue,
            Instant lastReviewAt, Instant evaluatedAt, String problem, String checkStatus) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckView(String id, String pillar, String title, int weight, String status, String outcome,
            String requirement, String nextPhaseRequirement, String priority, String reason, Map<String, Object> evidence,
            StoredCheck.AppliedWaiver waiver, Instant evaluatedAt) {
    }

    public record LastReview(long id, String decision, String comment, String reviewedBy, Instant reviewedAt,
            int rubricVersion) {
    }

    /** {@code GET /api/scorecards/{product}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Full(String product, String name, String owner, String phase, String nextPhase, int rubricVersion,
            Integer score, Integer progress, boolean meetsPhaseBar, int distance, Integer requiredChecks,
            Integer nextPhaseReadiness, List<PillarView> pillars, List<CheckView> checks, OpenTasks openTasks,
            boolean reviewDue, Instant reviewDueAt, LastReview lastReview, Instant evaluatedAt, Instant changedAt) {
    }

    /** A history point; {@code progress} (toward the phase bar) is null in points taken before it existed. */
    public record HistoryPoint(Instant takenAt, int rubricVersion, String phase, Integer score, Integer progress,
            boolean meetsPhaseBar, Integer nextPhaseReadiness, Map<String, Integer> pillars) {
    }

    public record History(String product, Instant from, Instant to, List<HistoryPoint> items, boolean truncated) {
    }

    public record GapView(String check, String pillar, String title, int weight, String outcome, String reason, String fix) {
    }

    /** {@code GET /api/scorecards/{product}/readiness/{phase}}. */
    public record ReadinessView(String product, String currentPhase, String targetPhase, int rubricVersion, boolean meets,
            int readiness, int requiredChecks, int satisfiedChecks, List<GapView> gaps, Instant evaluatedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TeamProduct(String product, String name, String phase, Integer score, Boolean meetsPhaseBar,
            Integer distance, String nextPhase, Integer nextPhaseReadiness, OpenTasks openTasks, String problem,
            boolean evaluated) {
    }

    public record TeamTotals(int products, int meetingPhaseBar, Integer averageScore, OpenTasks openTasks) {
    }

    public record TeamRef(String slug, String name) {
    }

    /** {@code GET /api/teams/{slug}/summary}. */
    public record TeamSummary(TeamRef team, List<TeamProduct> products, TeamTotals totals) {
    }
}
