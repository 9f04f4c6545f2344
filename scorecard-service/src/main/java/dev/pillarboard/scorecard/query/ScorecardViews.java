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
     * A pillar of one product; {@code distance} (required checks of the pillar not met), {@code progress} (toward
     * the product's own phase bar) and {@code extraCredit} (recommended checks met) are absent from results stored
     * before they existed (and extra credit when nothing is recommended).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PillarView(String id, String title, Integer score, Boolean meetsPhaseBar, Integer nextPhaseReadiness,
            Integer distance, Integer progress, Integer extraCredit) {
    }

    public record OpenTasks(int P1, int P2, int P3, int total) {
        public static OpenTasks of(int p1, int p2, int p3) {
            return new OpenTasks(p1, p2, p3, p1 + p2 + p3);
        }
    }

    /**
     * One line of {@code GET /api/scorecards}. {@code progress} is the headline figure; {@code score} the share of
     * every applicable check (kept for comparison); {@code extraCredit} the recommended checks met;
     * {@code notConnected} and {@code insufficientData} count the checks that are not failures of the practice;
     * with {@code check=}, {@code checkStatus} and {@code checkReason} are that check's status and reason (the reason
     * in the answer's language).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String product, String name, String owner, String phase, Integer tier, int rubricVersion,
            Integer score, Integer progress, Boolean meetsPhaseBar, Integer distance, Integer requiredChecks,
            String nextPhase, Integer nextPhaseReadiness, List<PillarView> pillars, OpenTasks openTasks, boolean reviewDue,
            Instant lastReviewAt, Instant evaluatedAt, String problem, String checkStatus, Integer extraCredit,
            Integer notConnected, Integer insufficientData, String checkReason) {
    }

    /**
     * The rule that decided a check for this product when it is not the check's own: an override for its tier or
     * tags ({@code label}, e.g. {@code tier 1}), and why.
     */
    public record RuleView(int override, String label, String why) {
    }

    /**
     * One check of a scorecard. {@code rule} is present when an override applied; {@code graceUntil} when the check
     * is newly required and its task is P2 until then; {@code connect} (Markdown) when its signal was never pushed:
     * how to connect it, instead of the fix.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckResultView(String id, String pillar, String title, int weight, String status, String outcome,
            String requirement, String nextPhaseRequirement, String priority, String reason, Map<String, Object> evidence,
            StoredCheck.AppliedWaiver waiver, Instant evaluatedAt, RuleView rule, Instant graceUntil, String connect) {
    }

    public record LastReview(long id, String decision, String comment, String reviewedBy, Instant reviewedAt,
            int rubricVersion) {
    }

    /** {@code GET /api/scorecards/{product}}; texts in {@code language}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Full(String product, String name, String owner, String phase, String nextPhase, int rubricVersion,
            Integer score, Integer progress, boolean meetsPhaseBar, int distance, Integer requiredChecks,
            Integer nextPhaseReadiness, List<PillarView> pillars, List<CheckResultView> checks, OpenTasks openTasks,
            boolean reviewDue, Instant reviewDueAt, LastReview lastReview, Instant evaluatedAt, Instant changedAt,
            Integer extraCredit, Integer notConnected, Integer insufficientData, String language) {
    }

    /** A history point; {@code progress} (toward the phase bar) is null in points taken before it existed. */
    public record HistoryPoint(Instant takenAt, int rubricVersion, String phase, Integer score, Integer progress,
            boolean meetsPhaseBar, Integer nextPhaseReadiness, Map<String, Integer> pillars) {
    }

    public record History(String product, Instant from, Instant to, List<HistoryPoint> items, boolean truncated) {
    }

    public record GapView(String check, String pillar, String title, int weight, String outcome, String reason, String fix) {
    }

    /** {@code GET /api/scorecards/{product}/readiness/{phase}}; titles and fixes in {@code language}. */
    public record ReadinessView(String product, String currentPhase, String targetPhase, int rubricVersion, boolean meets,
            int readiness, int requiredChecks, int satisfiedChecks, List<GapView> gaps, Instant evaluatedAt, String language) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TeamProduct(String product, String name, String phase, Integer score, Boolean meetsPhaseBar,
            Integer distance, String nextPhase, Integer nextPhaseReadiness, OpenTasks openTasks, String problem,
            boolean evaluated, Integer progress, Integer extraCredit, Integer notConnected, Integer insufficientData) {
    }

    /**
     * A team's totals: {@code averageProgress} is the headline (the average of its products' progress toward their
     * own bars); {@code notConnected} the checks of its products whose signals were never pushed ("connect 12 signals").
     */
    public record TeamTotals(int products, int meetingPhaseBar, Integer averageScore, OpenTasks openTasks,
            Integer averageProgress, int notConnected, int insufficientData) {
    }

    public record TeamRef(String slug, String name) {
    }

    /** {@code GET /api/teams/{slug}/summary}. */
    public record TeamSummary(TeamRef team, List<TeamProduct> products, TeamTotals totals) {
    }
}
