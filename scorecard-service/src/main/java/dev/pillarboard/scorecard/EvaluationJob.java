package dev.pillarboard.scorecard;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A re-evaluation of every product, with its progress; stored so that any replica can answer for it. */
@Entity
@Table(name = "evaluation_job")
public class EvaluationJob extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String status;

    /** Why it runs: {@code manual}, {@code rubric-published}, {@code periodic}. */
    @Column(nullable = false)
    public String reason;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    /** Set for scheduled jobs, so that only one replica starts each. */
    @Column(name = "schedule_key")
    public String scheduleKey;

    @Column(name = "rubric_version")
    public Integer rubricVersion;

    @Column(nullable = false)
    public int done;

    @Column(nullable = false)
    public int total;

    /** Products that could not be scored (a phase the rubric does not define) or evaluated (handed to the queue). */
    @Column(nullable = false)
    public int failed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    public String error;
}
