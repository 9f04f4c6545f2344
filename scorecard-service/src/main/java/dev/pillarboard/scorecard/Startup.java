package dev.pillarboard.scorecard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.pillarboard.scorecard.evaluation.EvaluationJobs;
import dev.pillarboard.scorecard.evaluation.EvaluationWorker;
import dev.pillarboard.scorecard.rubric.RubricService;
import dev.pillarboard.scorecard.sync.CatalogFollower;
import io.quarkus.runtime.StartupEvent;

/**
 * On start: make sure a rubric exists (the default, as version 1), then catch up with the catalog,
 * drain the evaluation queue, and start or resume unfinished evaluation jobs.
 */
@ApplicationScoped
public class Startup {

    private final RubricService rubrics;
    private final CatalogFollower follower;
    private final EvaluationWorker worker;
    private final EvaluationJobs jobs;

    public Startup(RubricService rubrics, CatalogFollower follower, EvaluationWorker worker, EvaluationJobs jobs) {
        this.rubrics = rubrics;
        this.follower = follower;
        this.worker = worker;
        this.jobs = jobs;
    }

    void onStart(@Observes StartupEvent event) {
        rubrics.ensureDefault();
        follower.requestPoll();
        worker.wake();
        jobs.check();
    }
}
