package dev.pillarboard.common.rest;

import java.util.ArrayList;
import java.util.List;

import dev.pillarboard.common.ApiProblem;

/** Query and path parameters arrive as text and are parsed here, so that bad ones are a 400 naming the parameter. */
public final class QueryParams {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    private QueryParams() {
    }

    public static int page(String value) {
        return intParam("page", value, 0, 0, 1_000_000);
    }

    public static int size(String value) {
        return intParam("size", value, DEFAULT_SIZE, 1, MAX_SIZE);
    }

    public static Integer optionalInt(String name, String value, int min, int max) {
        return value == null || value.isBlank() ? null : intParam(name, value, 0, min, max);
    }

    public static long longParam(String name, String value, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                throw ApiProblem.invalid(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid(name, "'" + value + "' is not an integer");
        }
    }

    public static int intParam(String name, String value, int fallback, int min, int max) {
        return (int) longParam(name, value, fallback, min, max);
    }

    /** Strict: a misspelt {@code dryRun=yes} must not silently mean false. */
    public static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiProblem.invalid(name, "'" + value + "' is not true or false");
        };
    }

    /** A numeric id from a path: anything else is simply not found. */
    public static long id(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiProblem(404, "not-found", "Not found", "No resource with id '" + value + "'", null);
        }
    }

    /** Values separated by commas ({@code owner=a,b}), blank entries ignored; more than {@code max} is a 400. */
    public static List<String> list(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        if (values.size() > max) {
            throw ApiProblem.invalid(name, "at most " + max + " values");
        }
        return values;
    }

    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
