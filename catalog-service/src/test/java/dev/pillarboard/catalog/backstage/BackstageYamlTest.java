package dev.pillarboard.catalog.backstage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The YAML reader alone: every scalar is text as written, only null is told apart; documents keep their lines. */
class BackstageYamlTest {

    @Test
    void scalarsThatYamlCouldReadAsBooleansNumbersOrTimesStayTextAsWritten() {
        List<BackstageYaml.Document> documents = BackstageYaml.read("""
                kind: Component
                metadata:
                  name: yes
                  annotations:
                    on: off
                    hex: 0x1F
                    octal: 0o17
                    grouped: 1_000
                    float: 1.10
                    exponent: 6.8523015e+5
                    infinity: .inf
                    date: 2026-01-01
                    time: 2001-12-14t21:59:43.10-05:00
                    merge: <<
                    quoted: "null"
                """, 10_000);

        assertThat(documents).hasSize(1);
        Map<?, ?> metadata = (Map<?, ?>) ((Map<?, ?>) documents.get(0).content()).get("metadata");
        assertThat(metadata.get("name")).isEqualTo("yes");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("on", "off");
        expected.put("hex", "0x1F");
        expected.put("octal", "0o17");
        expected.put("grouped", "1_000");
        expected.put("float", "1.10");
        expected.put("exponent", "6.8523015e+5");
        expected.put("infinity", ".inf");
        expected.put("date", "2026-01-01");
        expected.put("time", "2001-12-14t21:59:43.10-05:00");
        expected.put("merge", "<<");
        expected.put("quoted", "null");
        Map<?, ?> annotations = (Map<?, ?>) metadata.get("annotations");
        assertThat(List.copyOf(annotations.entrySet())).isEqualTo(List.copyOf(expected.entrySet()));
    }

    @Test
    void nullTildeAndNothingAreNullAndEachDocumentKeepsItsLine() {
        List<BackstageYaml.Document> documents = BackstageYaml.read("""
                ---
                a: null
                b: ~
                c:
                d: Null
                ---
                e: NULL
                f: nil
                """, 10_000);

        assertThat(documents).extracting(BackstageYaml.Document::line).containsExactly(2, 7);
        Map<Object, Object> first = new HashMap<>((Map<?, ?>) documents.get(0).content());
        assertThat(first).containsOnlyKeys("a", "b", "c", "d");
        assertThat(first.values()).containsOnlyNulls();
        Map<?, ?> second = (Map<?, ?>) documents.get(1).content();
        assertThat(second.containsKey("e")).isTrue();
        assertThat(second.get("e")).isNull();
        assertThat(second.get("f")).isEqualTo("nil");
    }
}
