package dev.pillarboard.scorecard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/** On start: make sure a rubric exists (the default, as version 1), then catch up with the catalog. */
@ApplicationScoped
public class Startup {

    private final RubricService rubrics;
    private final CatalogFollower follower;
    private final EvaluationWorker worker;

    public Startup(RubricService rubrics, CatalogFollower follower, EvaluationWorker worker) {
        this.rubrics = rubrics;
        this.follower = follower;
        this.worker = worker;
    }

    void onStart(@Observes StartupEvent event) {
        rubrics.ensureDefault();
        follower.requestPoll();
        worker.wake();
    }
}
