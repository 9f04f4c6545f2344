package dev.pillarboard.catalog.service;

import dev.pillarboard.common.ApiProblem;

/** ETags are the entity's catalog revision, quoted; {@code If-Match} uses strong comparison. */
public final class IfMatch {

    private IfMatch() {
    }

    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /**
     * Fails with 428 when the header is missing, 412 when no listed tag matches the current revision.
     */
    public static void check(String ifMatch, String kind, String slug, long current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ApiProblem.preconditionRequired();
        }
        if (!matches(ifMatch, current)) {
            throw ApiProblem.preconditionFailed(kind, slug, current);
        }
    }

    static boolean matches(String ifMatch, long current) {
        String expected = Long.toString(current);
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                continue; // weak tags never match under strong comparison
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(expected)) {
                return true;
            }
        }
        return false;
    }
}
