package dev.pillarboard.scorecard.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.Page;
import dev.pillarboard.common.request.SortParam;
import dev.pillarboard.common.rest.MediaTypes;
import dev.pillarboard.common.rest.PageView;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.Task;
import dev.pillarboard.scorecard.evidence.TaskPatch;
import dev.pillarboard.scorecard.engine.Rubric;
import dev.pillarboard.scorecard.evidence.TaskService;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.quarkus.security.Authenticated;

@Path("/api/tasks")
@Tag(name = "Tasks", description = "One improvement task per failing applicable check; they close and reopen by themselves")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class TaskResource {

    private final TaskService tasks;
    private final RubricService rubrics;
    private final ObjectMapper mapper;

    public TaskResource(TaskService tasks, RubricService rubrics, ObjectMapper mapper) {
        this.tasks = tasks;
        this.rubrics = rubrics;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Tasks", description = "Ordered by priority (P1 first), or by due date (sort=dueDate: soonest"
            + " first, tasks without one last, then by priority), then by product and check")
    @APIResponse(responseCode = "200", description = "A page of tasks")
    @APIResponse(responseCode = "400", description = "Unknown priority, status, check status, requirement or sort, or a bad page")
    public RestResponse<PageView<Views.TaskView>> list(@Parameter(description = "Owning team, or several separated by commas") @RestQuery String owner,
            @RestQuery String product, @Parameter(description = "P1, P2 or P3") @RestQuery String priority,
            @Parameter(description = "open, in-progress, done, or active (open or in progress)") @RestQuery String status,
            @Parameter(description = "The status of the task's check, e.g. not-connected (the signals to connect)")
            @RestQuery String checkStatus,
            @Parameter(description = "What the product's phase asks of the task's check: required (P1, or P2 within the"
                    + " grace of a newly required check), recommended, or n/a (a check only the next phase requires)")
            @RestQuery String requirement,
            @Parameter(description = "priority (default) or dueDate; - before it reverses the order") @RestQuery String sort,
            @RestQuery String page, @RestQuery String size, @RestHeader("Accept-Language") String acceptLanguage) {
        SortParam order = SortParam.parse(sort, "priority", TaskService.SORT_KEYS);
        int p = QueryParams.page(page);
        int s = QueryParams.size(size);
        Page<Task> found = tasks.list(new TaskService.TaskFilter(ScorecardResource.owners(owner), QueryParams.optional(product),
                QueryParams.optional(priority), QueryParams.optional(status), QueryParams.optional(checkStatus),
                QueryParams.optional(requirement)), order, p, s);
        Rubric rubric = rubrics.current().rubric();
        return Languages.answer(acceptLanguage, rubric.languages(),
                language -> PageView.of(found.map(task -> Views.TaskView.of(task, language, rubric)), p, s));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One task")
    @APIResponse(responseCode = "200", description = "The task")
    @APIResponse(responseCode = "404", description = "No such task")
    public RestResponse<Views.TaskView> get(@RestPath String id, @RestHeader("Accept-Language") String acceptLanguage) {
        return withEtag(tasks.get(QueryParams.id(id)), acceptLanguage);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaTypes.MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RolesAllowed({ Caller.DEVELOPER, Caller.TEAM_LEAD, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Set status, assignee or due date (JSON merge patch)", description = "e.g. {\"status\": "
            + "\"in-progress\", \"assignee\": \"dana\", \"dueDate\": \"2026-12-31\"}; null clears assignee or dueDate. "
            + "Status is open or in-progress; done is set by the system when the check passes.")
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "400", description = "Not a JSON object, an unknown field or a bad value")
    @APIResponse(responseCode = "403", description = "Not a member of the owning team")
    @APIResponse(responseCode = "404", description = "No such task")
    @APIResponse(responseCode = "409", description = "The task is done; its status cannot be set")
    @APIResponse(responseCode = "412", description = "If-Match names an older state of the task: read it again")
    public RestResponse<Views.TaskView> patch(@RestPath String id,
            @Parameter(description = "The ETag of your last read of the task (recommended: a concurrent change by a "
                    + "team mate or by the evaluator is then never overwritten); without it the patch applies regardless")
            @RestHeader("If-Match") String ifMatch,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MediaTypes.MERGE_PATCH, schema = @Schema(implementation = TaskPatch.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskPatch.class)) })
            String body, @RestHeader("Accept-Language") String acceptLanguage) throws JsonProcessingException {
        long taskId = QueryParams.id(id);
        // Read as text (strictly decoded, see StrictText), then as a tree: a merge patch's absent and null differ.
        TaskPatch patch = TaskPatch.read(body == null || body.isBlank() ? null : mapper.readTree(body));
        return withEtag(tasks.patch(taskId, patch, ifMatch == null || ifMatch.isBlank() ? null : ifMatch), acceptLanguage);
    }

    /** The task in the caller's language (its check's title and its reason), with its ETag. */
    private RestResponse<Views.TaskView> withEtag(Task task, String acceptLanguage) {
        Rubric rubric = rubrics.current().rubric();
        RestResponse<Views.TaskView> answer = Languages.answer(acceptLanguage, rubric.languages(),
                language -> Views.TaskView.of(task, language, rubric));
        return RestResponse.ResponseBuilder.fromResponse(answer).header(HttpHeaders.ETAG, task.etag()).build();
    }
}
