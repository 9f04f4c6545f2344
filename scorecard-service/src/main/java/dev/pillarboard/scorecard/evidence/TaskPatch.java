package dev.pillarboard.scorecard.evidence;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;
import dev.pillarboard.common.PlainText;
import dev.pillarboard.scorecard.Task;

/**
 * A JSON merge patch (RFC 7386) of a task. A merge patch tells a field it leaves alone (absent)
 * from one it clears ({@code null}); so does this record: a {@code null} component is absent from
 * the patch, and {@link Optional#empty()} clears the field. {@link #read(JsonNode)} takes presence
 * from the JSON object itself and enforces the constraints declared here, naming every problem at
 * once; {@code TaskPatchTest} checks that Bean Validation of this record agrees with it.
 */
@Schema(name = "TaskPatch", description = "A JSON merge patch (RFC 7386) of a task: a field left out stays as it is, null "
        + "clears assignee or dueDate; no other field can be changed")
public record TaskPatch(
        @Schema(description = "open or in-progress; done is set by the system when the check passes",
                enumeration = { Task.OPEN, Task.IN_PROGRESS })
        @Pattern(regexp = STATUS) String status,
        @Schema(description = "Who works on it; null clears it", nullable = true, minLength = 1, maxLength = MAX_ASSIGNEE,
                pattern = "\\S", examples = "dana")
        Optional<@Size(min = 1, max = MAX_ASSIGNEE) @Pattern(regexp = NOT_BLANK) String> assignee,
        @Schema(description = "When it is due, an ISO date from 2000-01-01 to 9999-12-31; null clears it", nullable = true,
                examples = "2026-12-31")
        Optional<LocalDate> dueDate) {

    /** The statuses a team sets. */
    public static final String STATUS = Task.OPEN + "|" + Task.IN_PROGRESS;
    /** The longest assignee. */
    public static final int MAX_ASSIGNEE = 200;
    /** Some text that is not white space ({@code @NotBlank} would refuse {@code null}, which clears). */
    public static final String NOT_BLANK = "(?s).*\\S.*";

    private static final Set<String> FIELDS = Set.of("status", "assignee", "dueDate");

    /**
     * The patch in {@code json}, or an {@link ApiProblem} (400): not an object, or every field that
     * cannot be changed and every bad value, in that order.
     */
    public static TaskPatch read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw ApiProblem.badRequest("A merge patch must be a JSON object, e.g. {\"status\": \"in-progress\", \"assignee\": \"dana\"}");
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(name, "cannot be changed; a task's status, assignee and dueDate can"));
            }
        }
        String status = json.has("status") ? status(json.get("status"), violations) : null;
        Optional<String> assignee = json.has("assignee") ? assignee(json.get("assignee"), violations) : null;
        Optional<LocalDate> dueDate = json.has("dueDate") ? dueDate(json.get("dueDate"), violations) : null;
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return new TaskPatch(status, assignee, dueDate);
    }

    private static String status(JsonNode value, List<Violation> violations) {
        if (value.isTextual() && (value.asText().equals(Task.OPEN) || value.asText().equals(Task.IN_PROGRESS))) {
            return value.asText();
        }
        violations.add(new Violation("status", value.isTextual() && value.asText().equals(Task.DONE)
                ? "done is set by the system when the check passes"
                : "must be open or in-progress"));
        return null;
    }

    private static Optional<String> assignee(JsonNode value, List<Violation> violations) {
        if (value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_ASSIGNEE) {
            violations.add(new Violation("assignee", "must be a non-empty string of at most 200 characters, or null"));
        } else if (PlainText.problem(value.asText()) != null) {
            violations.add(new Violation("assignee", PlainText.problem(value.asText())));
        }
        return Optional.of(value.asText().strip());
    }

    private static Optional<LocalDate> dueDate(JsonNode value, List<Violation> violations) {
        if (value.isNull()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(value.asText());
            if (!value.isTextual()) {
                throw new DateTimeParseException("not text", value.toString(), 0);
            }
            if (date.getYear() < 2000 || date.getYear() > 9999) {
                violations.add(new Violation("dueDate", "must be a date between 2000-01-01 and 9999-12-31, or null"));
            }
            return Optional.of(date);
        } catch (DateTimeParseException e) {
            violations.add(new Violation("dueDate", "must be an ISO date such as 2026-12-31, or null"));
            return Optional.empty();
        }
    }
}
