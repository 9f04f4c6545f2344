package dev.pillarboard.scorecard;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The improvement task of one failing check of one product. The evaluator creates, closes
 * ({@code done}) and reopens it; the owning team sets status (open / in progress), assignee and
 * due date.
 */
@Entity
@Table(name = "task")
public class Task extends CheckRow {

    public static final String OPEN = "open";
    public static final String IN_PROGRESS = "in-progress";
    public static final String DONE = "done";

    @Column(nullable = false)
    public String owner;

    @Column(nullable = false)
    public String pillar;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String priority;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String reason;

    public String assignee;

    @Column(name = "due_date")
    public LocalDate dueDate;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "reopened_at")
    public Instant reopenedAt;

    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    /** The status of the task's check when it was last evaluated (fail, unknown, not-connected, ...); null before V7. */
    @Column(name = "check_status")
    public String checkStatus;

    /**
     * What the product's phase asks of the task's check when it was last evaluated: required (a P1, or a P2 within
     * the grace of a newly required check), recommended, or n/a (a check only the next phase requires); null before
     * V11 until the next evaluation.
     */
    @Column(name = "requirement")
    public String requirement;

    /**
     * The entity tag of the task as it reads now: a strong ETag over everything a read shows, so
     * that it changes with any change, by the team or by the evaluator (status, priority, reason,
     * assignee, due date, ...).
     */
    public String etag() {
        String state = String.join("\u001f", String.valueOf(id), product, owner, checkId, pillar, title, priority, status,
                reason, String.valueOf(assignee), String.valueOf(dueDate), String.valueOf(createdAt), String.valueOf(updatedAt),
                String.valueOf(closedAt), String.valueOf(reopenedAt), Integer.toString(reopenCount), String.valueOf(checkStatus),
                String.valueOf(requirement));
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < state.length(); i++) {
            hash ^= state.charAt(i);
            hash *= 0x100000001b3L;
        }
        return "\"" + Long.toHexString(hash) + "\"";
    }
}
