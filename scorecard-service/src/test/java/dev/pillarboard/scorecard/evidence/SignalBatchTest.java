package dev.pillarboard.scorecard.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.ApiProblem.Violation;
import dev.pillarboard.scorecard.config.ScorecardConfig;

/**
 * The constraints {@link SignalRequest} declares (what OpenAPI shows) are the ones {@link SignalBatch}
 * enforces: each declared constraint, broken, is refused by both at the same field, and whatever the
 * reader accepts, Bean Validation accepts.
 */
class SignalBatchTest {

    static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-09-01T10:00:00Z");
    static final ScorecardConfig.Signals LIMITS = new ScorecardConfig.Signals() {
        @Override
        public int maxBatch() {
            return 1000;
        }

        @Override
        public Duration maxClockSkew() {
            return Duration.ofMinutes(5);
        }
    };

    static Map<String, Object> item(String field, Object value) {
        Map<String, Object> item = new LinkedHashMap<>(Map.of("product", "search-api", "key", "slo.count", "value", 3,
                "observedAt", "2026-09-01T09:00:00Z", "source", "ci"));
        item.put(field, value);
        return item;
    }

    static List<SignalRequest> read(Object body) {
        return SignalBatch.read(JSON.valueToTree(body), "robot", LIMITS, NOW);
    }

    static Set<String> refusedByReader(Object body) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> read(body));
        return problem == null ? Set.of() : problem.violations().stream().map(Violation::field).collect(Collectors.toSet());
    }

    static Set<String> refusedByBeanValidation(SignalRequest signal) {
        return VALIDATOR.validate(signal).stream().map(v -> "[0]." + v.getPropertyPath()).collect(Collectors.toSet());
    }

    static SignalRequest record(String field, Object value) {
        SignalRequest valid = new SignalRequest("search-api", "slo.count", JSON.valueToTree(3), NOW, "ci");
        return new SignalRequest(field.equals("product") ? (String) value : valid.product(),
                field.equals("key") ? (String) value : valid.key(),
                field.equals("value") ? (JsonNode) value : valid.value(),
                field.equals("observedAt") ? (Instant) value : valid.observedAt(),
                field.equals("source") ? (String) value : valid.source());
    }

    @Test
    void everyDeclaredConstraintBrokenIsRefusedByBothAtItsField() {
        Object[][] broken = {
            { "product", "" }, { "product", "Search_API" }, { "product", "x".repeat(64) }, { "product", "-search" },
            { "key", "" }, { "key", "bad key!" }, { "key", "k".repeat(201) }, { "key", ".count" },
            { "source", "s".repeat(201) },
        };
        for (Object[] c : broken) {
            String field = (String) c[0];
            assertThat(refusedByReader(List.of(item(field, c[1])))).as("reader, %s = %s", field, c[1]).containsExactly("[0]." + field);
            assertThat(refusedByBeanValidation(record(field, c[1]))).as("Bean Validation, %s = %s", field, c[1])
                    .containsExactly("[0]." + field);
        }
        for (String required : List.of("product", "key", "value", "observedAt")) {
            assertThat(refusedByReader(List.of(item(required, null)))).as("reader, no %s", required).containsExactly("[0]." + required);
            assertThat(refusedByBeanValidation(record(required, null))).as("Bean Validation, no %s", required)
                    .containsExactly("[0]." + required);
        }
    }

    @Test
    void whatTheReaderAcceptsBeanValidationAccepts() {
        List<Map<String, Object>> batch = List.of(item("product", "a1"), item("product", "p".repeat(63)),
                item("product", " search-api "), item("key", "k".repeat(200)), item("key", "_x.y:z/w-1"), item("value", true),
                item("value", 0.25), item("value", "v".repeat(2000)), item("value", "line\n\ttab"), item("source", "s".repeat(200)),
                item("source", null), item("source", "  "), item("observedAt", "2000-01-01T00:00:00Z"),
                item("observedAt", "2026-09-01T10:04:59+00:00"));
        List<SignalRequest> signals = read(batch);
        assertThat(signals).hasSize(batch.size());
        for (SignalRequest signal : signals) {
            assertThat(VALIDATOR.validate(signal)).as("%s", signal).isEmpty();
        }
        assertThat(signals.get(2).product()).isEqualTo("search-api");
        assertThat(signals.get(10).source()).isEqualTo("robot");
        assertThat(signals.get(11).source()).isEqualTo("robot");
    }

    @Test
    void theReaderAlsoEnforcesWhatOnlyTheSchemasDescriptionsSay() {
        assertThat(refusedByReader(List.of(item("value", "v".repeat(2001))))).containsExactly("[0].value");
        assertThat(refusedByReader(List.of(item("value", Map.of("a", 1))))).containsExactly("[0].value");
        assertThat(refusedByReader(List.of(item("value", "a\u0000b")))).containsExactly("[0].value");
        assertThat(refusedByReader(List.of(item("source", "ci\u0007")))).containsExactly("[0].source");
        assertThat(refusedByReader(List.of(item("observedAt", "1999-12-31T23:59:59Z")))).containsExactly("[0].observedAt");
        assertThat(refusedByReader(List.of(item("observedAt", "2026-09-01T10:05:01Z")))).containsExactly("[0].observedAt");
        assertThat(refusedByReader(List.of(item("observedAt", "2026-09-01T10:00:00")))).containsExactly("[0].observedAt");
        // Bean Validation cannot say these of the record: they are in the descriptions, and the reader holds them.
        assertThat(refusedByBeanValidation(record("value", new TextNode("v".repeat(2001))))).isEmpty();
    }

    @Test
    void everyProblemOfEveryItemIsNamedInItemOrderThenFieldOrder() {
        Map<String, Object> bad = item("key", "bad key!");
        bad.remove("observedAt");
        bad.put("colour", "red");
        ApiProblem problem = catchThrowableOfType(ApiProblem.class,
                () -> read(List.of(item("value", Map.of()), item("product", "ok"), 5, bad)));
        assertThat(problem.violations()).extracting(Violation::field)
                .containsExactly("[0].value", "[2]", "[3].colour", "[3].key", "[3].observedAt");
        assertThat(problem.getMessage()).isEqualTo("5 problems; nothing was stored");
    }

    @Test
    void aSingleObjectIsABatchOfOne() {
        assertThat(SignalBatch.read(JSON.valueToTree(item("key", "slo.count")), "robot", LIMITS, NOW)).hasSize(1);
    }
}
