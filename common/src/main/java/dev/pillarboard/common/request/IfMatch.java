package dev.pillarboard.common.request;

import dev.pillarboard.common.ApiProblem;

/**
 * {@code If-Match} under strong comparison (RFC 9110 13.1.1): one or more entity tags separated by
 * commas, or {@code *}. A weak tag ({@code W/"..."}) never matches; a tag matches with or without
 * its quotes.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The quoted entity tag of {@code opaque} (a revision number, a hash). */
    public static String etag(Object opaque) {
        return "\"" + opaque + "\"";
    }

    /** Whether {@code ifMatch} names {@code etag} (quoted or not). */
    public static boolean matches(String ifMatch, String etag) {
        String expected = unquote(etag);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (!tag.startsWith("W/") && unquote(tag).equals(expected)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For an entity whose ETag is its revision: 428 when {@code ifMatch} is missing, 412 when no tag
     * it lists names {@code revision}.
     */
    public static void requireRevision(String ifMatch, String kind, String slug, long revision) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ApiProblem.preconditionRequired();
        }
        if (!matches(ifMatch, etag(revision))) {
            throw ApiProblem.preconditionFailed(kind, slug, revision);
        }
    }

    private static String unquote(String tag) {
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
    }
}
