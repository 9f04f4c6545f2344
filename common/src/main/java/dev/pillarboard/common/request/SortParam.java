package dev.pillarboard.common.request;

import java.util.List;

import dev.pillarboard.common.ApiProblem;

/** A {@code sort} query parameter: a key, {@code -key} for descending ({@code +key} ascending). */
public record SortParam(String key, boolean descending) {

    /**
     * Parses {@code value} (blank: {@code defaultKey} ascending) against the keys a list offers, in the
     * order the error message names them; an unknown key is a 400 naming them all.
     */
    public static SortParam parse(String value, String defaultKey, List<String> keys) {
        String key = value == null || value.isBlank() ? defaultKey : value.trim();
        boolean descending = key.startsWith("-");
        if (descending || key.startsWith("+")) {
            key = key.substring(1);
        }
        if (!keys.contains(key)) {
            String choices = keys.size() == 1 ? keys.get(0)
                    : String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
            throw ApiProblem.invalid("sort", "unknown sort field '" + key + "'; use " + choices + " (prefix - for descending)");
        }
        return new SortParam(key, descending);
    }

    /** {@code ASC} or {@code DESC}. */
    public String direction() {
        return descending ? "DESC" : "ASC";
    }
}
