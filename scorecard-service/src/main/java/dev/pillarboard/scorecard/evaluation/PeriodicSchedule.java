package dev.pillarboard.scorecard.evaluation;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The periodic full re-evaluation, scheduled from the database: it is due when the last periodic job
 * finished {@code full-interval} ago (or there never was one and the first rubric was stored that
 * long ago, so a new installation starts with its queue, not with a full run), whichever replica
 * looks first, and however often replicas restart.
 */
@ApplicationScoped
public class PeriodicSchedule {

    /** A periodic job's schedule key names the periodic job it follows, so one replica creates each. */
    static final String KEY = "periodic-after:";

    private final JobStore store;
    private final AgroalDataSource dataSource;
    private final Duration interval;
    private final Event<EvaluationJobs.Created> created;

    public PeriodicSchedule(JobStore store, AgroalDataSource dataSource, ScorecardConfig config,
            Event<EvaluationJobs.Created> created) {
        this.store = store;
        this.dataSource = dataSource;
        this.interval = config.evaluation().fullInterval();
        this.created = created;
    }

    /**
     * Creates the periodic job if it is due (no periodic job unfinished, the last one finished
     * {@code full-interval} ago or longer). Its schedule key names the job it follows, so of several
     * replicas that find it due at once only one creates it. Returns the job's id, or null when it
     * was not due or another replica created it.
     */
    public UUID createIfDue() {
        Optional<JobStore.LastPeriodic> last = store.lastPeriodic(interval);
        String key;
        if (last.isPresent()) {
            if (last.get().unfinished() || last.get().recent()) {
                return null;
            }
            key = KEY + last.get().id();
        } else {
            if (!installedBeforeInterval()) {
                return null;
            }
            key = KEY + "none";
        }
        UUID id = UUID.randomUUID();
        boolean inserted = QuarkusTransaction.requiringNew().call(() -> {
            if (!store.insertPeriodic(id, key)) {
                return false;
            }
            created.fire(new EvaluationJobs.Created(id));
            return true;
        });
        if (!inserted) {
            Log.debugf("Periodic evaluation %s already started by another replica", key);
            return null;
        }
        Log.infof("Periodic evaluation %s started (%s)", id, key);
        return id;
    }

    /** Whether the first rubric version was stored {@code full-interval} ago or longer. */
    private boolean installedBeforeInterval() {
        return Jdbc.query(dataSource, "read when the first rubric was stored", c -> {
            try (var query = c.prepareStatement(
                    "SELECT min(published_at) <= now() - make_interval(secs => ?) FROM rubric_version")) {
                query.setDouble(1, interval.toMillis() / 1000.0);
                try (var rs = query.executeQuery()) {
                    return rs.next() && rs.getObject(1) != null && rs.getBoolean(1);
                }
            }
        });
    }
}
