package dev.pillarboard.scorecard.evidence;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.PlainText;
import dev.pillarboard.common.rest.IfMatch;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.Task;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Improvement tasks. The evaluator opens, closes and reopens them; the owning team sets status
 * (open or in progress), assignee and due date with a JSON merge patch.
 */
@ApplicationScoped
public class TaskService {

    /**
     * Filters of the task list; {@code owners} may name several teams (empty: any); {@code checkStatus} the status of
     * the task's check (e.g. {@code not-connected}: the signals to connect).
     */
    public record Filter(List<String> owners, String product, String priority, String status, String checkStatus) {

        public Filter(List<String> owners, String product, String priority, String status) {
            this(owners, product, priority, status, null);
        }
    }

    /** The statuses a task's check can have. */
    static final List<String> CHECK_STATUSES = java.util.Arrays.stream(dev.pillarboard.scorecard.engine.Status.values())
            .map(dev.pillarboard.scorecard.engine.Status::label).toList();

    private static final Set<String> PATCHABLE = Set.of("status", "assignee", "dueDate");

    private final Caller caller;
    private final EntityManager em;

    public TaskService(Caller caller, EntityManager em) {
        this.caller = caller;
        this.em = em;
    }

    @Transactional
    public Page<Task> list(Filter filter, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.owners() != null && !filter.owners().isEmpty()) {
            query.append(" and owner in :owners");
            parameters.and("owners", filter.owners());
        }
        if (filter.product() != null) {
            query.append(" and product = :product");
            parameters.and("product", filter.product());
        }
        if (filter.priority() != null) {
            if (!List.of("P1", "P2", "P3").contains(filter.priority())) {
                throw ApiProblem.invalid("priority", "'" + filter.priority() + "' is not one of P1, P2, P3");
            }
            query.append(" and priority = :priority");
            parameters.and("priority", filter.priority());
        }
        if (filter.checkStatus() != null) {
            if (!CHECK_STATUSES.contains(filter.checkStatus())) {
                throw ApiProblem.invalid("checkStatus", "'" + filter.checkStatus() + "' is not one of "
                        + String.join(", ", CHECK_STATUSES));
            }
            query.append(" and checkStatus = :checkStatus");
            parameters.and("checkStatus", filter.checkStatus());
        }
        if (filter.status() != null) {
            if (filter.status().equals("active")) {
                query.append(" and status <> 'done'");
            } else if (List.of(Task.OPEN, Task.IN_PROGRESS, Task.DONE).contains(filter.status())) {
                query.append(" and status = :status");
                parameters.and("status", filter.status());
            } else {
                throw ApiProblem.invalid("status", "'" + filter.status() + "' is not one of open, in-progress, done, active");
            }
        }
        var found = Task.find(query.toString(), Sort.ascending("priority").and("product").and("checkId"), parameters);
        return new Page<>(found.page(page, size).list(), found.count());
    }

    @Transactional
    public Task get(long id) {
        Task task = Task.findById(id);
        if (task == null) {
            throw ApiProblem.notFound("task", Long.toString(id));
        }
        return task;
    }

    /**
     * Applies an RFC 7386 merge patch of status, assignee and dueDate, if the task still reads as the
     * caller last read it: {@code ifMatch} is the ETag of that read ({@link Task#etag()}; {@code *}
     * matches any), or null to apply it regardless.
     */
    @Transactional
    public Task patch(long id, JsonNode patch, String ifMatch) {
        if (patch == null || !patch.isObject()) {
            throw ApiProblem.badRequest("A merge patch must be a JSON object, e.g. {\"status\": \"in-progress\", \"assignee\": \"dana\"}");
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = patch.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!PATCHABLE.contains(name)) {
                violations.add(new Violation(name, "cannot be changed; a task's status, assignee and dueDate can"));
            }
        }
        String status = null;
        if (patch.has("status")) {
            JsonNode value = patch.get("status");
            if (!value.isTextual() || !(value.asText().equals(Task.OPEN) || value.asText().equals(Task.IN_PROGRESS))) {
                violations.add(new Violation("status", value.isTextual() && value.asText().equals(Task.DONE)
                        ? "done is set by the system when the check passes"
                        : "must be open or in-progress"));
            } else {
                status = value.asText();
            }
        }
        String assignee = null;
        if (patch.has("assignee") && !patch.get("assignee").isNull()) {
            JsonNode value = patch.get("assignee");
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
                violations.add(new Violation("assignee", "must be a non-empty string of at most 200 characters, or null"));
            } else if (PlainText.problem(value.asText()) != null) {
                violations.add(new Violation("assignee", PlainText.problem(value.asText())));
            } else {
                assignee = value.asText().strip();
            }
        }
        LocalDate dueDate = null;
        if (patch.has("dueDate") && !patch.get("dueDate").isNull()) {
            JsonNode value = patch.get("dueDate");
            try {
                dueDate = LocalDate.parse(value.asText());
                if (!value.isTextual()) {
                    throw new DateTimeParseException("not text", value.toString(), 0);
                }
                if (dueDate.getYear() < 2000 || dueDate.getYear() > 9999) {
                    violations.add(new Violation("dueDate", "must be a date between 2000-01-01 and 9999-12-31, or null"));
                    dueDate = null;
                }
            } catch (DateTimeParseException e) {
                violations.add(new Violation("dueDate", "must be an ISO date such as 2026-12-31, or null"));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        Task task = em.find(Task.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            throw ApiProblem.notFound("task", Long.toString(id));
        }
        caller.requireTeamMember(task.owner, "update tasks of '" + task.product + "'");
        if (ifMatch != null && !IfMatch.matches(ifMatch, task.etag())) {
            throw new ApiProblem(412, "stale-etag", "Precondition failed", "Task " + id + " has changed since you read it"
                    + " (now: status " + task.status + ", assignee " + (task.assignee == null ? "none" : task.assignee)
                    + "): read it again and reapply your change", null);
        }
        if (status != null && Task.DONE.equals(task.status)) {
            throw ApiProblem.conflict("Task " + id + " is done: the check passes (" + task.reason
                    + "). It reopens by itself if the check fails again.");
        }
        if (status != null) {
            task.status = status;
        }
        if (patch.has("assignee")) {
            task.assignee = assignee;
        }
        if (patch.has("dueDate")) {
            task.dueDate = dueDate;
        }
        task.updatedAt = DatabaseTime.now();
        return task;
    }
}
