package dev.pillarboard.scorecard.evaluation;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.scorecard.Task;
import dev.pillarboard.scorecard.engine.BarProgress;
import dev.pillarboard.scorecard.engine.CheckResult;
import dev.pillarboard.scorecard.engine.Priority;
import dev.pillarboard.scorecard.engine.ProductFacts;
import dev.pillarboard.scorecard.engine.Scorecard;

/**
 * The writes of one evaluation call, sent at {@link #flush()}. Rows that are always new go by
 * {@code COPY}: history points, new tasks, and the first scorecard of a product (the product's
 * mirror row is locked and its stored results were read under that lock, so no other evaluation
 * can create them meanwhile; the unique keys would refuse a duplicate rather than skip it).
 * Changes to existing rows are batched statements.
 */
final class ResultWriter implements AutoCloseable {

    private static final byte[] EMPTY_LIST = "[]".getBytes(StandardCharsets.UTF_8);

    final Connection c;
    final Instant now;
    final OffsetDateTime nowTs;
    final int rubricVersion;
    final PreparedStatement upsert;
    final PreparedStatement touch;
    final PreparedStatement reopenTask;
    final PreparedStatement closeTask;
    final PreparedStatement updateTask;
    /** Statement batch sizes: upsert, touch, reopen, update, close. */
    final int[] counts = new int[5];
    final CopyRows newScorecards = new CopyRows();
    final CopyRows history = new CopyRows();
    final CopyRows newTasks = new CopyRows();
    /** The stored JSON of each product's results, written with one reused buffer. */
    final ResultJson json;

    ResultWriter(Connection c, Instant now, int rubricVersion, ObjectMapper mapper) throws SQLException {
        this.c = c;
        this.now = now;
        this.nowTs = now.atOffset(ZoneOffset.UTC);
        this.rubricVersion = rubricVersion;
        this.json = new ResultJson(mapper);
        upsert = c.prepareStatement("""
                INSERT INTO scorecard (product, owner, phase, rubric_version, problem, score, meets_bar, bar_gaps,
                    next_phase, next_phase_readiness, pillar_scores, checks, checks_hash, fingerprint,
                    open_p1, open_p2, open_p3, evaluated_at, changed_at, last_snapshot_at, next_change_at,
                    progress, required_checks, extra_credit, not_connected, insufficient_data, tasks_digest, next_deadline_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, convert_from(?, 'UTF8'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    ?, ?)
                ON CONFLICT (product) DO UPDATE SET owner = EXCLUDED.owner, phase = EXCLUDED.phase,
                    rubric_version = EXCLUDED.rubric_version, problem = EXCLUDED.problem, score = EXCLUDED.score,
                    meets_bar = EXCLUDED.meets_bar, bar_gaps = EXCLUDED.bar_gaps, next_phase = EXCLUDED.next_phase,
                    next_phase_readiness = EXCLUDED.next_phase_readiness, pillar_scores = EXCLUDED.pillar_scores,
                    checks = EXCLUDED.checks, checks_hash = EXCLUDED.checks_hash, fingerprint = EXCLUDED.fingerprint,
                    open_p1 = EXCLUDED.open_p1, open_p2 = EXCLUDED.open_p2, open_p3 = EXCLUDED.open_p3,
                    evaluated_at = EXCLUDED.evaluated_at, changed_at = EXCLUDED.changed_at,
                    last_snapshot_at = EXCLUDED.last_snapshot_at, next_change_at = EXCLUDED.next_change_at,
                    progress = EXCLUDED.progress, required_checks = EXCLUDED.required_checks,
                    extra_credit = EXCLUDED.extra_credit, not_connected = EXCLUDED.not_connected,
                    insufficient_data = EXCLUDED.insufficient_data, tasks_digest = EXCLUDED.tasks_digest,
                    next_deadline_at = EXCLUDED.next_deadline_at""");
        touch = c.prepareStatement(
                "UPDATE scorecard SET evaluated_at = ?, last_snapshot_at = ?, next_change_at = ?, tasks_digest = ?, next_deadline_at = ?"
                        + " WHERE product = ?");
        // A task due by the end of a grace period gets that due date unless the team has set one.
        reopenTask = c.prepareStatement("""
                UPDATE task SET status = 'open', priority = ?, reason = ?, owner = ?, pillar = ?, title = ?,
                    closed_at = NULL, reopened_at = ?, reopen_count = reopen_count + 1, updated_at = ?, check_status = ?,
                    due_date = coalesce(due_date, ?), requirement = ?
                WHERE id = ? AND status = 'done'""");
        closeTask = c.prepareStatement("""
                UPDATE task SET status = 'done', reason = ?, owner = ?, closed_at = ?, updated_at = ?, check_status = ?
                WHERE id = ? AND status <> 'done'""");
        updateTask = c.prepareStatement("""
                UPDATE task SET priority = ?, reason = ?, owner = ?, pillar = ?, title = ?, updated_at = ?, check_status = ?,
                    due_date = coalesce(due_date, ?), requirement = ?
                WHERE id = ? AND status <> 'done'""");
    }

    /**
     * A changed scorecard: a new row for a product without one (COPY), else an upsert. {@code taskDigest} is what
     * the product's tasks match once this call's task writes are made ({@link TaskDigest}).
     */
    void scorecard(Scorecard card, ProductFacts product, boolean exists, ResultJson.Encoded pillarsJson, ResultJson.Encoded checksJson,
            String fingerprint, BarProgress bar, int[] open, Instant lastSnapshot, Instant nextChange, Instant nextDeadline,
            String taskDigest) throws SQLException {
        int barGaps = bar.distance();
        if (!exists) {
            newScorecards.text(product.slug()).text(product.owner()).text(product.phase()).int4(rubricVersion)
                    .text(null).int4(card.score()).bool(card.meetsPhaseBar()).int4(barGaps).text(card.nextPhase())
                    .int4(card.nextPhaseReadiness()).jsonb(pillarsJson)
                    .json(checksJson).text(checksJson.hash()).text(fingerprint).int4(open[0]).int4(open[1]).int4(open[2])
                    .timestamp(now).timestamp(now).timestamp(lastSnapshot).timestamp(nextChange)
                    .int4(bar.progress()).int4(bar.requiredChecks()).int4(bar.extraCredit())
                    .int4(bar.notConnected()).int4(bar.insufficientData()).text(taskDigest).timestamp(nextDeadline);
            newScorecards.endRow();
            return;
        }
        upsert.setString(1, product.slug());
        upsert.setString(2, product.owner());
        upsert.setString(3, product.phase());
        upsert.setInt(4, rubricVersion);
        upsert.setNull(5, Types.VARCHAR);
        setInteger(upsert, 6, card.score());
        upsert.setBoolean(7, card.meetsPhaseBar());
        upsert.setInt(8, barGaps);
        upsert.setString(9, card.nextPhase());
        setInteger(upsert, 10, card.nextPhaseReadiness());
        upsert.setString(11, pillarsJson.text());
        upsert.setBytes(12, checksJson.copy());
        upsert.setString(13, checksJson.hash());
        upsert.setString(14, fingerprint);
        upsert.setInt(15, open[0]);
        upsert.setInt(16, open[1]);
        upsert.setInt(17, open[2]);
        upsert.setObject(18, nowTs);
        upsert.setObject(19, nowTs);
        EvaluationInputs.setInstant(upsert, 20, lastSnapshot);
        EvaluationInputs.setInstant(upsert, 21, nextChange);
        upsert.setInt(22, bar.progress());
        upsert.setInt(23, bar.requiredChecks());
        setInteger(upsert, 24, bar.extraCredit());
        upsert.setInt(25, bar.notConnected());
        upsert.setInt(26, bar.insufficientData());
        upsert.setString(27, taskDigest);
        EvaluationInputs.setInstant(upsert, 28, nextDeadline);
        upsert.addBatch();
        counts[0]++;
    }

    /**
     * A product the rubric cannot score (its phase is unknown): the row says why; tasks stay as they are, and are
     * read again at the next evaluation (no task digest).
     */
    void unscorable(ProductFacts product, String problem, Collection<EvaluationInputs.TaskRow> tasks) throws SQLException {
        int[] open = new int[3];
        for (EvaluationInputs.TaskRow task : tasks) {
            if (!Task.DONE.equals(task.status())) {
                open[Priority.valueOf(task.priority()).ordinal()]++;
            }
        }
        upsert.setString(1, product.slug());
        upsert.setString(2, product.owner());
        upsert.setString(3, product.phase());
        upsert.setInt(4, rubricVersion);
        upsert.setString(5, problem.length() > 1000 ? problem.substring(0, 1000) : problem);
        upsert.setNull(6, Types.INTEGER);
        upsert.setNull(7, Types.BOOLEAN);
        upsert.setNull(8, Types.INTEGER);
        upsert.setNull(9, Types.VARCHAR);
        upsert.setNull(10, Types.INTEGER);
        upsert.setString(11, "{}");
        upsert.setBytes(12, EMPTY_LIST);
        upsert.setString(13, "");
        upsert.setString(14, "");
        upsert.setInt(15, open[0]);
        upsert.setInt(16, open[1]);
        upsert.setInt(17, open[2]);
        upsert.setObject(18, nowTs);
        upsert.setObject(19, nowTs);
        upsert.setNull(20, Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.setNull(21, Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.setNull(22, Types.INTEGER);
        upsert.setNull(23, Types.INTEGER);
        upsert.setNull(24, Types.INTEGER);
        upsert.setNull(25, Types.INTEGER);
        upsert.setNull(26, Types.INTEGER);
        upsert.setString(27, "");
        upsert.setNull(28, Types.TIMESTAMP_WITH_TIMEZONE);
        upsert.addBatch();
        counts[0]++;
    }

    /** An unchanged scorecard: when it was evaluated, its next snapshot, change and deadline, and its task digest. */
    void touch(String product, Instant lastSnapshot, Instant nextChange, Instant nextDeadline, String taskDigest)
            throws SQLException {
        touch.setObject(1, nowTs);
        EvaluationInputs.setInstant(touch, 2, lastSnapshot);
        EvaluationInputs.setInstant(touch, 3, nextChange);
        touch.setString(4, taskDigest);
        EvaluationInputs.setInstant(touch, 5, nextDeadline);
        touch.setString(6, product);
        touch.addBatch();
        counts[1]++;
    }

    void history(Scorecard card, ResultJson.Encoded pillarsJson, BarProgress bar) {
        history.text(card.product()).timestamp(now).int4(rubricVersion).text(card.phase()).int4(card.score())
                .bool(card.meetsPhaseBar()).int4(card.nextPhaseReadiness()).jsonb(pillarsJson).int4(bar.progress());
        history.endRow();
    }

    /** Opens, reopens, updates and closes the product's tasks to match its results. */
    void tasks(ProductFacts product, Scorecard card, Map<String, EvaluationInputs.TaskRow> existing) throws SQLException {
        Map<String, Boolean> seen = existing.isEmpty() ? null : new HashMap<>();
        for (CheckResult result : card.checks()) {
            if (seen != null) {
                seen.put(result.checkId(), Boolean.TRUE);
            }
            EvaluationInputs.TaskRow task = existing.get(result.checkId());
            if (result.priority() == null && (task == null || Task.DONE.equals(task.status()))) {
                continue;
            }
            String reason = truncate(result.reason(), 2000);
            String title = truncate(result.title() == null ? result.checkId() : result.title(), 500);
            String checkStatus = result.status().label();
            String requirement = result.requirement().label();
            LocalDate due = result.graceUntil() == null ? null : LocalDate.ofInstant(result.graceUntil(), ZoneOffset.UTC);
            if (result.priority() != null) {
                String priority = result.priority().name();
                if (task == null) {
                    newTasks.text(product.slug()).text(product.owner()).text(result.checkId()).text(result.pillar())
                            .text(title).text(priority).text(Task.OPEN).text(reason).timestamp(now).timestamp(now)
                            .text(checkStatus).date(due).text(requirement);
                    newTasks.endRow();
                } else if (Task.DONE.equals(task.status())) {
                    reopenTask.setString(1, priority);
                    reopenTask.setString(2, reason);
                    reopenTask.setString(3, product.owner());
                    reopenTask.setString(4, result.pillar());
                    reopenTask.setString(5, title);
                    reopenTask.setObject(6, nowTs);
                    reopenTask.setObject(7, nowTs);
                    reopenTask.setString(8, checkStatus);
                    reopenTask.setObject(9, due);
                    reopenTask.setString(10, requirement);
                    reopenTask.setLong(11, task.id());
                    reopenTask.addBatch();
                    counts[2]++;
                } else if (!priority.equals(task.priority()) || !reason.equals(task.reason())
                        || !Objects.equals(product.owner(), task.owner()) || !title.equals(task.title())
                        || !checkStatus.equals(task.checkStatus()) || due != null && task.dueDate() == null
                        || !requirement.equals(task.requirement())) {
                    updateTask.setString(1, priority);
                    updateTask.setString(2, reason);
                    updateTask.setString(3, product.owner());
                    updateTask.setString(4, result.pillar());
                    updateTask.setString(5, title);
                    updateTask.setObject(6, nowTs);
                    updateTask.setString(7, checkStatus);
                    updateTask.setObject(8, due);
                    updateTask.setString(9, requirement);
                    updateTask.setLong(10, task.id());
                    updateTask.addBatch();
                    counts[3]++;
                }
            } else {
                close(task, product.owner(), reason, checkStatus);
            }
        }
        // Tasks of checks the current rubric no longer has are closed too.
        for (EvaluationInputs.TaskRow task : existing.values()) {
            if (!seen.containsKey(task.checkId()) && !Task.DONE.equals(task.status())) {
                close(task, product.owner(), "the check is no longer part of the rubric", null);
            }
        }
    }

    private void close(EvaluationInputs.TaskRow task, String owner, String reason, String checkStatus) throws SQLException {
        closeTask.setString(1, reason);
        closeTask.setString(2, owner);
        closeTask.setObject(3, nowTs);
        closeTask.setObject(4, nowTs);
        closeTask.setString(5, checkStatus);
        closeTask.setLong(6, task.id());
        closeTask.addBatch();
        counts[4]++;
    }

    void flush() throws SQLException {
        try {
            newScorecards.copy(c, """
                    scorecard (product, owner, phase, rubric_version, problem, score, meets_bar, bar_gaps, next_phase,
                        next_phase_readiness, pillar_scores, checks, checks_hash, fingerprint, open_p1, open_p2, open_p3,
                        evaluated_at, changed_at, last_snapshot_at, next_change_at, progress, required_checks, extra_credit,
                        not_connected, insufficient_data, tasks_digest, next_deadline_at)""");
            if (counts[0] > 0) {
                upsert.executeBatch();
            }
            if (counts[1] > 0) {
                touch.executeBatch();
            }
            history.copy(c, "history (product, taken_at, rubric_version, phase, score, meets_bar, next_phase_readiness, pillar_scores, progress)");
            newTasks.copy(c, "task (product, owner, check_id, pillar, title, priority, status, reason, created_at, updated_at,"
                    + " check_status, due_date, requirement)");
            PreparedStatement[] taskChanges = { reopenTask, updateTask, closeTask };
            for (int i = 0; i < taskChanges.length; i++) {
                if (counts[2 + i] > 0) {
                    taskChanges[i].executeBatch();
                }
            }
        } finally {
            close();
        }
    }

    String summary() {
        return String.format("%d new scorecards, %d upserts, %d touches, %d history points; tasks: %d new, %d reopened,"
                + " %d updated, %d closed", newScorecards.rows(), counts[0], counts[1], history.rows(), newTasks.rows(),
                counts[2], counts[3], counts[4]);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : List.of(upsert, touch, reopenTask, closeTask, updateTask)) {
            statement.close();
        }
    }

    /** A deleted product's scorecard and tasks go; its history and evidence stay. */
    static int removeResults(Connection c, List<String> gone) throws SQLException {
        Array keys = c.createArrayOf("varchar", gone.toArray());
        try (PreparedStatement scorecards = c.prepareStatement("DELETE FROM scorecard WHERE product = ANY(?)");
                PreparedStatement tasks = c.prepareStatement("DELETE FROM task WHERE product = ANY(?)")) {
            scorecards.setArray(1, keys);
            tasks.setArray(1, keys);
            tasks.executeUpdate();
            return scorecards.executeUpdate();
        }
    }

    /** Results of products that are no longer in the mirror (normally removed when their deletion is applied). */
    static void removeOrphans(Connection c) throws SQLException {
        try (PreparedStatement tasks = c.prepareStatement(
                "DELETE FROM task t WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.slug = t.product)");
                PreparedStatement scorecards = c.prepareStatement(
                        "DELETE FROM scorecard s WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.slug = s.product)")) {
            tasks.executeUpdate();
            scorecards.executeUpdate();
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
