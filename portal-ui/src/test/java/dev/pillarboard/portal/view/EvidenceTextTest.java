package dev.pillarboard.portal.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.pillarboard.portal.i18n.RubricMsg;

/**
 * The evidence rule in words, without Quarkus: a bundle that answers each message as its name and arguments shows
 * which sentence each part of a rule becomes. (The sentences themselves are checked on the check page, PagesTest.)
 */
class EvidenceTextTest {

    private static final RubricMsg MSG = (RubricMsg) Proxy.newProxyInstance(RubricMsg.class.getClassLoader(),
            new Class<?>[] { RubricMsg.class }, (proxy, method, args) -> method.getName()
                    + (args == null ? "" : Arrays.stream(args).map(String::valueOf).collect(Collectors.joining(",", "(", ")"))));

    @Test
    void aSignalWithAMinimumSampleAndAnAge() {
        List<EvidenceText.Line> lines = EvidenceText.lines(Map.of("signal", Map.of("key", "alerts.actionable_ratio",
                "op", "gte", "value", 0.70, "maxAge", "7d", "minCount", 5, "countKey", "alerts.pages_7d")), 180, MSG);
        assertThat(lines).containsExactly(
                new EvidenceText.Line(0, "ev_signal", "alerts.actionable_ratio", "ev_gte(0.7)ev_max_age(ev_days(7))"),
                new EvidenceText.Line(1, "ev_min_count", "alerts.pages_7d", "ev_min_count_rest(5)"));
    }

    @Test
    void numbersDurationsAndListsAsAReaderWritesThem() {
        assertThat(EvidenceText.plain(99.0)).isEqualTo("99");
        assertThat(EvidenceText.plain(99.95)).isEqualTo("99.95");
        assertThat(EvidenceText.plain(100)).isEqualTo("100");
        assertThat(EvidenceText.plain(1e-4)).isEqualTo("0.0001");
        assertThat(EvidenceText.duration("12h", MSG)).isEqualTo("ev_hours(12)");
        assertThat(EvidenceText.duration("30m", MSG)).isEqualTo("ev_minutes(30)");
        assertThat(EvidenceText.duration("P7D", MSG)).isEqualTo("P7D");
        assertThat(EvidenceText.lines(Map.of("signal", Map.of("key", "deploy.strategy", "op", "in",
                "value", List.of("canary", "blue-green"))), 180, MSG))
                .containsExactly(new EvidenceText.Line(0, "ev_signal", "deploy.strategy", "ev_in(canary, blue-green)"));
        assertThat(EvidenceText.lines(Map.of("signal", Map.of("key", "vulns.last_scan_at", "op", "within", "value", "7d")),
                180, MSG)).extracting(EvidenceText.Line::rest).containsExactly("ev_within(ev_days(7))");
        assertThat(EvidenceText.lines(Map.of("signal", Map.of("key", "k", "op", "present")), 180, MSG))
                .extracting(EvidenceText.Line::rest).containsExactly("ev_pushed");
    }

    @Test
    void anAttestationWithoutItsOwnValidityUsesTheRubrics() {
        assertThat(EvidenceText.lines(Map.of("attestation", Map.of()), 180, MSG))
                .containsExactly(new EvidenceText.Line(0, "ev_attestation(180)", "", ""));
        assertThat(EvidenceText.lines(Map.of("attestation", Map.of("validForDays", 90)), 180, MSG))
                .extracting(EvidenceText.Line::lead).containsExactly("ev_attestation(90)");
    }

    @Test
    void anUnknownOperatorIsShownAsWrittenNotDropped() {
        assertThat(EvidenceText.lines(Map.of("catalog", Map.of("field", "tags", "op", "resembles", "value", "web")), 180, MSG))
                .containsExactly(new EvidenceText.Line(0, "ev_field", "tags", "resembles web"));
    }
}
