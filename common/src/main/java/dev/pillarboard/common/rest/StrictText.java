package dev.pillarboard.common.rest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import dev.pillarboard.common.ApiProblem;

/**
 * Reads every request body that a resource takes as a {@link String} (merge patches, YAML) strictly:
 * bytes that are not valid in the body's charset are a 400 naming the byte offset and the line,
 * never replacement characters that would then be stored. The charset is UTF-8 unless the
 * {@code Content-Type} names another (a client that declares ISO-8859-1 gets exactly the characters
 * it sent). The built-in reader decodes leniently; an application's reader is preferred over it.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Consumes(MediaType.WILDCARD)
public class StrictText implements MessageBodyReader<String> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == String.class;
    }

    @Override
    public String readFrom(Class<String> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        return decode(entityStream.readAllBytes(), charset(mediaType));
    }

    /**
     * {@code bytes} as text in {@code charset}, or an {@link ApiProblem} (400) naming the offset of the
     * first byte that is not part of a valid character, with its line (1-based, counted in line feeds).
     */
    public static String decode(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L,
                (long) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw ApiProblem.badRequest("The body is not valid " + charset.name() + " at byte offset " + offset
                    + " (line " + line(bytes, offset) + "): send the text encoded as " + charset.name());
        }
        return out.flip().toString();
    }

    private static int line(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Charset charset(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ApiProblem(415, "unsupported-media-type", "Unsupported Media Type",
                    "The charset '" + name + "' is not supported: send the body as UTF-8", null);
        }
    }
}
