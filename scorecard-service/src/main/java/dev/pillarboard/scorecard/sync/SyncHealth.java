package dev.pillarboard.scorecard.sync;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the catalog follower in {@code /q/health/ready}. It stays UP when the catalog is
 * unreachable (the service keeps serving scorecards; only catalog changes wait) and says
 * {@code state: degraded} with the reason.
 */
@Readiness
@ApplicationScoped
public class SyncHealth implements HealthCheck {

    private final CatalogFollower follower;

    public SyncHealth(CatalogFollower follower) {
        this.follower = follower;
    }

    @Override
    public HealthCheckResponse call() {
        CatalogFollower.SyncState status = follower.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("catalog-sync").up()
                .withData("lastRevision", status.lastRevision())
                .withData("state", !status.enabled() ? "disabled" : status.catalogReachable() ? "following" : "degraded");
        if (status.lastSuccessAt() != null) {
            response.withData("lastSuccessAt", status.lastSuccessAt().toString());
        }
        if (status.unreachableSince() != null) {
            response.withData("unreachableSince", status.unreachableSince().toString());
        }
        if (status.lastError() != null) {
            response.withData("lastError", status.lastError());
        }
        return response.build();
    }
}
