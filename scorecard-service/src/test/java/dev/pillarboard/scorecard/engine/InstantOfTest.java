package dev.pillarboard.scorecard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Date signals are read by a fast path for the two common forms; whatever the text, the answer must
 * be exactly the formatters' (the general path).
 */
class InstantOfTest {

    @Test
    void commonFormsAreReadWithoutTheFormatters() {
        assertThat(RuleCompiler.commonInstant("2026-09-01")).isEqualTo(Instant.parse("2026-09-01T00:00:00Z"));
        assertThat(RuleCompiler.commonInstant("2026-09-01T10:00:00Z")).isEqualTo(Instant.parse("2026-09-01T10:00:00Z"));
        assertThat(RuleCompiler.commonInstant("2024-02-29T23:59:59.123456789Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456789Z"));
        assertThat(RuleCompiler.commonInstant("2026-09-01T10:00:00.5Z")).isEqualTo(Instant.parse("2026-09-01T10:00:00.500Z"));
        // Anything else goes the general way.
        assertThat(RuleCompiler.commonInstant("2026-09-01T10:00:00+02:00")).isNull();
        assertThat(RuleCompiler.commonInstant("2026-02-29")).isNull();
        assertThat(RuleCompiler.commonInstant("2026-09-01T10:00Z")).isNull();
    }

    @Test
    void givesWhatTheFormattersGiveForAnyText() {
        List<String> texts = new ArrayList<>(List.of("2026-09-01", "0000-01-01", "9999-12-31", "2024-02-29", "2026-02-29",
                "2026-13-01", "2026-00-10", "2026-01-32", "2026-1-01", "20260901", "2026-09-01T10:00:00Z",
                "2026-09-01t10:00:00z", "2026-09-01T10:00:00z", "2026-09-01T24:00:00Z", "2026-09-01T23:60:00Z",
                "2026-09-01T23:59:60Z", "2026-09-01T10:00Z", "2026-09-01T10:00:00.Z", "2026-09-01T10:00:00.1234567890Z",
                "2026-09-01T10:00:00.000000001Z", "2026-09-01T10:00:00.5+01:00", "2026-09-01T10:00:00-05:00",
                "2026-09-01T10:00:00", "2026-09-01 10:00:00Z", "+2026-09-01", "2026-09-01T10:00:00ZZ",
                "２０２６-09-01", "2026-09-01T1０:00:00Z", "", "yesterday", "2026-09-01T10:00:00.12345Z"));
        SplittableRandom random = new SplittableRandom(11);
        String alphabet = "0123456789-T:.Z+z ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
            if (random.nextInt(3) == 0) {
                text.setLength(10);
            } else {
                if (random.nextBoolean()) {
                    text.append('.').append(Long.toString(random.nextLong(1_000_000_000L, 10_000_000_000L)).substring(0, 1 + random.nextInt(9)));
                }
                text.append(random.nextInt(5) == 0 ? "+01:00" : "Z");
            }
            if (random.nextInt(4) == 0) { // a random character somewhere
                text.setCharAt(random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        int common = 0;
        for (String text : texts) {
            Instant fast = RuleCompiler.commonInstant(text);
            if (fast != null) {
                common++;
                assertThat(fast).as(text).isEqualTo(RuleCompiler.parseInstant(text));
            }
            assertThat(RuleCompiler.instantOf(SignalValue.of(text))).as(text).isEqualTo(RuleCompiler.parseInstant(text.trim()));
        }
        assertThat(common).as("texts read by the fast path").isGreaterThan(5_000);
    }
}
