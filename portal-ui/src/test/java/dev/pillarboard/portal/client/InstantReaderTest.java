package dev.pillarboard.portal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class InstantReaderTest {

    private static ObjectMapper mapper(boolean withReader) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        if (withReader) {
            new InstantReader().customize(mapper);
        }
        return mapper;
    }

    @Test
    void readsWhatInstantToStringWritesExactly() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("2200-01-01T00:00:00Z").getEpochSecond());
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(InstantReader.parseUtc(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
        assertThat(InstantReader.parseUtc("2026-12-05T21:40:30.5Z")).isEqualTo(Instant.parse("2026-12-05T21:40:30.5Z"));
    }

    @Test
    void leavesEveryOtherFormToJacksonsReaderWhichAnswersAsBefore() throws Exception {
        List<String> others = List.of("2026-12-05T21:40:30+09:00", "+10000-01-01T00:00:00Z", "2026-12-05T21:40:30.Z",
                "2026-12-05 21:40:30Z", "2026-12-05T21:40:30.1234567890Z", "2024-12-31T23:59:60Z");
        for (String text : others) {
            assertThat(InstantReader.parseUtc(text)).as(text).isNull();
            String json = "[\"" + text + "\"]";
            Object expected;
            try {
                expected = mapper(false).readValue(json, new TypeReference<List<Instant>>() { });
            } catch (InvalidFormatException e) {
                assertThatThrownBy(() -> mapper(true).readValue(json, new TypeReference<List<Instant>>() { }))
                        .as(text).isInstanceOf(InvalidFormatException.class);
                continue;
            }
            assertThat(mapper(true).readValue(json, new TypeReference<List<Instant>>() { })).as(text).isEqualTo(expected);
        }
        // A date that does not exist is refused as Jackson's reader refuses it.
        assertThat(InstantReader.parseUtc("2026-02-30T00:00:00Z")).isNull();
        assertThatThrownBy(() -> mapper(true).readValue("[\"2026-02-30T00:00:00Z\"]", new TypeReference<List<Instant>>() { }))
                .isInstanceOf(InvalidFormatException.class);
    }
}
