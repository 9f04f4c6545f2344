package dev.pillarboard.scorecard.rest;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import dev.pillarboard.common.PlainText;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Every string field of a JSON request body is plain text ({@link PlainText}: no control characters
 * other than tab, line feed and carriage return), checked when it is read, so that the 400 names the
 * field.
 */
@Singleton
public class PlainTextJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("pillarboard-plain-text").addDeserializer(String.class, new Checked()));
    }

    /** Jackson's string deserializer, refusing control characters. */
    private static final class Checked extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            String problem = text == null ? null : PlainText.problem(text);
            if (problem != null) {
                // The message is the answer's: ProblemMappers words a refused string by it, with the field.
                throw InvalidFormatException.from(parser, problem, text, String.class);
            }
            return text;
        }
    }
}
