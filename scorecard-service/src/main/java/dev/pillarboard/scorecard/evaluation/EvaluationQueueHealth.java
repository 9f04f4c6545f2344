package dev.pillarboard.scorecard.evaluation;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the evaluation queue in {@code /q/health/ready}: products waiting, retrying after a failed
 * evaluation, and parked (failed {@code queue-attempts} times), with the parked products and the
 * latest error. It stays UP: a product that cannot be evaluated keeps its last results, and every
 * other product is still evaluated.
 */
@Readiness
@ApplicationScoped
public class EvaluationQueueHealth implements HealthCheck {

    private final EvaluationQueue queue;

    public EvaluationQueueHealth(EvaluationQueue queue) {
        this.queue = queue;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("evaluation-queue").up();
        try {
            EvaluationQueue.Stats stats = queue.stats();
            response.withData("queued", stats.queued()).withData("retrying", stats.retrying())
                    .withData("parked", stats.parked());
            if (!stats.parkedProducts().isEmpty()) {
                response.withData("parkedProducts", String.join(", ", stats.parkedProducts()));
                response.withData("lastError", stats.lastError());
            }
        } catch (RuntimeException e) {
            response.withData("error", "could not read the queue: " + e.getMessage());
        }
        return response.build();
    }
}
