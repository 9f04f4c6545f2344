package dev.pillarboard.common.request;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;
import dev.pillarboard.common.json.StrictJson;

/**
 * What is wrong with a request, field by field, with each field named as the client wrote it and
 * no Java class name: from Bean Validation's violations and from the JSON reader's refusals. No
 * HTTP types: the REST layer's mappers answer with it, and so do services that validate or read
 * JSON themselves (a merge patch, a Backstage descriptor).
 */
public final class Violations {

    private Violations() {
    }

    /**
     * A JSON value of the wrong type or format, or an unknown field, as a validation problem: the
     * field as the client wrote it and what was expected, never a Java class name. For the REST
     * layer's mapper and for services that read JSON themselves (a merged patch, for instance).
     */
    public static ApiProblem ofJson(MismatchedInputException e) {
        String field = jsonPath(e);
        String message;
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Trailing token")) {
            // FAIL_ON_TRAILING_TOKENS (StrictJson): {"tier": 1} {"tier": 3}
            var location = e.getLocation();
            String where = location == null || location.getLineNr() < 1 ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            return ApiProblem.invalid("body", "has more after its JSON value" + where + "; send exactly one JSON value");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            field = field.isEmpty() ? unknown.getPropertyName() : field;
            message = "unknown field";
        } else if (e instanceof StrictJson.Refused refused) {
            // Worded by StrictJson itself (a time with a control character, a time that is a number).
            message = refused.getOriginalMessage();
        } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class
                && invalid.getValue() instanceof String) {
            // A string refused by a deserializer that checks text: its message says why (without echoing it).
            message = invalid.getOriginalMessage();
        } else if (e instanceof InvalidFormatException invalid && original.startsWith("Cannot coerce")) {
            // A value of another JSON type, which StrictJson does not convert ("tier": "2", "name": 5).
            message = "expected " + describe(invalid.getTargetType());
        } else if (e instanceof InvalidFormatException invalid) {
            message = "'" + invalid.getValue() + "' is not " + describe(invalid.getTargetType());
        } else {
            message = "expected " + describe(e.getTargetType());
        }
        if (field.isEmpty()) {
            field = "body";
        }
        return ApiProblem.invalid(field, message);
    }

    /** Field paths as a client wrote them: {@code tags[2]}, {@code links.runbook}; sorted by field. */
    public static List<Violation> of(Collection<? extends ConstraintViolation<?>> constraintViolations) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : constraintViolations) {
            violations.add(new Violation(fieldPath(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort((a, b) -> a.field().compareTo(b.field()));
        return violations;
    }

    /** The field of one violation as the client wrote it ({@code tags[2]}, {@code links.runbook}). */
    public static String field(ConstraintViolation<?> violation) {
        return fieldPath(violation.getPropertyPath());
    }

    static String fieldPath(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            String name = node.getName();
            boolean containerElement = kind == ElementKind.CONTAINER_ELEMENT || (name != null && name.startsWith("<"));
            if (!containerElement && name != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(name);
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('.').append(node.getKey());
            }
            if (containerElement && name != null && name.equals("<map key>")) {
                field.append(" (key)");
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different type";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == short.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of string values";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return StrictJson.TIMESTAMP;
        }
        if (type == LocalDate.class) {
            return "an ISO date such as 2026-09-01";
        }
        if (type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }
}
