package dev.pillarboard.scorecard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.scorecard.engine.SignalValue;

/**
 * A signal's value as the {@code signal} table stores it ({@code jsonb}): a JSON number, boolean or
 * string. The one encoder (what a push stores) and decoder (what an evaluation reads) of that form.
 */
public final class SignalJson {

    /** Plain Jackson, for the escapes of a string only. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalJson() {
    }

    /** The stored form of a pushed value: a number, a boolean or a string (the caller refuses other types). */
    public static String encode(JsonNode value) {
        if (value.isNumber() || value.isBoolean()) {
            return value.toString();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("a signal value is a number, a boolean or a string, not " + value.getNodeType());
        }
        try {
            return JSON.writeValueAsString(value.asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engine's value of a stored one. */
    public static SignalValue decode(String json) {
        if (json.isEmpty()) {
            return SignalValue.of("");
        }
        char first = json.charAt(0);
        if (first == '"') {
            return SignalValue.of(unquote(json));
        }
        if (json.equals("true") || json.equals("false")) {
            return SignalValue.of(Boolean.parseBoolean(json));
        }
        if (json.indexOf('.') < 0 && json.indexOf('e') < 0 && json.indexOf('E') < 0) {
            try {
                return SignalValue.of(Long.parseLong(json));
            } catch (NumberFormatException tooBig) {
                return SignalValue.of(Double.parseDouble(json));
            }
        }
        return SignalValue.of(Double.parseDouble(json));
    }

    private static String unquote(String json) {
        if (json.indexOf('\\') < 0) {
            return json.substring(1, json.length() - 1);
        }
        try {
            return JSON.readValue(json, String.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt signal value " + json, e);
        }
    }
}
