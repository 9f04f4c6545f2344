package dev.pillarboard.portal.client;

import java.util.List;

/** An RFC 9457 problem document as the services write it, with its field-level violations. */
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {

    public Problem {
        violations = violations == null ? List.of() : violations;
    }

    public record Violation(String field, String message) {
    }
}
