package dev.pillarboard.scorecard.rubric;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.pillarboard.scorecard.EvaluationJob;
import dev.pillarboard.scorecard.engine.Phase;
import dev.pillarboard.scorecard.evaluation.EvaluationJobs;
import dev.pillarboard.scorecard.sync.ProductMirror;

/**
 * Publishing a rubric: the new version, the count of products it cannot score and the job that
 * re-evaluates everything are written in one transaction, so a version is never in force without
 * its queued job, and a publish that fails leaves the previous version in force. The job starts
 * after the commit (or on any replica's next job check, should this one stop first).
 */
@ApplicationScoped
public class RubricPublisher {

    /** What a publish did. */
    public record Publication(RubricService.Loaded rubric, long productsInUnknownPhases, EvaluationJob job) {
    }

    private final RubricService rubrics;
    private final ProductMirror products;
    private final EvaluationJobs jobs;

    public RubricPublisher(RubricService rubrics, ProductMirror products, EvaluationJobs jobs) {
        this.rubrics = rubrics;
        this.products = products;
        this.jobs = jobs;
    }

    /**
     * Validates and stores the next version with its re-evaluation job. Throws
     * {@link dev.pillarboard.scorecard.engine.RubricException} (nothing stored) when the YAML is invalid.
     */
    @Transactional
    public Publication publish(String yaml, String publishedBy) {
        RubricService.Loaded loaded = rubrics.storeVersion(yaml, publishedBy);
        List<String> phases = loaded.rubric().phases().stream().map(Phase::id).toList();
        long unknown = products.countInOtherPhases(phases);
        EvaluationJob job = jobs.create("rubric-published", publishedBy);
        return new Publication(loaded, unknown, job);
    }
}
