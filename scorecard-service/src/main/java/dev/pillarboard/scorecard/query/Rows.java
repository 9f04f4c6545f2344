package dev.pillarboard.scorecard.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.scorecard.StoredCheck;

/** Nullable columns as the views hold them, and the stored check results. */
final class Rows {

    private static final TypeReference<List<StoredCheck>> CHECKS = new TypeReference<>() {
    };

    private Rows() {
    }

    static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Boolean bool(ResultSet rs, int column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A scorecard row's {@code checks} column. */
    static List<StoredCheck> checks(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, CHECKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt check results", e);
        }
    }
}
