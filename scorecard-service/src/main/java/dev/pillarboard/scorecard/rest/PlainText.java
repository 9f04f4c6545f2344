package dev.pillarboard.scorecard.rest;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Text that people and automation send is plain text: no control characters other than tab,
 * line feed and carriage return. PostgreSQL refuses U+0000 in text and JSON outright, and the
 * other C0 controls are never meant (a mangled encoding, a binary value pasted into a field).
 * Every string field of a JSON request body is checked when it is read (the field is named in the
 * 400); fields read as JSON trees (signals, task patches) call {@link #problem(String)}.
 */
@Singleton
public class PlainText implements ObjectMapperCustomizer {

    /** Why {@code text} is not plain text, or null when it is. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0x7F) {
                return "contains the control character U+%04X at position %d".formatted((int) ch, i + 1);
            }
        }
        return null;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("pillarboard-plain-text").addDeserializer(String.class, new Checked()));
    }

    /** Jackson's string deserializer, refusing control characters. */
    private static final class Checked extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            String problem = text == null ? null : problem(text);
            if (problem != null) {
                // The message is the answer's: ProblemMappers words a refused string by it, with the field.
                throw InvalidFormatException.from(parser, problem, text, String.class);
            }
            return text;
        }
    }
}
