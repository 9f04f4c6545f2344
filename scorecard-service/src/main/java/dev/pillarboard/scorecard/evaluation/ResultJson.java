package dev.pillarboard.scorecard.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    private final JsonBytes.Buffer bytes = new JsonBytes.Buffer();
    private final JsonBytes.Buffer pillarBytes = new JsonBytes.Buffer();
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
     * (see {@link JsonBytes#hash(byte[], int)}). The buffer is the writer's own: valid until its next call.
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
        return new Encoded(bytes.array(), bytes.size(), JsonBytes.hash(bytes.array(), bytes.size()));
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
            byte[] plain = JsonBytes.plain(value);
            utf8 = plain == null ? ESCAPED : plain;
            if (tokens.size() < MAX_TOKENS) {
                tokens.put(value, utf8);
            }
        }
        write(json, value, utf8);
    }

    /**
     * A text value: its UTF-8 bytes as they are when {@link JsonBytes#plain(String)} allows, else the generator's
     * escaping path.
     */
    private void string(JsonGenerator json, String value) throws IOException {
        byte[] plain = JsonBytes.plain(value);
        write(json, value, plain == null ? ESCAPED : plain);
    }

    private static void write(JsonGenerator json, String value, byte[] utf8) throws IOException {
        if (utf8 == ESCAPED) {
            json.writeString(value);
        } else {
            json.writeRawUTF8String(utf8, 0, utf8.length);
        }
    }

    private void instant(JsonGenerator json, SerializedString name, Instant value) throws IOException {
        json.writeFieldName(name);
        int length = JsonBytes.instant(value, instantBytes);
        if (length < 0) {
            string(json, value.toString());
        } else {
            json.writeRawUTF8String(instantBytes, 0, length);
        }
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
            int length = JsonBytes.instant(instant, instantBytes);
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
}
