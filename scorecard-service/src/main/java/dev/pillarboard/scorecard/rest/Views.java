package dev.pillarboard.scorecard.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import dev.pillarboard.scorecard.Attestation;
import dev.pillarboard.scorecard.EvaluationJob;
import dev.pillarboard.scorecard.Review;
import dev.pillarboard.scorecard.Task;
import dev.pillarboard.scorecard.Waiver;
import dev.pillarboard.scorecard.engine.Reasons;
import dev.pillarboard.scorecard.engine.Rubric;

/** Response bodies of the simple resources. */
public final class Views {

    private Views() {
    }

    /** An attestation; {@code performedAt} is when the practice happened, from which {@code validUntil} counts. */
    public record AttestationView(long id, String product, String check, String by, Instant at, Instant validUntil,
            boolean valid, String evidenceUrl, String comment, Instant performedAt) {
        static AttestationView of(Attestation a, Instant now) {
            return new AttestationView(a.id, a.product, a.checkId, a.attestedBy, a.attestedAt, a.validUntil,
                    now.isBefore(a.validUntil), a.evidenceUrl, a.comment, a.performedAt);
        }
    }

    /**
     * A waiver; {@code untilPhaseChange} with {@code phase} when it counts only while the product is in that phase,
     * {@code endedAt} when it stopped because the product left it.
     */
    public record WaiverView(long id, String product, String check, String reason, String status, String requestedBy,
            Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt, String comment,
            boolean untilPhaseChange, String phase, Instant endedAt) {
        static WaiverView of(Waiver w, Instant now) {
            return new WaiverView(w.id, w.product, w.checkId, w.reason, w.effectiveStatus(now), w.requestedBy, w.requestedAt,
                    w.expiresAt, w.decidedBy, w.decidedAt, w.decisionComment, w.phase != null, w.phase, w.endedAt);
        }
    }

    public record ReviewView(long id, String product, String decision, String comment, String reviewedBy,
            Instant reviewedAt, int rubricVersion, Integer score) {
        static ReviewView of(Review r) {
            return new ReviewView(r.id, r.product, r.decision, r.comment, r.reviewedBy, r.reviewedAt, r.rubricVersion, r.score);
        }
    }

    /**
     * A task; {@code etag} is the one its GET answers, so a list is enough to send an If-Match with a patch.
     * {@code checkStatus} is the status of its check ({@code not-connected}: connect the signal rather than fix the
     * practice); a task opened in a grace period has that period's end as its {@code dueDate}.
     */
    public record TaskView(long id, String product, String owner, String check, String pillar, String title,
            String priority, String status, String assignee, LocalDate dueDate, String reason, Instant createdAt,
            Instant updatedAt, Instant closedAt, Instant reopenedAt, int reopenCount, String etag, String checkStatus,
            String requirement) {
        /** The task with its check's title and its reason in {@code language} (English where there is none). */
        static TaskView of(Task t, String language, Rubric rubric) {
            return new TaskView(t.id, t.product, t.owner, t.checkId, t.pillar, rubric.titleOf(t.checkId, language, t.title),
                    t.priority, t.status, t.assignee, t.dueDate, Reasons.in(t.reason, language, rubric), t.createdAt,
                    t.updatedAt, t.closedAt, t.reopenedAt, t.reopenCount, t.etag(), t.checkStatus, t.requirement);
        }
    }

    public record JobView(UUID id, String status, String reason, String requestedBy, Integer rubricVersion, int done,
            int total, int failed, Instant createdAt, Instant startedAt, Instant finishedAt, String error) {
        static JobView of(EvaluationJob j) {
            return new JobView(j.id(), j.status(), j.reason(), j.requestedBy(), j.rubricVersion(), j.done(), j.total(),
                    j.failed(), j.createdAt(), j.startedAt(), j.finishedAt(), j.error());
        }
    }
}
