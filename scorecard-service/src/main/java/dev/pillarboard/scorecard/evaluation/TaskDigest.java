package dev.pillarboard.scorecard.evaluation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.pillarboard.scorecard.engine.CheckResult;

/**
 * A 64-bit hash of everything that {@link ResultWriter#tasks} makes a product's tasks match: per check its id,
 * pillar, title, requirement in the product's phase, priority, status, reason and grace date, and the product's
 * owner; with the count of the tasks' edits outside an evaluation ({@code scorecard.task_edits}) as the evaluation
 * read it. When a product's digest is the one stored with its results, its tasks already match and the evaluation
 * does not read them.
 *
 * <p>Each text is hashed on its own, with its length, four characters a round (the round of xxHash64: multiply,
 * rotate, multiply), so that no two different lists of fields hash alike by moving a boundary; the digest then
 * takes one round per field, and a final mix spreads every bit over the result. The texts every product repeats —
 * a check's id, pillar and title, a status — are hashed once per instance: one instance digests one evaluation's
 * products, on one thread.
 */
final class TaskDigest {

    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long SEED = 0x27D4EB2F165667C5L;
    private static final long NO_TEXT = -1L;

    /** The hashes of the texts that repeat from product to product, by text. */
    private final Map<String, Long> repeated = new HashMap<>();
    /** The characters of the text being hashed: an array is read without {@code charAt}'s checks per character. */
    private char[] chars = new char[128];

    String of(String owner, List<CheckResult> checks, long edits) {
        long hash = round(round(round(SEED, edits), text(owner)), checks.size());
        for (CheckResult result : checks) {
            LocalDate due = result.graceUntil() == null ? null : LocalDate.ofInstant(result.graceUntil(), ZoneOffset.UTC);
            hash = round(hash, repeated(result.checkId()));
            hash = round(hash, repeated(result.pillar()));
            hash = round(hash, repeated(result.title()));
            hash = round(hash, result.requirement().ordinal());
            hash = round(hash, result.priority() == null ? -1 : result.priority().ordinal());
            hash = round(hash, repeated(result.status().label()));
            hash = round(hash, text(result.reason()));
            hash = round(hash, due == null ? Long.MIN_VALUE : due.toEpochDay());
        }
        hash ^= hash >>> 33;
        hash *= 0xFF51AFD7ED558CCDL;
        hash ^= hash >>> 33;
        hash *= 0xC4CEB9FE1A85EC53L;
        hash ^= hash >>> 33;
        return Long.toHexString(hash);
    }

    private long repeated(String text) {
        if (text == null) {
            return NO_TEXT;
        }
        Long known = repeated.get(text);
        if (known == null) {
            known = text(text);
            repeated.put(text, known);
        }
        return known;
    }

    private long text(String text) {
        if (text == null) {
            return NO_TEXT;
        }
        int length = text.length();
        char[] c = chars;
        if (c.length < length) {
            c = chars = new char[Math.max(length, 2 * c.length)];
        }
        text.getChars(0, length, c, 0);
        long h = round(SEED, length);
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            h = round(h, c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48);
        }
        long tail = 0;
        for (; i < length; i++) {
            tail = tail << 16 | c[i];
        }
        return round(h, tail);
    }

    private static long round(long accumulator, long input) {
        return Long.rotateLeft(accumulator + input * PRIME_2, 31) * PRIME_1;
    }
}
