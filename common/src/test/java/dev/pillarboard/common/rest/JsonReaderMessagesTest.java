package dev.pillarboard.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON reader's limits and errors in the API's words, never its own class names. */
class JsonReaderMessagesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aBodyNestedTooDeepSaysHowDeepItMayBe() {
        String deep = "[".repeat(1001) + "]".repeat(1001);
        StreamConstraintsException e = assertThrows(StreamConstraintsException.class, () -> mapper.readTree(deep));
        assertEquals("The body is nested deeper than 1000 levels", ProblemMappers.limitExceeded(e));
    }

    @Test
    void aTruncatedBodyNamesWhereTheOpenArrayStarted() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readTree("{\"tags\": [\"a\","));
        String message = ProblemMappers.readerMessage(e);
        assertEquals(-1, message.indexOf('`'), message);
        assertEquals(-1, message.indexOf("Source"), message);
    }

    @Test
    void aNonStandardNumberIsNamedWithoutTheReadersFeatureToAllowIt() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readTree("{\"a\": NaN}"));
        String message = ProblemMappers.readerMessage(e);
        assertEquals(-1, message.indexOf('`'), message);
        assertEquals(-1, message.indexOf("JsonReadFeature"), message);
        assertEquals(-1, message.indexOf("enable"), message);
        assertEquals(true, message.contains("NaN"), message);
    }
}
