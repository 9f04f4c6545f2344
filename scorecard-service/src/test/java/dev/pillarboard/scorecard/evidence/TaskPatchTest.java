package dev.pillarboard.scorecard.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;

/**
 * A task's merge patch: absent and null differ (left alone, cleared), and the constraints
 * {@link TaskPatch} declares (what OpenAPI shows) are the ones {@link TaskPatch#read} enforces.
 */
class TaskPatchTest {

    static TaskPatch read(String json) throws JsonProcessingException {
        return TaskPatch.read(SignalBatchTest.JSON.readTree(json));
    }

    static Set<String> refusedByReader(String json) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> read(json));
        return problem == null ? Set.of() : problem.violations().stream().map(Violation::field).collect(Collectors.toSet());
    }

    static Set<String> refusedByBeanValidation(TaskPatch patch) {
        return SignalBatchTest.VALIDATOR.validate(patch).stream().map(v -> v.getPropertyPath().toString().replaceAll("\\..*", ""))
                .collect(Collectors.toSet());
    }

    @Test
    void absentLeavesAFieldAloneAndNullClearsIt() throws JsonProcessingException {
        assertThat(read("{}")).isEqualTo(new TaskPatch(null, null, null));
        assertThat(read("{\"assignee\": null, \"dueDate\": null}")).isEqualTo(new TaskPatch(null, Optional.empty(), Optional.empty()));
        assertThat(read("{\"status\": \"in-progress\", \"assignee\": \" dana \", \"dueDate\": \"2026-12-31\"}"))
                .isEqualTo(new TaskPatch("in-progress", Optional.of("dana"), Optional.of(LocalDate.of(2026, 12, 31))));
        assertThat(read("{\"dueDate\": \"2027-01-31\"}")).isEqualTo(new TaskPatch(null, null, Optional.of(LocalDate.of(2027, 1, 31))));
    }

    @Test
    void everyDeclaredConstraintBrokenIsRefusedByBothAtItsField() {
        for (String status : List.of("closed", "done", "OPEN")) {
            assertThat(refusedByReader("{\"status\": \"" + status + "\"}")).as("reader, %s", status).containsExactly("status");
            assertThat(refusedByBeanValidation(new TaskPatch(status, null, null))).as("Bean Validation, %s", status)
                    .containsExactly("status");
        }
        for (String assignee : List.of("", "  ", "a".repeat(201))) {
            assertThat(refusedByReader("{\"assignee\": \"" + assignee + "\"}")).as("reader, '%s'", assignee).containsExactly("assignee");
            assertThat(refusedByBeanValidation(new TaskPatch(null, Optional.of(assignee), null))).as("Bean Validation, '%s'", assignee)
                    .containsExactly("assignee");
        }
    }

    @Test
    void whatTheReaderAcceptsBeanValidationAccepts() throws JsonProcessingException {
        for (String json : List.of("{}", "{\"status\": \"open\"}", "{\"status\": \"in-progress\"}", "{\"assignee\": null}",
                "{\"assignee\": \"" + "a".repeat(200) + "\"}", "{\"assignee\": \" x \"}", "{\"dueDate\": \"2000-01-01\"}",
                "{\"dueDate\": \"9999-12-31\", \"assignee\": \"x\"}", "{\"dueDate\": null}")) {
            assertThat(SignalBatchTest.VALIDATOR.validate(read(json))).as(json).isEmpty();
        }
    }

    @Test
    void everyFieldThatCannotChangeComesFirstThenEveryBadValue() {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class,
                () -> read("{\"dueDate\": \"soon\", \"priority\": \"P3\", \"status\": \"done\", \"id\": 1, \"assignee\": 5}"));
        assertThat(problem.violations()).extracting(Violation::field).containsExactly("priority", "id", "status", "assignee", "dueDate");
        assertThat(catchThrowableOfType(ApiProblem.class, () -> read("[1]")).status()).isEqualTo(400);
        assertThat(refusedByReader("{\"dueDate\": \"1999-12-31\"}")).containsExactly("dueDate");
        assertThat(refusedByReader("{\"dueDate\": 20261231}")).containsExactly("dueDate");
        assertThat(refusedByReader("{\"assignee\": \"da\\u0007na\"}")).containsExactly("assignee");
    }
}
