package dev.pillarboard.common.rest;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseOutage;
import dev.pillarboard.common.request.Violations;
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
        return respond(Problem.of(ApiProblem.invalid(Violations.of(e.getConstraintViolations()))), uri);
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
        return respond(Problem.of(Violations.ofJson(e)), uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> otherJson(JsonProcessingException e, UriInfo uri) {
        // The reader wraps a failure of the body itself when a nested value fails (a record in a list): that failure,
        // as it is, rather than "could not be read as JSON: The request body exceeds the limit...".
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimit.TooLarge tooLarge) {
                return tooLarge(tooLarge, uri);
            }
            if (cause instanceof Utf8Bodies.NotUtf8 notUtf8) {
                return notUtf8(notUtf8, uri);
            }
        }
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

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
