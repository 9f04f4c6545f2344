package dev.pillarboard.portal.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * {@code /q/health/ready} names each service the portal reads and whether it answers. The portal stays UP when one
 * is down: its pages still render, with a notice and whatever the other service gives, so a load balancer should
 * keep sending users to it. The same probes run once at startup, so the first page does not pay for opening the
 * clients' connections.
 */
@Readiness
@ApplicationScoped
public class DownstreamHealth implements HealthCheck {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final CatalogProbe catalog;
    private final ScorecardProbe scorecard;
    private final ManagedExecutor executor;

    public DownstreamHealth(@RestClient CatalogProbe catalog, @RestClient ScorecardProbe scorecard,
            ManagedExecutor executor) {
        this.catalog = catalog;
        this.scorecard = scorecard;
        this.executor = executor;
    }

    void warmUp(@Observes StartupEvent event, ObjectMapper json) {
        executor.runAsync(() -> {
            probe(catalog::ready);
            probe(scorecard::ready);
            // The first read of each record type builds its deserializer: do it now, not during a user's first page.
            for (Class<?> type : WARM_TYPES) {
                try {
                    json.readValue("{}", type);
                } catch (IOException | RuntimeException e) {
                    // A record that needs more than {} still had its deserializer built.
                }
            }
        });
    }

    private static final List<Class<?>> WARM_TYPES = List.of(Paged.class, Problem.class, CatalogData.Product.class,
            CatalogData.Team.class, CatalogData.Change.class, CatalogData.ImportReport.class, ScorecardData.Rubric.class,
            ScorecardData.Scorecard.class, ScorecardData.Summary.class, ScorecardData.History.class,
            ScorecardData.Task.class, ScorecardData.Waiver.class, ScorecardData.Overview.class,
            ScorecardData.TeamSummary.class, ScorecardData.TeamHistory.class, ScorecardData.Changes.class,
            ScorecardData.Readiness.class, ScorecardData.Job.class);

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<String> c = executor.supplyAsync(() -> probe(catalog::ready));
        CompletableFuture<String> s = executor.supplyAsync(() -> probe(scorecard::ready));
        String catalogState = await(c);
        String scorecardState = await(s);
        boolean all = "UP".equals(catalogState) && "UP".equals(scorecardState);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("downstream-services").up()
                .withData("catalog-service", catalogState)
                .withData("scorecard-service", scorecardState)
                .withData("state", all ? "all services answer" : "degraded: pages render with a notice");
        return response.build();
    }

    private static String await(CompletableFuture<String> probe) {
        try {
            return probe.get(PROBE_TIMEOUT.toMillis() + 200, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return "unreachable: no answer within " + PROBE_TIMEOUT.toMillis() + " ms";
        }
    }

    private static String probe(Supplier<Response> ready) {
        try (Response response = ready.get()) {
            return response.getStatus() == 200 ? "UP" : "not ready (HTTP " + response.getStatus() + ")";
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "unreachable: " + (message.length() > 200 ? message.substring(0, 200) : message);
        }
    }
}
