package dev.pillarboard.scorecard.evidence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;
import dev.pillarboard.common.PlainText;
import dev.pillarboard.scorecard.config.ScorecardConfig;

/**
 * Reads a push's body into {@link SignalRequest}s, enforcing the record's constraints: all or
 * nothing, every problem of every item named at once ({@code [3].value}, in item order, then in
 * the order of the fields) and nothing stored when there is one. A single object is a batch of
 * one. Strings are stripped; a blank source is the caller.
 */
final class SignalBatch {

    private static final Pattern SLUG = Pattern.compile(SignalRequest.SLUG);
    private static final Pattern KEY = Pattern.compile(SignalRequest.KEY);
    private static final Set<String> FIELDS = Set.of("product", "key", "value", "observedAt", "source");

    private SignalBatch() {
    }

    /**
     * The batch's signals, or an {@link ApiProblem} (400) listing what is wrong; {@code now} is the
     * server's clock, from which the limits' clock skew is allowed.
     */
    static List<SignalRequest> read(JsonNode body, String caller, ScorecardConfig.Signals limits, Instant now) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiProblem.invalid("body", "send a JSON array of signals: [{product, key, value, observedAt, source}]");
        }
        JsonNode array = body.isObject() ? JsonNodeFactory.instance.arrayNode().add(body) : body;
        if (!array.isArray()) {
            throw ApiProblem.invalid("body", "send a JSON array of signals: [{product, key, value, observedAt, source}]");
        }
        int max = limits.maxBatch();
        if (array.isEmpty()) {
            throw ApiProblem.invalid("body", "the batch is empty");
        }
        if (array.size() > max) {
            throw ApiProblem.invalid("body", "at most " + max + " signals per request; got " + array.size());
        }
        Instant latest = now.plus(limits.maxClockSkew());
        List<Violation> violations = new ArrayList<>();
        List<SignalRequest> signals = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = "[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                violations.add(new Violation(at, "must be an object {product, key, value, observedAt, source}"));
                continue;
            }
            int before = violations.size();
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    violations.add(new Violation(at + "." + name, "unknown field; a signal has product, key, value, observedAt, source"));
                }
            }
            String product = text(node, "product", at, violations);
            if (product != null && !SLUG.matcher(product).matches()) {
                violations.add(new Violation(at + ".product", "'" + shorten(product) + "' is not a product slug"));
            }
            String key = text(node, "key", at, violations);
            if (key != null && !KEY.matcher(key).matches()) {
                violations.add(new Violation(at + ".key",
                        "'" + shorten(key) + "' is not a signal key (letters, digits, _ . : / -, at most 200 characters)"));
            }
            JsonNode value = value(node.get("value"), at, violations);
            Instant observedAt = null;
            String observedText = text(node, "observedAt", at, violations);
            if (observedText != null) {
                try {
                    observedAt = OffsetDateTime.parse(observedText).toInstant().truncatedTo(ChronoUnit.MICROS);
                    if (observedAt.isBefore(SignalRequest.EARLIEST)) {
                        violations.add(new Violation(at + ".observedAt",
                                "is before " + SignalRequest.EARLIEST + "; send when it was observed"));
                    } else if (observedAt.isAfter(latest)) {
                        violations.add(new Violation(at + ".observedAt", "is in the future (more than "
                                + limits.maxClockSkew().toSeconds() + " s ahead of the server clock)"));
                    }
                } catch (DateTimeParseException e) {
                    violations.add(new Violation(at + ".observedAt",
                            "'" + shorten(observedText) + "' is not an ISO-8601 timestamp with offset, e.g. 2026-09-01T10:00:00Z"));
                }
            }
            String source = caller;
            JsonNode sourceNode = node.get("source");
            if (sourceNode != null && !sourceNode.isNull()) {
                if (!sourceNode.isTextual() || sourceNode.asText().length() > SignalRequest.MAX_SOURCE) {
                    violations.add(new Violation(at + ".source", "must be a string of at most 200 characters"));
                } else if (PlainText.problem(sourceNode.asText()) != null) {
                    violations.add(new Violation(at + ".source", PlainText.problem(sourceNode.asText())));
                } else if (!sourceNode.asText().isBlank()) {
                    source = sourceNode.asText().strip();
                }
            }
            if (violations.size() == before) {
                signals.add(new SignalRequest(product, key, value, observedAt, source));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(ApiProblem.summary(violations, "problems") + "; nothing was stored", violations);
        }
        return signals;
    }

    private static String text(JsonNode node, String field, String at, List<Violation> violations) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            violations.add(new Violation(at + "." + field, "is required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            violations.add(new Violation(at + "." + field, "must be a non-empty string"));
            return null;
        }
        // No control character anywhere (a trailing tab or line feed is not stripped away): a slug, a key or a time
        // never has one.
        String refused = PlainText.problem(value.asText(), false);
        if (refused != null) {
            violations.add(new Violation(at + "." + field, refused));
            return null;
        }
        return value.asText().strip();
    }

    private static JsonNode value(JsonNode value, String at, List<Violation> violations) {
        if (value == null || value.isNull()) {
            violations.add(new Violation(at + ".value", "is required (a number, a boolean or a string)"));
            return null;
        }
        if (value.isNumber() || value.isBoolean()) {
            return value;
        }
        if (value.isTextual()) {
            if (value.asText().length() > SignalRequest.MAX_TEXT) {
                violations.add(new Violation(at + ".value",
                        "a string value may have at most " + SignalRequest.MAX_TEXT + " characters"));
                return null;
            }
            String problem = PlainText.problem(value.asText());
            if (problem != null) {
                violations.add(new Violation(at + ".value", problem));
                return null;
            }
            return value;
        }
        violations.add(new Violation(at + ".value", "must be a number, a boolean or a string, not " + value.getNodeType().name().toLowerCase()));
        return null;
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }
}
