package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * An approved waiver of one check for one product. Only approved waivers are given to the engine;
 * one whose {@code expiresAt} is not after the evaluation time no longer counts.
 *
 * @param id         the waiver's id in the service
 * @param approvedBy who approved it
 * @param expiresAt  the instant it stops counting
 */
public record ApprovedWaiver(String id, String approvedBy, Instant expiresAt) {
    /** Requires all fields. */
    public ApprovedWaiver {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the waiver still counts at {@code now} (it expires at {@code expiresAt}, exclusive). */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
