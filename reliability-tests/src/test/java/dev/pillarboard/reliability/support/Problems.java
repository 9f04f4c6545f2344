package dev.pillarboard.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** What every refusal must look like: a 4xx application/problem+json in the API's words. */
public final class Problems {

    /** A Java class or package, a stack frame, a library's name or its internals. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(java|javax|jakarta|com|org|io|dev)\\.[a-z]+\\.|Exception\\b|\\tat |`|\\[Source:|jackson|hibernate|snakeyaml"
                    + "|resteasy|vertx|agroal|StreamReadConstraints|JsonReadFeature|PSQL|SQLState",
            Pattern.CASE_INSENSITIVE);

    private Problems() {
    }

    /** Asserts a 4xx problem document with no internals in it; returns its JSON. */
    public static JsonNode clientError(Api.Answer answer, String what) {
        return clientError(answer, what, "");
    }

    /** As {@link #clientError(Api.Answer, String)}; a name the client sent itself ({@code sent}) may be quoted back. */
    public static JsonNode clientError(Api.Answer answer, String what, String sent) {
        assertThat(answer.status()).as("%s: %s", what, answer).isBetween(400, 499);
        return problem(answer, what, sent);
    }

    public static JsonNode problem(Api.Answer answer, String what) {
        return problem(answer, what, "");
    }

    private static JsonNode problem(Api.Answer answer, String what, String sent) {
        assertThat(answer.header("Content-Type").orElse("")).as("%s: content type of %s", what, answer)
                .startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).as("%s: status in %s", what, answer).isEqualTo(answer.status());
        assertThat(problem.path("title").asText()).as("%s: title in %s", what, answer).isNotBlank();
        for (String text : texts(problem)) {
            Matcher internal = INTERNALS.matcher(text);
            while (internal.find()) {
                assertThat(sent).as("%s: internals in '%s'", what, text).contains(internal.group());
            }
        }
        return problem;
    }

    /** The texts a client reads: title, detail and every violation's field and message. */
    private static List<String> texts(JsonNode problem) {
        List<String> texts = new ArrayList<>();
        texts.add(problem.path("title").asText());
        texts.add(problem.path("detail").asText());
        for (JsonNode violation : problem.path("violations")) {
            texts.add(violation.path("field").asText());
            texts.add(violation.path("message").asText());
        }
        return texts;
    }
}
