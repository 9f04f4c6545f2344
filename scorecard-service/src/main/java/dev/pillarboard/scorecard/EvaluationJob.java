package dev.pillarboard.scorecard;

import java.time.Instant;
import java.util.UUID;

/**
 * A re-evaluation of every product, with its progress; stored in {@code evaluation_job} (through
 * {@code evaluation/JobStore} only) so that any replica can answer for it.
 *
 * @param reason        why it runs: {@code manual}, {@code rubric-published}, {@code periodic}
 * @param failed        products that could not be scored (a phase the rubric does not define) or
 *                      evaluated (handed to the queue)
 */
public record EvaluationJob(UUID id, String status, String reason, String requestedBy, Integer rubricVersion, int done,
        int total, int failed, Instant createdAt, Instant startedAt, Instant finishedAt, String error) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}
