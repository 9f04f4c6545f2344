package dev.pillarboard.common.json;

import java.io.IOException;
import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import dev.pillarboard.common.PlainText;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A JSON request body means exactly what it says, or it is a 400 naming the field:
 * <ul>
 * <li>a value of the wrong JSON type is never converted: {@code "tier": 2.7} is not 2, {@code "tier": "2"} is not a
 * number, {@code "untilPhaseChange": 1} or {@code "yes"} is not a boolean, {@code "name": 5} is not text;</li>
 * <li>a time ({@link Instant}) is an ISO-8601 string: not a number (seconds or milliseconds? it cannot tell), and not
 * a string with control characters in it (the reader used to trim {@code "2027-01-01T00:00:00Z\u0000"} and accept
 * it);</li>
 * <li>nothing follows the value ({@code {"tier": 1} {"tier": 3}}), and no field appears twice in an object
 * ({@code {"tier": 1, "tier": 3}}): which one did the client mean?</li>
 * </ul>
 * Both services register it (it is a bean of this module); {@link dev.pillarboard.common.request.Violations#ofJson}
 * words each refusal.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** How a time is written, for messages. */
    public static final String TIMESTAMP = "an ISO-8601 timestamp such as 2026-09-01T10:00:00Z";

    /** After Quarkus's own customizer, which registers the Java time module: the instant reader here replaces its one. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        mapper.registerModule(new SimpleModule("pillarboard-strict-json").addDeserializer(Instant.class, new StrictInstant()));
    }

    /** A value of type {@code type} is never read from JSON of the given {@code shapes}: a 400 naming the field. */
    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        MutableCoercionConfig coercions = mapper.coercionConfigFor(type);
        for (CoercionInputShape shape : shapes) {
            coercions.setCoercion(shape, CoercionAction.Fail);
        }
    }

    /**
     * A value the client sent that is refused for a reason this module words itself (the message is the answer's,
     * after the field's name).
     */
    public static final class Refused extends InvalidFormatException {
        Refused(JsonParser parser, String message, Object value, Class<?> target) {
            super(parser, message, value, target);
        }
    }

    /** Jackson's reader for ISO-8601 instants, for strings without control characters only. */
    static final class StrictInstant extends StdScalarDeserializer<Instant> {

        StrictInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                throw new Refused(parser, "expected " + TIMESTAMP + ", not " + kind(parser.currentToken()),
                        parser.getText(), Instant.class);
            }
            String text = parser.getText();
            int at = PlainText.refusedAt(text, false);
            if (at >= 0) {
                throw new Refused(parser, "contains the control character U+%04X at position %d; send %s"
                        .formatted((int) text.charAt(at), at + 1, TIMESTAMP), text, Instant.class);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }

        private static String kind(JsonToken token) {
            if (token == null) {
                return "nothing";
            }
            return switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true or false";
                case START_ARRAY -> "an array";
                case START_OBJECT -> "an object";
                default -> "another kind of value";
            };
        }
    }
}
