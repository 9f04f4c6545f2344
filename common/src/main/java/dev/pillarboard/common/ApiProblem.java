package dev.pillarboard.common;

import java.util.List;

/**
 * A failure the caller can act on, carried up to the REST layer and answered as an
 * RFC 9457 {@code application/problem+json} document.
 */
public class ApiProblem extends RuntimeException {

    /** One field-level complaint of a validation error. */
    public record Violation(String field, String message) {
    }

    private final int status;
    private final String type;
    private final String title;
    private final List<Violation> violations;

    public ApiProblem(int status, String type, String title, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "bad-request", "Bad request", detail, null);
    }

    public static ApiProblem invalid(String detail, List<Violation> violations) {
        return new ApiProblem(400, "validation", "Invalid request", detail, violations);
    }

    /** A validation error summarised by {@link #summary(List, String)}: "field: message", or "N fields are invalid". */
    public static ApiProblem invalid(List<Violation> violations) {
        return invalid(summary(violations, "fields are invalid"), violations);
    }

    /** "field: message" for one violation, else "N " and {@code plural} ("fields are invalid", "problems"). */
    public static String summary(List<Violation> violations, String plural) {
        if (violations.size() == 1) {
            return violations.get(0).field() + ": " + violations.get(0).message();
        }
        return violations.size() + " " + plural;
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(field + ": " + message, List.of(new Violation(field, message)));
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail, null);
    }

    public static ApiProblem notFound(String kind, String slug) {
        return new ApiProblem(404, "not-found", "Not found", "No " + kind + " '" + slug + "'", null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "conflict", "Conflict", detail, null);
    }

    public static ApiProblem preconditionFailed(String kind, String slug, long current) {
        return new ApiProblem(412, "stale-etag", "Precondition failed",
                "The " + kind + " '" + slug + "' has changed since you read it (now at revision " + current
                        + "): read it again and reapply your change",
                null);
    }

    public static ApiProblem preconditionRequired() {
        return new ApiProblem(428, "if-match-required", "Precondition required",
                "Send the ETag of your last read in an If-Match header, so that concurrent changes are not overwritten",
                null);
    }

    public static ApiProblem unprocessable(String field, String message) {
        return new ApiProblem(422, "unprocessable", "Unprocessable request", field + ": " + message,
                List.of(new Violation(field, message)));
    }

    public static ApiProblem unprocessable(String detail, List<Violation> violations) {
        return new ApiProblem(422, "unprocessable", "Unprocessable request", detail, violations);
    }

    public static ApiProblem tooLarge(long limit) {
        return new ApiProblem(413, "too-large", "Payload too large",
                "The request body exceeds the limit of " + limit + " bytes", null);
    }

    /** The database cannot be reached right now (restarting, down): try again after {@code seconds}. */
    public static ApiProblem unavailable(int seconds) {
        return new ApiProblem(503, "unavailable", "Service unavailable",
                "The database cannot be reached right now; try again in " + seconds + " seconds", null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
