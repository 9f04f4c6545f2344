package dev.pillarboard.scorecard.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.engine.Phase;
import dev.pillarboard.scorecard.engine.Pillar;
import dev.pillarboard.scorecard.engine.Rubric;
import dev.pillarboard.scorecard.engine.RubricException;
import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.engine.RubricView;
import dev.pillarboard.scorecard.evaluation.RubricImpact;
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

    /**
     * The rubric as the API shows it, with the version that is in force; its texts in {@code language} (English where
     * the rubric has no version in it), {@code languages} the ones it is written in.
     */
    public record RubricDocument(int version, Instant publishedAt, String publishedBy, String title,
            int attestationValidityDays, int reviewIntervalDays, List<RubricView.EntryView> phases,
            List<RubricView.PillarEntryView> pillars, List<RubricView.CheckView> checks, String language, List<String> languages,
            int graceDays, String nextPhasePriority, List<Map<String, Object>> signals) {

        static RubricDocument of(RubricService.Loaded loaded, String language) {
            RubricView view = loaded.rubric().view(language);
            return new RubricDocument(loaded.version(), loaded.publishedAt(), loaded.publishedBy(), view.title(),
                    view.attestationValidityDays(), view.reviewIntervalDays(), view.phases(), view.pillars(), view.checks(),
                    language, view.languages(), view.graceDays(), view.nextPhasePriority(), view.signals());
        }
    }

    /** An edition of the default rubric that ships with the service (not a stored version: publish it to use it). */
    public record DefaultEdition(int edition, String title, int checks, List<String> languages, boolean inForce) {
    }

    /** A default rubric edition in one language, as {@code GET /api/rubric} shows a stored version. */
    public record DefaultDocument(int edition, String title, int attestationValidityDays, int reviewIntervalDays,
            List<RubricView.EntryView> phases, List<RubricView.PillarEntryView> pillars, List<RubricView.CheckView> checks,
            String language, List<String> languages, int graceDays, String nextPhasePriority,
            List<Map<String, Object>> signals) {
    }

    /** What a dry run found: the rubric is valid, and what publishing it would change. Nothing was stored. */
    public record DryRun(boolean dryRun, int inForce, String title, int checks, RubricImpact.Impact impact) {
    }

    /** What a publish did. */
    public record Published(int version, Instant publishedAt, String publishedBy, String title, int checks,
            long productsInUnknownPhases, Views.JobView evaluation) {
    }

    private final RubricService rubrics;
    private final RubricPublisher publisher;
    private final RubricImpact impact;
    private final Caller caller;

    public RubricResource(RubricService rubrics, RubricPublisher publisher, RubricImpact impact, Caller caller) {
        this.rubrics = rubrics;
        this.publisher = publisher;
        this.impact = impact;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The rubric in force", description = "Texts in the best match of Accept-Language among the rubric's "
            + "languages, else English (Content-Language says which; a text without that language reads English). Ask for "
            + "application/yaml to get its YAML source.")
    @APIResponse(responseCode = "200", description = "The current rubric with its version")
    public RestResponse<RubricDocument> current(@RestHeader("Accept-Language") String acceptLanguage) {
        RubricService.Loaded loaded = rubrics.current();
        return Languages.answer(acceptLanguage, loaded.rubric().languages(), language -> RubricDocument.of(loaded, language));
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
    public RestResponse<RubricDocument> version(@RestPath String version, @RestHeader("Accept-Language") String acceptLanguage) {
        RubricService.Loaded loaded = rubrics.version(versionNumber(version));
        return Languages.answer(acceptLanguage, loaded.rubric().languages(), language -> RubricDocument.of(loaded, language));
    }

    @GET
    @Path("/defaults")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The editions of the default rubric that ship with the service",
            description = "An installation keeps the version it holds; a platform admin publishes an edition (fetch it as "
                    + "YAML from /api/rubric/defaults/{edition}, check its impact with PUT /api/rubric?dryRun=true, then PUT it).")
    @APIResponse(responseCode = "200", description = "The editions, oldest first; inForce marks one whose YAML is the version in force")
    public List<DefaultEdition> defaults() {
        String inForce = rubrics.current().yaml();
        return RubricParser.DEFAULT_EDITIONS.stream().map(edition -> {
            Rubric rubric = RubricParser.defaultRubric(edition);
            return new DefaultEdition(edition, rubric.title().en(), rubric.checks().size(), List.copyOf(rubric.languages()),
                    RubricParser.defaultRubricYaml(edition).equals(inForce));
        }).toList();
    }

    @GET
    @Path("/defaults/{edition}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One edition of the default rubric", description = "In the best match of Accept-Language; ask for "
            + "application/yaml to get the YAML to publish")
    @APIResponse(responseCode = "200", description = "The edition")
    @APIResponse(responseCode = "404", description = "No such edition")
    public RestResponse<DefaultDocument> defaultEdition(@RestPath String edition,
            @RestHeader("Accept-Language") String acceptLanguage) {
        int number = edition(edition);
        Rubric rubric = RubricParser.defaultRubric(number);
        return Languages.answer(acceptLanguage, rubric.languages(), language -> {
            RubricView view = rubric.view(language);
            return new DefaultDocument(number, view.title(), view.attestationValidityDays(), view.reviewIntervalDays(),
                    view.phases(), view.pillars(), view.checks(), language, view.languages(), view.graceDays(),
                    view.nextPhasePriority(), view.signals());
        });
    }

    @GET
    @Path("/defaults/{edition}")
    @Produces({ YAML, "text/yaml" })
    @Operation(hidden = true)
    public String defaultEditionYaml(@RestPath String edition) {
        return RubricParser.defaultRubricYaml(edition(edition));
    }

    private static int edition(String text) {
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("edition", "'" + text + "' is not an edition number");
        }
        if (!RubricParser.DEFAULT_EDITIONS.contains(number)) {
            throw ApiProblem.notFound("default rubric edition", text);
        }
        return number;
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
    @Operation(summary = "Publish a new rubric version (platform admins), or see what it would change (dryRun=true)",
            description = "The YAML is validated first (format: scorecard-service/ENGINE.md); if it has problems nothing "
                    + "changes and the answer lists each with its line. Otherwise it becomes the next version and every "
                    + "product is re-evaluated by a job (see evaluation.id), stored together with the version. With "
                    + "dryRun=true nothing is stored: the answer is the impact (per phase and tier, products that would "
                    + "newly miss or meet their bar, tasks that would open and close, products it cannot score).")
    @APIResponse(responseCode = "200", description = "Published (the re-evaluation job is queued or running), or the dry run's impact")
    @APIResponse(responseCode = "400", description = "Invalid rubric: violations give the line and what is wrong; the previous version stays in force")
    @APIResponse(responseCode = "403", description = "Not a platform admin")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not sent as YAML")
    public Object publish(String yaml,
            @Parameter(description = "true: validate and report the impact, store nothing") @RestQuery String dryRun) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiProblem.invalid("body", "send the rubric YAML as the request body");
        }
        boolean dry = dryRun != null && !dryRun.isBlank() && QueryParams.bool("dryRun", dryRun);
        int inForce = rubrics.currentVersion();
        if (dry) {
            Rubric candidate = validated(yaml, inForce);
            return new DryRun(true, inForce, candidate.title().en(), candidate.checks().size(), impact.of(candidate));
        }
        RubricPublisher.Publication publication;
        try {
            publication = publisher.publish(yaml, caller.name());
        } catch (RubricException e) {
            throw invalid(e, inForce);
        }
        RubricService.Loaded loaded = publication.rubric();
        return new Published(loaded.version(), loaded.publishedAt(), loaded.publishedBy(), loaded.rubric().title().en(),
                loaded.rubric().checks().size(), publication.productsInUnknownPhases(), Views.JobView.of(publication.job()));
    }

    private static Rubric validated(String yaml, int inForce) {
        try {
            return RubricParser.parse(yaml, "rubric.yaml");
        } catch (RubricException e) {
            throw invalid(e, inForce);
        }
    }

    private static ApiProblem invalid(RubricException e, int inForce) {
        List<ApiProblem.Violation> violations = e.problems().stream()
                .map(problem -> new ApiProblem.Violation("line " + problem.line(), message(problem.describe())))
                .toList();
        return ApiProblem.invalid("The rubric has " + (violations.size() == 1 ? "a problem" : violations.size() + " problems")
                + "; version " + inForce + " stays in force. " + e.problems().get(0).describe(), violations);
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
