package dev.pillarboard.scorecard.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.engine.Phase;
import dev.pillarboard.scorecard.engine.Pillar;
import dev.pillarboard.scorecard.engine.RubricException;
import dev.pillarboard.scorecard.engine.RubricView;
import dev.pillarboard.scorecard.rubric.RubricPublisher;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.quarkus.security.Authenticated;

@Path("/api/rubric")
@Tag(name = "Rubric", description = "Phases, pillars and checks that products are rated against; versioned")
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class RubricResource {

    static final String YAML = "application/yaml";

    /** The rubric as the API shows it, with the version that is in force. */
    public record RubricDocument(int version, Instant publishedAt, String publishedBy, String title,
            int attestationValidityDays, int reviewIntervalDays, List<RubricView.Entry> phases, List<RubricView.Entry> pillars,
            List<RubricView.CheckView> checks) {

        static RubricDocument of(RubricService.Loaded loaded) {
            RubricView view = loaded.rubric().view();
            return new RubricDocument(loaded.version(), loaded.publishedAt(), loaded.publishedBy(), view.title(),
                    view.attestationValidityDays(), view.reviewIntervalDays(), view.phases(), view.pillars(), view.checks());
        }
    }

    /** What a publish did. */
    public record Published(int version, Instant publishedAt, String publishedBy, String title, int checks,
            long productsInUnknownPhases, Views.JobView evaluation) {
    }

    private final RubricService rubrics;
    private final RubricPublisher publisher;
    private final Caller caller;

    public RubricResource(RubricService rubrics, RubricPublisher publisher, Caller caller) {
        this.rubrics = rubrics;
        this.publisher = publisher;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The rubric in force", description = "Ask for application/yaml to get its YAML source")
    @APIResponse(responseCode = "200", description = "The current rubric with its version")
    public RubricDocument current() {
        return RubricDocument.of(rubrics.current());
    }

    @GET
    @Produces({ YAML, "text/yaml" })
    @Operation(hidden = true)
    public String currentYaml() {
        return rubrics.current().yaml();
    }

    @GET
    @Path("/versions")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The published versions, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "{items, page, size, total}; the first item of page 0 is in force")
    @APIResponse(responseCode = "400", description = "A bad page or size")
    public PageView<RubricService.VersionInfo> versions(@RestQuery String page, @RestQuery String size) {
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        Page<RubricService.VersionInfo> found = rubrics.versions(p, s);
        return PageView.of(found, p, s);
    }

    @GET
    @Path("/versions/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One version", description = "Ask for application/yaml to get its YAML source")
    @APIResponse(responseCode = "200", description = "The rubric of that version")
    @APIResponse(responseCode = "400", description = "Not a version number")
    @APIResponse(responseCode = "404", description = "No such version")
    public RubricDocument version(@RestPath String version) {
        return RubricDocument.of(rubrics.version(versionNumber(version)));
    }

    @GET
    @Path("/versions/{version}")
    @Produces({ YAML, "text/yaml" })
    @Operation(hidden = true)
    public String versionYaml(@RestPath String version) {
        return rubrics.version(versionNumber(version)).yaml();
    }

    @PUT
    @Consumes({ YAML, "text/yaml", "application/x-yaml", MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PLATFORM_ADMIN)
    @Operation(summary = "Publish a new rubric version (platform admins)",
            description = "The YAML is validated first (format: scorecard-service/ENGINE.md); if it has problems nothing "
                    + "changes and the answer lists each with its line. Otherwise it becomes the next version and every "
                    + "product is re-evaluated by a job (see evaluation.id), stored together with the version.")
    @APIResponse(responseCode = "200", description = "Published; the re-evaluation job is queued or running")
    @APIResponse(responseCode = "400", description = "Invalid rubric: violations give the line and what is wrong; the previous version stays in force")
    @APIResponse(responseCode = "403", description = "Not a platform admin")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not sent as YAML")
    public Published publish(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiProblem.invalid("body", "send the rubric YAML as the request body");
        }
        int inForce = rubrics.currentVersion();
        RubricPublisher.Publication publication;
        try {
            publication = publisher.publish(yaml, caller.name());
        } catch (RubricException e) {
            List<ApiProblem.Violation> violations = e.problems().stream()
                    .map(problem -> new ApiProblem.Violation("line " + problem.line(), message(problem.describe())))
                    .toList();
            throw ApiProblem.invalid("The rubric has " + (violations.size() == 1 ? "a problem" : violations.size() + " problems")
                    + "; version " + inForce + " stays in force. " + e.problems().get(0).describe(), violations);
        }
        RubricService.Loaded loaded = publication.rubric();
        return new Published(loaded.version(), loaded.publishedAt(), loaded.publishedBy(), loaded.rubric().title().en(),
                loaded.rubric().checks().size(), publication.productsInUnknownPhases(), Views.JobView.of(publication.job()));
    }

    /** "line 18, column 42: checks[0] ...: msg" without the line, which is the violation's field. */
    private static String message(String described) {
        int colon = described.indexOf(": ");
        return colon < 0 ? described : described.substring(colon + 2);
    }

    private static int versionNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("version", "'" + text + "' is not a version number");
        }
    }
}
