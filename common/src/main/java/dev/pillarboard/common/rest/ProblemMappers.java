package dev.pillarboard.common.rest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;
import dev.pillarboard.common.DatabaseOutage;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into {@code application/problem+json}, without exception class names
 * or stack traces.
 */
public class ProblemMappers {

    /** What a 503 asks the client to wait: PostgreSQL restarts in a second or two. */
    static final int RETRY_AFTER_SECONDS = 2;

    /** The JSON reader's limit messages: "Document nesting depth (1001) exceeds the maximum allowed (1000, from `...`)". */
    private static final Pattern LIMIT = Pattern.compile("^(.*?) \\(\\d+\\) exceeds the maximum allowed \\((\\d+)");
    /** A location as the JSON reader quotes it, with its source description. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");
    /** A reference to the reader's settings class. */
    private static final Pattern FROM = Pattern.compile(",? from `[^`]*`");
    /** Advice to switch on a reader feature ("Non-standard token 'NaN': enable `JsonReadFeature...` to allow"). */
    private static final Pattern ENABLE = Pattern.compile(":? ?\\(?(enable|disable) `[^`]*`[^)]*?\\)?(?=$|;|\\n)");
    /** Anything else the reader puts in backticks: its own names, never the client's words. */
    private static final Pattern QUOTED = Pattern.compile("`[^`]*`");

    @ServerExceptionMapper
    public RestResponse<Problem> apiProblem(ApiProblem e, UriInfo uri) {
        return respond(Problem.of(e), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = violations(e.getConstraintViolations());
        return respond(Problem.of(ApiProblem.invalid(violations)), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> malformedJson(JsonParseException e, UriInfo uri) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return respond(Problem.of(ApiProblem.badRequest("The body is not well-formed JSON" + where + ": " + readerMessage(e))), uri);
    }

    /**
     * A limit of the JSON reader, in the API's words: "The body is nested deeper than 1000 levels",
     * never the reader's own text (which names its settings class).
     */
    @ServerExceptionMapper
    public RestResponse<Problem> jsonLimit(StreamConstraintsException e, UriInfo uri) {
        return respond(Problem.of(ApiProblem.badRequest(limitExceeded(e))), uri);
    }

    /** What a reader limit means for the client: which limit, and its value. */
    static String limitExceeded(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher limit = LIMIT.matcher(message);
        if (!limit.find()) {
            return "The body exceeds a limit of the JSON reader";
        }
        String max = limit.group(2);
        return switch (limit.group(1)) {
            case "Document nesting depth" -> "The body is nested deeper than " + max + " levels";
            case "Number value length" -> "A number in the body is longer than " + max + " characters";
            case "String value length" -> "A string in the body is longer than " + max + " characters";
            case "Name length" -> "A field name in the body is longer than " + max + " characters";
            case "Token count" -> "The body has more than " + max + " tokens";
            case "Document length" -> "The body is longer than " + max + " characters";
            default -> "The body exceeds a limit of the JSON reader (" + max + ")";
        };
    }

    /**
     * The JSON reader's message without its internals: a location it quotes with its source
     * description ("[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 9]")
     * becomes "line 1, column 9", and a reference to a settings class is dropped.
     */
    static String readerMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        message = SOURCE.matcher(message).replaceAll("line $1, column $2");
        message = FROM.matcher(message).replaceAll("");
        message = ENABLE.matcher(message).replaceAll("");
        return QUOTED.matcher(message).replaceAll("a setting of the reader");
    }

    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return respond(Problem.of(invalidJson(e)), uri);
    }

    /**
     * A JSON value of the wrong type or format, or an unknown field, as a validation problem: the
     * field as the client wrote it and what was expected, never a Java class name. For services
     * that read JSON themselves (a merged patch, for instance).
     */
    public static ApiProblem invalidJson(MismatchedInputException e) {
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

    @ServerExceptionMapper
    public RestResponse<Problem> otherJson(JsonProcessingException e, UriInfo uri) {
        var location = e.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return respond(Problem.of(ApiProblem.badRequest("The body could not be read as JSON" + where + ": " + readerMessage(e))), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooLarge(BodyLimit.TooLarge e, UriInfo uri) {
        return respond(Problem.of(ApiProblem.tooLarge(e.limit())), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> notUtf8(Utf8Bodies.NotUtf8 e, UriInfo uri) {
        return respond(Problem.of(ApiProblem.badRequest(e.getMessage() + ": send the text encoded as UTF-8")), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ApiProblem.forbidden("Your roles do not allow this operation")), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
        // The JSON reader wraps parse errors; answer them as precisely as the unwrapped ones.
        if (e.getCause() instanceof Utf8Bodies.NotUtf8 notUtf8) {
            return notUtf8(notUtf8, uri);
        }
        if (e.getCause() instanceof BodyLimit.TooLarge tooLarge) {
            return tooLarge(tooLarge, uri);
        }
        if (e.getCause() instanceof StreamConstraintsException limit) {
            return jsonLimit(limit, uri);
        }
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatchedJson(mismatch, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return otherJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 406 -> "None of the media types in Accept can be produced here";
            case 415 -> "This media type is not accepted here";
            default -> title;
        };
        return respond(Problem.of(status, slug(title), title, detail, null), uri);
    }

    /**
     * Everything else: a database that cannot be reached (restarting, down, refusing connections) is
     * a 503 with {@code Retry-After}, since the same request succeeds once it is back; anything else
     * is a bug, a 500 with an error id that the log repeats with the stack trace.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutage.isOutage(e)) {
            Log.warnf("Database unavailable on %s: %s", uri.getPath(), DatabaseOutage.describe(e));
            return respond(Problem.of(ApiProblem.unavailable(RETRY_AFTER_SECONDS)), uri);
        }
        String id = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error %s on %s", id, uri.getPath());
        return respond(Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side; nothing was changed. Error id: " + id, null), uri);
    }

    private static RestResponse<Problem> unauthenticated(UriInfo uri) {
        Problem problem = Problem.of(401, "unauthenticated", "Unauthorized",
                "A valid bearer token is required", null).at(uri.getPath());
        return RestResponse.ResponseBuilder.<Problem> create(401).entity(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    static RestResponse<Problem> respond(Problem problem, UriInfo uri) {
        RestResponse.ResponseBuilder<Problem> response = RestResponse.ResponseBuilder.<Problem> create(problem.status())
                .entity(problem.at(uri.getPath()))
                .type(Problem.MEDIA_TYPE);
        if (problem.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        }
        return response.build();
    }

    /** Field paths as a client wrote them: {@code tags[2]}, {@code links.runbook}. */
    public static List<Violation> violations(Collection<? extends ConstraintViolation<?>> constraintViolations) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : constraintViolations) {
            violations.add(new Violation(fieldPath(violation.getPropertyPath()), violation.getMessage()));
        }
        violations.sort((a, b) -> a.field().compareTo(b.field()));
        return violations;
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
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return StrictJson.TIMESTAMP;
        }
        if (type == java.time.LocalDate.class) {
            return "an ISO date such as 2026-09-01";
        }
        if (type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
