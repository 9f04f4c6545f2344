package dev.pillarboard.scorecard.evidence;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;


import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.request.IfMatch;
import dev.pillarboard.common.request.SortParam;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.Task;
import dev.pillarboard.scorecard.engine.Priority;
import dev.pillarboard.scorecard.engine.Requirement;
import dev.pillarboard.scorecard.engine.Status;
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
     * the task's check (e.g. {@code not-connected}: the signals to connect); {@code requirement} what the product's
     * phase asks of the check (e.g. {@code required}: P1 tasks and those within the grace of a newly required check).
     */
    public record TaskFilter(List<String> owners, String product, String priority, String status, String checkStatus,
            String requirement) {
    }

    /** The statuses a task's check can have. */
    static final List<String> CHECK_STATUSES = Arrays.stream(Status.values()).map(Status::label).toList();

    /** The priorities of tasks. */
    static final List<String> PRIORITIES = Arrays.stream(Priority.values()).map(Priority::name).toList();

    /** What a product's phase can ask of a task's check: required, recommended, n/a. */
    static final List<String> REQUIREMENTS = Arrays.stream(Requirement.values()).map(Requirement::label).toList();

    private final Caller caller;
    private final EntityManager em;

    public TaskService(Caller caller, EntityManager em) {
        this.caller = caller;
        this.em = em;
    }

    /** The orders of the task list: by priority (P1 first), or by due date (soonest first, tasks without one last). */
    public static final List<String> SORT_KEYS = List.of("priority", "dueDate");

    /**
     * A page of the tasks {@code filter} selects, in the order {@code sort} names ({@link #SORT_KEYS}; {@code -} before
     * the key reverses it), then by product and check.
     */
    @Transactional
    public Page<Task> list(TaskFilter filter, SortParam sort, int page, int size) {
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
        equalTo(query, parameters, "priority", filter.priority(), PRIORITIES);
        equalTo(query, parameters, "checkStatus", filter.checkStatus(), CHECK_STATUSES);
        equalTo(query, parameters, "requirement", filter.requirement(), REQUIREMENTS);
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
        Sort.Direction direction = sort.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        Sort order = sort.key().equals("dueDate")
                ? Sort.by("dueDate", direction, Sort.NullPrecedence.NULLS_LAST).and("priority")
                : Sort.by("priority", direction);
        var found = Task.find(query.toString(), order.and("product").and("checkId"), parameters);
        return new Page<>(found.page(page, size).list(), found.count());
    }

    /** Adds {@code field = value} to the query when a value is given; one that is not among {@code allowed} is a 400. */
    private static void equalTo(StringBuilder query, Parameters parameters, String field, String value, List<String> allowed) {
        if (value == null) {
            return;
        }
        if (!allowed.contains(value)) {
            throw ApiProblem.invalid(field, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        query.append(" and ").append(field).append(" = :").append(field);
        parameters.and(field, value);
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
     * Applies a merge patch of status, assignee and dueDate ({@link TaskPatch#read}), if the task
     * still reads as the caller last read it: {@code ifMatch} is the ETag of that read
     * ({@link Task#etag()}; {@code *} matches any), or null to apply it regardless.
     */
    @Transactional
    public Task patch(long id, TaskPatch patch, String ifMatch) {
        // Counts the edit on the product's scorecard, so that the next evaluation reads the product's tasks again
        // rather than trusting its task digest (V10__task_digest.sql). The scorecard row is locked before the task,
        // in the order an evaluation writes them. A refused patch rolls the count back with the rest.
        em.createNativeQuery("UPDATE scorecard SET task_edits = task_edits + 1"
                + " WHERE product = (SELECT product FROM task WHERE id = ?1)").setParameter(1, id).executeUpdate();
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
        if (patch.status() != null && Task.DONE.equals(task.status)) {
            throw ApiProblem.conflict("Task " + id + " is done: the check passes (" + task.reason
                    + "). It reopens by itself if the check fails again.");
        }
        if (patch.status() != null) {
            task.status = patch.status();
        }
        if (patch.assignee() != null) {
            task.assignee = patch.assignee().orElse(null);
        }
        if (patch.dueDate() != null) {
            task.dueDate = patch.dueDate().orElse(null);
        }
        task.updatedAt = DatabaseTime.now();
        return task;
    }
}
