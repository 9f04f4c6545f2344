package dev.pillarboard.common.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pillarboard.common.ApiProblem;

/**
 * An RFC 9457 problem document. Validation errors list their field-level {@code violations}.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<ApiProblem.Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://pillarboard.dev/problems/";

    public static Problem of(int status, String type, String title, String detail, List<ApiProblem.Violation> violations) {
        return new Problem(TYPE_BASE + type, title, status, detail, null, violations);
    }

    public static Problem of(ApiProblem problem) {
        return of(problem.status(), problem.type(), problem.title(), problem.getMessage(), problem.violations());
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, violations);
    }
}
