package dev.pillarboard.scorecard.evaluation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pillarboard.common.Jdbc;
import dev.pillarboard.common.Page;
import dev.pillarboard.scorecard.EvaluationJob;
import io.agroal.api.AgroalDataSource;

/**
 * Every statement on {@code evaluation_job}. Each runs in the caller's transaction. A running job's
 * progress is written only under its claim ({@code WHERE attempts = ? AND status = 'running'}): a
 * job that was failed, or taken over after its replica stalled, never flips back.
 */
@ApplicationScoped
public class JobStore {

    /** The claim a replica holds on a running job: its attempt number. */
    public record Claim(UUID id, int attempt) {
    }

    /** The last periodic job: its id, whether it is unfinished, and whether it ended less than the interval ago. */
    public record LastPeriodic(UUID id, boolean unfinished, boolean recent) {
    }

    private static final String COLUMNS = "id, status, reason, requested_by, rubric_version, done, total, failed, "
            + "created_at, started_at, finished_at, error";

    private final AgroalDataSource dataSource;

    public JobStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a queued job. */
    public EvaluationJob insert(String reason, String requestedBy, Instant at) {
        UUID id = UUID.randomUUID();
        Jdbc.update(dataSource, "store an evaluation job", c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO evaluation_job (id, status, reason, requested_by, created_at, heartbeat_at)
                    VALUES (?, 'queued', ?, ?, ?, ?)""")) {
                insert.setObject(1, id);
                insert.setString(2, reason);
                insert.setString(3, requestedBy);
                insert.setTimestamp(4, Timestamp.from(at));
                insert.setTimestamp(5, Timestamp.from(at));
                insert.executeUpdate();
            }
        });
        return new EvaluationJob(id, EvaluationJob.QUEUED, reason, requestedBy, null, 0, 0, 0, at, null, null, null);
    }

    /** Inserts a queued periodic job under {@code scheduleKey}; false when a job already has that key. */
    public boolean insertPeriodic(UUID id, String scheduleKey) {
        return Jdbc.query(dataSource, "start the periodic evaluation", c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO evaluation_job (id, status, reason, requested_by, schedule_key, created_at, heartbeat_at)
                    VALUES (?, 'queued', 'periodic', 'pillarboard', ?, now(), now())
                    ON CONFLICT (schedule_key) DO NOTHING""")) {
                insert.setObject(1, id);
                insert.setString(2, scheduleKey);
                return insert.executeUpdate() == 1;
            }
        });
    }

    /** The newest periodic job, judged against {@code interval}. */
    public Optional<LastPeriodic> lastPeriodic(Duration interval) {
        return Jdbc.query(dataSource, "read the last periodic evaluation", c -> {
            try (PreparedStatement last = c.prepareStatement("""
                    SELECT id, status IN ('queued', 'running'),
                        coalesce(finished_at, created_at) > now() - make_interval(secs => ?)
                    FROM evaluation_job WHERE reason = 'periodic' ORDER BY created_at DESC LIMIT 1""")) {
                last.setDouble(1, seconds(interval));
                try (ResultSet rs = last.executeQuery()) {
                    return rs.next() ? Optional.of(new LastPeriodic(rs.getObject(1, UUID.class), rs.getBoolean(2),
                            rs.getBoolean(3))) : Optional.empty();
                }
            }
        });
    }

    public Optional<EvaluationJob> get(UUID id) {
        return Jdbc.query(dataSource, "read evaluation job " + id, c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM evaluation_job WHERE id = ?")) {
                query.setObject(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    /** One page of the jobs, newest first. */
    public Page<EvaluationJob> page(int page, int size) {
        return Jdbc.query(dataSource, "list evaluation jobs", c -> {
            List<EvaluationJob> jobs = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM evaluation_job ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                query.setInt(1, size);
                query.setLong(2, (long) page * size);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(job(rs));
                    }
                }
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM evaluation_job");
                    ResultSet rs = count.executeQuery()) {
                rs.next();
                return new Page<>(jobs, rs.getLong(1));
            }
        });
    }

    /**
     * Claims a job: a queued one, or a running one without a heartbeat for {@code staleAfter} that has
     * attempts left. Empty if the job is not claimable (finished, failed, running elsewhere, or
     * claimed by another replica first).
     */
    public Optional<Claim> claim(UUID id, Duration staleAfter, int attempts) {
        return Jdbc.query(dataSource, "claim evaluation job " + id, c -> {
            try (PreparedStatement claim = c.prepareStatement("""
                    UPDATE evaluation_job SET status = 'running', attempts = attempts + 1, heartbeat_at = now(),
                        started_at = coalesce(started_at, now()), done = 0, failed = 0
                    WHERE id = ? AND (status = 'queued' OR (status = 'running'
                        AND heartbeat_at < now() - make_interval(secs => ?) AND attempts < ?))
                    RETURNING attempts""")) {
                claim.setObject(1, id);
                claim.setDouble(2, seconds(staleAfter));
                claim.setInt(3, attempts);
                try (ResultSet rs = claim.executeQuery()) {
                    return rs.next() ? Optional.of(new Claim(id, rs.getInt(1))) : Optional.empty();
                }
            }
        });
    }

    /** Fails the running jobs without a heartbeat for {@code staleAfter} that used up their attempts; returns them. */
    public List<UUID> failExhausted(Duration staleAfter, int attempts, String error) {
        return ids("fail abandoned evaluation jobs", """
                UPDATE evaluation_job SET status = 'failed', finished_at = now(), error = ?
                WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => ?) AND attempts >= ?
                RETURNING id""", statement -> {
            statement.setString(1, error);
            statement.setDouble(2, seconds(staleAfter));
            statement.setInt(3, attempts);
        });
    }

    /** Jobs to start or resume, oldest first: queued, or running without a heartbeat for {@code staleAfter}. */
    public List<UUID> unfinished(Duration staleAfter) {
        return ids("look for unfinished evaluation jobs", """
                SELECT id FROM evaluation_job WHERE status = 'queued'
                    OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => ?))
                ORDER BY created_at LIMIT 20""", statement -> statement.setDouble(1, seconds(staleAfter)));
    }

    /** Refreshes the heartbeat; false when the claim no longer holds. */
    public boolean beat(Claim claim) {
        return underClaim("UPDATE evaluation_job SET heartbeat_at = now() WHERE id = ? AND attempts = ? AND status = 'running'",
                claim);
    }

    /** Stores progress (and {@code done} with its finish time); false when the claim no longer holds. */
    public boolean progress(Claim claim, String status, int done, int failed, int total, int rubricVersion) {
        return Jdbc.query(dataSource, "store the progress of evaluation job " + claim.id(), c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE evaluation_job SET status = ?, done = GREATEST(done, ?), failed = GREATEST(failed, ?),
                        total = ?, rubric_version = ?, heartbeat_at = now(),
                        finished_at = CASE WHEN ? = 'done' THEN now() ELSE finished_at END
                    WHERE id = ? AND attempts = ? AND status = 'running'""")) {
                update.setString(1, status);
                update.setInt(2, done);
                update.setInt(3, failed);
                update.setInt(4, total);
                update.setInt(5, rubricVersion);
                update.setString(6, status);
                update.setObject(7, claim.id());
                update.setInt(8, claim.attempt());
                return update.executeUpdate() == 1;
            }
        });
    }

    public boolean fail(Claim claim, String error) {
        return underClaim("""
                UPDATE evaluation_job SET status = 'failed', error = ?, finished_at = now(), heartbeat_at = now()
                WHERE id = ? AND attempts = ? AND status = 'running'""", claim,
                error.length() > 2000 ? error.substring(0, 2000) : error);
    }

    /** Gives a job back: queued again, without counting this attempt. */
    public boolean release(Claim claim) {
        return underClaim("""
                UPDATE evaluation_job SET status = 'queued', attempts = attempts - 1, heartbeat_at = now()
                WHERE id = ? AND attempts = ? AND status = 'running'""", claim);
    }

    /** Runs an update of one job guarded by its claim ({@code id = ? AND attempts = ?} after any leading text parameter). */
    private boolean underClaim(String sql, Claim claim, String... text) {
        return Jdbc.query(dataSource, "update evaluation job " + claim.id(), c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                int i = 1;
                for (String value : text) {
                    update.setString(i++, value);
                }
                update.setObject(i++, claim.id());
                update.setInt(i, claim.attempt());
                return update.executeUpdate() == 1;
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<UUID> ids(String what, String sql, Binder binder) {
        return Jdbc.query(dataSource, what, c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
    }

    private static EvaluationJob job(ResultSet rs) throws SQLException {
        return new EvaluationJob(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                (Integer) rs.getObject(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), instant(rs, 9), instant(rs, 10),
                instant(rs, 11), rs.getString(12));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
