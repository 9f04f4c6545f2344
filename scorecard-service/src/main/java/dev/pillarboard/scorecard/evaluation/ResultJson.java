package dev.pillarboard.scorecard.evaluation;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.scorecard.StoredCheck;
import dev.pillarboard.scorecard.engine.BarProgress;
import dev.pillarboard.scorecard.engine.ApprovedWaiver;
import dev.pillarboard.scorecard.engine.CheckResult;
import dev.pillarboard.scorecard.engine.EvidenceUsed;
import dev.pillarboard.scorecard.engine.PillarScore;
import dev.pillarboard.scorecard.engine.Scorecard;

/**
 * Writes a scorecard's stored JSON straight from the engine's results, with a streaming generator:
 * the check results as a list of {@link StoredCheck} and the pillar scores. The text is exactly what
 * the object mapper writes for the same values (the stored hash of the check results depends on it),
 * without building the intermediate maps and records, and with instants formatted without a
 * {@code DateTimeFormatter}. A full evaluation writes this for every product, so it is on the hot path.
 *
 * <p>The check results are written as UTF-8 bytes, which is what the database receives: written as a
 * Java string, the text (with its "≥" and "…") would be encoded once more, char by char, by the driver.
 *
 * <p>Not thread-safe: one per evaluation call; it reuses its buffers from one product to the next.
 */
final class ResultJson {

    private final ObjectMapper mapper;
    private final Bytes bytes = new Bytes();
    private final Bytes pillarBytes = new Bytes();
    /**
     * The UTF-8 of the texts every product repeats (check ids, statuses, outcomes, priorities, evidence kinds, signal
     * keys and sources, catalog fields, waiver phases), or {@link #ESCAPED} for one the generator must escape: a few
     * hundred texts written some 150 times a product, encoded once.
     */
    private final Map<String, byte[]> tokens = new HashMap<>();
    private static final byte[] ESCAPED = new byte[0];
    /** Past this many, further texts are encoded each time (a source per product would otherwise fill the map). */
    static final int MAX_TOKENS = 4096;

    ResultJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The check results in UTF-8 ({@code length} bytes of {@code buffer}) with the hash of their text
     * (see {@link #hash(byte[], int)}). The buffer is the writer's own: valid until its next call.
     */
    record Encoded(byte[] buffer, int length, String hash) {
        /** The bytes, in an array of their own. */
        byte[] copy() {
            return Arrays.copyOf(buffer, length);
        }

        /** The text. */
        String text() {
            return new String(buffer, 0, length, StandardCharsets.UTF_8);
        }
    }

    /** The check results as the {@code scorecard.checks} column stores them (a list of {@link StoredCheck}). */
    Encoded checks(List<CheckResult> results) {
        bytes.reset();
        try (JsonGenerator json = mapper.createGenerator(bytes, JsonEncoding.UTF8)) {
            checks(json, results);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write results as JSON", e);
        }
        return new Encoded(bytes.array(), bytes.size(), hash(bytes.array(), bytes.size()));
    }

    private void checks(JsonGenerator json, List<CheckResult> results) throws IOException {
        json.writeStartArray();
        for (CheckResult result : results) {
            json.writeStartObject();
            token(json, ID, result.checkId());
            token(json, STATUS, result.status().label());
            token(json, OUTCOME, result.outcome().label());
            if (result.priority() != null) {
                token(json, PRIORITY, result.priority().name());
            }
            string(json, REASON, result.reason());
            json.writeFieldName(EVIDENCE);
            evidence(json, result.evidence());
            ApprovedWaiver waiver = result.waiver();
            if (waiver != null) {
                json.writeFieldName(WAIVER);
                json.writeStartObject();
                string(json, ID, waiver.id());
                string(json, APPROVED_BY, waiver.approvedBy());
                instant(json, EXPIRES_AT, waiver.expiresAt());
                if (waiver.phase() != null) {
                    token(json, PHASE, waiver.phase());
                }
                json.writeEndObject();
            }
            if (result.override() != null) {
                json.writeFieldName(OVERRIDE);
                json.writeNumber(result.override().intValue());
            }
            if (result.graceUntil() != null) {
                instant(json, GRACE_UNTIL, result.graceUntil());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /*
     * Field names encoded once, and text values written as their UTF-8 bytes when nothing in them needs an escape:
     * the generator's own path looks at every char and its escape, which made writing these texts a fifth of a full
     * evaluation's CPU in the service (C1-compiled). The output is the same bytes (ResultJsonTest).
     */
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString OUTCOME = new SerializedString("outcome");
    private static final SerializedString PRIORITY = new SerializedString("priority");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString EVIDENCE = new SerializedString("evidence");
    private static final SerializedString WAIVER = new SerializedString("waiver");
    private static final SerializedString APPROVED_BY = new SerializedString("approvedBy");
    private static final SerializedString EXPIRES_AT = new SerializedString("expiresAt");
    private static final SerializedString PHASE = new SerializedString("phase");
    private static final SerializedString OVERRIDE = new SerializedString("override");
    private static final SerializedString GRACE_UNTIL = new SerializedString("graceUntil");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString OBSERVED_AT = new SerializedString("observedAt");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString COUNT = new SerializedString("count");
    private static final SerializedString FIELDS = new SerializedString("fields");
    private static final SerializedString FIELD = new SerializedString("field");
    private static final SerializedString BY = new SerializedString("by");
    private static final SerializedString AT = new SerializedString("at");
    private static final SerializedString EVIDENCE_URL = new SerializedString("evidenceUrl");
    private static final SerializedString COMMENT = new SerializedString("comment");
    private static final SerializedString VALID_UNTIL = new SerializedString("validUntil");
    private static final SerializedString PERFORMED_AT = new SerializedString("performedAt");

    /** An instant's ISO text, reused. */
    private final byte[] instantBytes = new byte[32];

    private void string(JsonGenerator json, SerializedString name, String value) throws IOException {
        json.writeFieldName(name);
        string(json, value);
    }

    /** A text from the small set every product repeats, encoded on its first use (see {@link #tokens}). */
    private void token(JsonGenerator json, SerializedString name, String value) throws IOException {
        json.writeFieldName(name);
        byte[] utf8 = tokens.get(value);
        if (utf8 == null) {
            byte[] plain = plain(value);
            utf8 = plain == null ? ESCAPED : plain;
            if (tokens.size() < MAX_TOKENS) {
                tokens.put(value, utf8);
            }
        }
        write(json, value, utf8);
    }

    /** A text value: its UTF-8 bytes as they are when {@link #plain(String)} allows, else the generator's escaping path. */
    private void string(JsonGenerator json, String value) throws IOException {
        byte[] plain = plain(value);
        write(json, value, plain == null ? ESCAPED : plain);
    }

    private static void write(JsonGenerator json, String value, byte[] utf8) throws IOException {
        if (utf8 == ESCAPED) {
            json.writeString(value);
        } else {
            json.writeRawUTF8String(utf8, 0, utf8.length);
        }
    }

    /**
     * A text's UTF-8 bytes when they can be written as they are: none is a control character, a quote or a backslash,
     * and a '?' among them is a question mark (not what {@code getBytes} puts for a lone surrogate, which the generator
     * escapes instead); else null. A question mark is common in the results' reasons (a pattern such as
     * {@code ^https?://}), so the text is searched for a surrogate once, on the first one.
     */
    private static byte[] plain(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        boolean question = false;
        for (byte b : utf8) {
            if (b >= 0 && (b < 0x20 || b == '"' || b == '\\')) {
                return null;
            }
            question |= b == '?';
        }
        return question && hasSurrogate(value) ? null : utf8;
    }

    private static boolean hasSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private void instant(JsonGenerator json, SerializedString name, Instant value) throws IOException {
        json.writeFieldName(name);
        int length = instant(value, instantBytes);
        if (length < 0) {
            string(json, value.toString());
        } else {
            json.writeRawUTF8String(instantBytes, 0, length);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A 64-bit hash of UTF-8 bytes, and their count, in hex: tells whether stored results changed
     * without reading them back. Eight bytes at a time (MurmurHash3's 64-bit mixing, one lane), since
     * it runs over some 80 MB of results in a full evaluation; not for anything adversarial.
     */
    static String hash(byte[] utf8, int length) {
        long hash = 0x9E3779B97F4A7C15L ^ length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            hash ^= mix((long) LONGS.get(utf8, i));
            hash = Long.rotateLeft(hash, 27) * 5 + 0x52DCE729L;
        }
        if (i < length) {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8) {
                tail |= (utf8[i] & 0xFFL) << shift;
            }
            hash ^= mix(tail);
        }
        hash ^= hash >>> 33;
        hash *= 0xFF51AFD7ED558CCDL;
        hash ^= hash >>> 33;
        hash *= 0xC4CEB9FE1A85EC53L;
        hash ^= hash >>> 33;
        return Long.toHexString(hash) + ":" + Integer.toHexString(length);
    }

    /** {@link #hash(byte[], int)} of a text's UTF-8 encoding. */
    static String hash(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return hash(utf8, utf8.length);
    }

    private static long mix(long word) {
        return Long.rotateLeft(word * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL;
    }

    /**
     * The pillar scores as the {@code pillar_scores} columns store them: {pillar: {score, meetsPhaseBar,
     * nextPhaseReadiness, distance, progress, extraCredit}}, in UTF-8 (no hash). Its buffer is separate from that of {@link #checks}.
     */
    Encoded pillars(Scorecard card, BarProgress bar) {
        pillarBytes.reset();
        try (JsonGenerator json = mapper.createGenerator(pillarBytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            for (PillarScore pillar : card.pillars()) {
                json.writeObjectFieldStart(pillar.pillar());
                json.writeFieldName("score");
                number(json, pillar.score());
                json.writeBooleanField("meetsPhaseBar", pillar.meetsPhaseBar());
                json.writeFieldName("nextPhaseReadiness");
                number(json, pillar.nextPhaseReadiness());
                BarProgress.PillarProgress share = bar.pillars().get(pillar.pillar());
                if (share != null) {
                    json.writeNumberField("distance", share.distance());
                    json.writeNumberField("progress", share.progress());
                    json.writeFieldName("extraCredit");
                    number(json, share.extraCredit());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Could not write pillar scores as JSON", e);
        }
        return new Encoded(pillarBytes.array(), pillarBytes.size(), null);
    }

    /** Like {@link EvidenceUsed#toPlain()} written by the mapper: {@code kind}, then the fields that are present. */
    private void evidence(JsonGenerator json, EvidenceUsed evidence) throws IOException {
        json.writeStartObject();
        token(json, KIND, evidence.kind());
        if (evidence instanceof EvidenceUsed.SignalEvidence signal) {
            token(json, KEY, signal.key());
            if (signal.value() != null) {
                json.writeFieldName(VALUE);
                value(json, signal.value());
            }
            if (signal.observedAt() != null) {
                instant(json, OBSERVED_AT, signal.observedAt());
            }
            if (signal.source() != null) {
                token(json, SOURCE, signal.source());
            }
            if (signal.count() != null) {
                json.writeFieldName(COUNT);
                json.writeStartObject();
                token(json, KEY, signal.count().key());
                if (signal.count().value() != null) {
                    json.writeFieldName(VALUE);
                    value(json, signal.count().value());
                }
                if (signal.count().observedAt() != null) {
                    instant(json, OBSERVED_AT, signal.count().observedAt());
                }
                json.writeEndObject();
            }
        } else if (evidence instanceof EvidenceUsed.CatalogEvidence catalog) {
            json.writeFieldName(FIELDS);
            json.writeStartArray();
            for (EvidenceUsed.FieldSeen field : catalog.fields()) {
                json.writeStartObject();
                token(json, FIELD, field.field());
                json.writeFieldName(VALUE);
                value(json, field.value());
                json.writeEndObject();
            }
            json.writeEndArray();
        } else if (evidence instanceof EvidenceUsed.AttestationEvidence attestation) {
            if (attestation.by() != null) {
                string(json, BY, attestation.by());
            }
            if (attestation.at() != null) {
                instant(json, AT, attestation.at());
            }
            if (attestation.evidenceUrl() != null) {
                string(json, EVIDENCE_URL, attestation.evidenceUrl());
            }
            if (attestation.comment() != null) {
                string(json, COMMENT, attestation.comment());
            }
            if (attestation.validUntil() != null) {
                instant(json, VALID_UNTIL, attestation.validUntil());
            }
            if (attestation.performedAt() != null) {
                instant(json, PERFORMED_AT, attestation.performedAt());
            }
        } else {
            throw new IllegalStateException("unknown evidence " + evidence.getClass().getName());
        }
        json.writeEndObject();
    }

    /** An evidence value: null, text, a number, a boolean, an instant or a list of these. */
    private void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            string(json, text);
        } else if (value instanceof Long number) {
            json.writeNumber(number.longValue());
        } else if (value instanceof Integer number) {
            json.writeNumber(number.intValue());
        } else if (value instanceof Double number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Instant instant) {
            int length = instant(instant, instantBytes);
            if (length < 0) {
                string(json, instant.toString());
            } else {
                json.writeRawUTF8String(instantBytes, 0, length);
            }
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                value(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeObject(value);
        }
    }

    private static void number(JsonGenerator json, Integer value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value.intValue());
        }
    }

    private static final long YEAR_0 = -62_167_219_200L;
    private static final long AFTER_YEAR_9999 = 253_402_300_800L;

    /**
     * An instant in ISO-8601 as {@link Instant#toString()} writes it (and the mapper, which uses
     * {@code DateTimeFormatter.ISO_INSTANT}): seconds always, a fraction in groups of three digits
     * only as long as needed, {@code Z}; as ASCII into {@code text} (32 bytes at least). Returns its length, or -1
     * for years outside 0000–9999 (which go through {@code toString()}).
     */
    static int instant(Instant instant, byte[] text) {
        long seconds = instant.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= AFTER_YEAR_9999) {
            return -1;
        }
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        int at = digits(text, 0, date.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, date.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, date.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, secondOfDay / 3600, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay / 60 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano != 0) {
            text[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(text, at, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                at = digits(text, at, nano / 1_000, 6);
            } else {
                at = digits(text, at, nano, 9);
            }
        }
        text[at++] = 'Z';
        return at;
    }

    private static int digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** An output stream into a reusable array, which it lends out (unlike ByteArrayOutputStream). */
    private static final class Bytes extends OutputStream {
        private byte[] array = new byte[16 * 1024];
        private int size;

        void reset() {
            size = 0;
        }

        byte[] array() {
            return array;
        }

        int size() {
            return size;
        }

        @Override
        public void write(int b) {
            room(1);
            array[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            room(length);
            System.arraycopy(bytes, offset, array, size, length);
            size += length;
        }

        private void room(int length) {
            if (size + length > array.length) {
                array = Arrays.copyOf(array, Math.max(array.length * 2, size + length));
            }
        }
    }
}
