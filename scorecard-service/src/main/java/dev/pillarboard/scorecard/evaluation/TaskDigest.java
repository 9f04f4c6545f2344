package dev.pillarboard.scorecard.evaluation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.pillarboard.scorecard.engine.CheckResult;

/**
 * A 64-bit hash of everything that {@link ResultWriter#tasks} makes a product's tasks match: per check its id,
 * pillar, title, requirement in the product's phase, priority, status, reason and grace date, and the product's
 * owner; with the count of the tasks' edits outside an evaluation ({@code scorecard.task_edits}) as the evaluation
 * read it. When a product's digest is the one stored with its results, its tasks already match and the evaluation
 * does not read them.
 *
 * <p>Each text is hashed with its length, four characters a round (the round of xxHash64: multiply, rotate,
 * multiply), so that no two different lists of fields hash alike by moving a boundary; a final mix spreads every
 * bit over the result.
 */
final class TaskDigest {

    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;

    private long hash = 0x27D4EB2F165667C5L;

    private TaskDigest() {
    }

    static String of(String owner, List<CheckResult> checks, long edits) {
        TaskDigest digest = new TaskDigest();
        digest.add(edits).add(owner).add(checks.size());
        for (CheckResult result : checks) {
            LocalDate due = result.graceUntil() == null ? null : LocalDate.ofInstant(result.graceUntil(), ZoneOffset.UTC);
            digest.add(result.checkId()).add(result.pillar()).add(result.title()).add(result.requirement().ordinal())
                    .add(result.priority() == null ? -1 : result.priority().ordinal())
                    .add(result.status().label()).add(result.reason()).add(due == null ? Long.MIN_VALUE : due.toEpochDay());
        }
        long h = digest.hash;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return Long.toHexString(h);
    }

    private TaskDigest add(String text) {
        if (text == null) {
            return add(-1L);
        }
        int length = text.length();
        long h = round(hash, length);
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            h = round(h, text.charAt(i) | (long) text.charAt(i + 1) << 16 | (long) text.charAt(i + 2) << 32
                    | (long) text.charAt(i + 3) << 48);
        }
        long tail = 0;
        for (; i < length; i++) {
            tail = tail << 16 | text.charAt(i);
        }
        hash = round(h, tail);
        return this;
    }

    private TaskDigest add(long value) {
        hash = round(hash, value);
        return this;
    }

    private static long round(long accumulator, long input) {
        return Long.rotateLeft(accumulator + input * PRIME_2, 31) * PRIME_1;
    }
}
