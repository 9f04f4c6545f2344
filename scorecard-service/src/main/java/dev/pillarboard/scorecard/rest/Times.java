package dev.pillarboard.scorecard.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.PlainText;

/**
 * Dates and times that arrive as text (query parameters, and {@code performedAt} in an attestation): an ISO date or
 * timestamp, with no control character anywhere in it (a trailing NUL, BEL or tab is not trimmed away). Those that
 * select what to read (history {@code from} and {@code to}, {@code since}, {@code expiresBefore}) lie between
 * {@link #EARLIEST} and {@link #LATEST}: nothing Pillarboard stores is older (signals start in 2000, imported history
 * reaches back ten years) and year 0001 or 9999 is a typo or a probe, answered with the bounds rather than read as
 * "from the beginning".
 */
final class Times {

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2099, 12, 31);
    private static final String RANGE = "between " + EARLIEST + " and " + LATEST + " (UTC)";

    private Times() {
    }

    /** An ISO instant, or a date (the start of that day, UTC; with {@code endOfDay}, the end of it); null when blank. */
    static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String refused = PlainText.problem(value, false);
        if (refused != null) {
            throw ApiProblem.invalid(name, refused + "; send an ISO date or timestamp, e.g. 2026-09-01 or 2026-09-01T10:00:00Z");
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(endOfDay ? 1000 : 0);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(name, "'" + text + "' is not an ISO date or timestamp, e.g. 2026-09-01 or 2026-09-01T10:00:00Z");
        }
    }

    /** As {@link #instant}, within {@link #EARLIEST} and {@link #LATEST}: for the times that select what to read. */
    static Instant bounded(String name, String value, boolean endOfDay) {
        Instant instant = instant(name, value, endOfDay);
        if (instant != null && (instant.isBefore(start(EARLIEST)) || !instant.isBefore(start(LATEST.plusDays(1))))) {
            throw outOfRange(name, value.trim());
        }
        return instant;
    }

    /** An ISO date within {@link #EARLIEST} and {@link #LATEST}. */
    static LocalDate date(String name, String value) {
        String refused = PlainText.problem(value, false);
        if (refused != null) {
            throw ApiProblem.invalid(name, refused + "; send an ISO date, e.g. 2026-09-01");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(name, "'" + value.trim() + "' is not an ISO date, e.g. 2026-09-01");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw outOfRange(name, value.trim());
        }
        return date;
    }

    private static ApiProblem outOfRange(String name, String text) {
        return ApiProblem.invalid(name, "'" + text + "' is out of range: dates and times must be " + RANGE);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
