package dev.pillarboard.scorecard.evaluation;

import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Page;
import dev.pillarboard.scorecard.EvaluationJob;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Re-evaluations of every product, run as jobs whose progress is stored (any replica answers for
 * any job). A job is a row first ({@code queued}, written in the transaction that asks for it, so a
 * rubric publish never commits without its job); the replica that created it starts it after the
 * commit ({@link JobRunner}), and every replica looks for unfinished jobs every
 * {@code job-check-interval}, so a job whose replica stopped (before starting it, or while running
 * it: no heartbeat for {@code job-stale-after}) is started or resumed by another one. The same check
 * creates the periodic full re-evaluation when it is due ({@link PeriodicSchedule}). All SQL on the
 * job table is in {@link JobStore}.
 */
@ApplicationScoped
public class EvaluationJobs {

    /** Fired in the transaction that created a job; after the commit this replica starts it. */
    public record Created(UUID id) {
    }

    private final JobStore store;
    private final JobRunner runner;
    private final PeriodicSchedule periodic;
    private final ScorecardConfig config;
    private final Event<Created> created;
    private volatile boolean stopping;

    public EvaluationJobs(JobStore store, JobRunner runner, PeriodicSchedule periodic, ScorecardConfig config,
            Event<Created> created) {
        this.store = store;
        this.runner = runner;
        this.periodic = periodic;
        this.config = config;
        this.created = created;
    }

    /** Creates a queued job in a transaction of its own; this replica starts it right after the commit. */
    public EvaluationJob request(String reason, String requestedBy) {
        return QuarkusTransaction.requiringNew().call(() -> create(reason, requestedBy));
    }

    /**
     * Creates a queued job in the caller's transaction; it starts once that commits (on this replica,
     * or on any replica at its next check if this one stops first). Nothing runs if the caller rolls back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EvaluationJob create(String reason, String requestedBy) {
        EvaluationJob job = store.insert(reason, requestedBy, DatabaseTime.now());
        created.fire(new Created(job.id()));
        return job;
    }

    void started(@Observes(during = TransactionPhase.AFTER_SUCCESS) Created event) {
        runner.submit(event.id());
    }

    /** A job, as stored; 404 when there is none. */
    public EvaluationJob get(UUID id) {
        return store.get(id).orElseThrow(() -> ApiProblem.notFound("evaluation job", id.toString()));
    }

    /** One page of the jobs, newest first. */
    public Page<EvaluationJob> page(int page, int size) {
        return store.page(page, size);
    }

    @Scheduled(every = "{pillarboard.scorecard.evaluation.job-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        check();
    }

    /**
     * Beats for the job this replica runs; fails jobs whose replicas stopped {@code job-attempts}
     * times; starts queued jobs and resumes those whose replica stopped beating; creates the periodic
     * full re-evaluation when it is due. Runs at start and every {@code job-check-interval}.
     */
    public void check() {
        if (stopping) {
            return;
        }
        try {
            runner.beat();
            QuarkusTransaction.requiringNew().call(() -> {
                int attempts = config.evaluation().jobAttempts();
                for (UUID id : store.failExhausted(config.evaluation().jobStaleAfter(), attempts,
                        "the replica running it stopped reporting progress (no heartbeat for "
                                + config.evaluation().jobStaleAfter() + "), " + attempts + (attempts == 1 ? " time" : " times")
                                + "; start a new evaluation")) {
                    Log.errorf("Evaluation job %s failed: its replicas stopped reporting progress %d times", id, attempts);
                }
                return store.unfinished(config.evaluation().jobStaleAfter());
            }).forEach(runner::submit);
            periodic.createIfDue();
        } catch (RuntimeException e) {
            Log.warnf("Checking evaluation jobs failed: %s (trying again in %s)", e.getMessage(),
                    config.evaluation().jobCheckInterval());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
