package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * An approved waiver of one check for one product. Only approved waivers are given to the engine;
 * one whose {@code expiresAt} is not after the evaluation time no longer counts, and one asked "until
 * the product changes phase" no longer counts once the product is in another phase than {@code phase}.
 *
 * @param id         the waiver's id in the service
 * @param approvedBy who approved it
 * @param expiresAt  the instant it stops counting
 * @param phase      the phase it is limited to ("until the product changes phase"), or null
 */
public record ApprovedWaiver(String id, String approvedBy, Instant expiresAt, String phase) {
    /** Requires id, approvedBy and expiresAt. */
    public ApprovedWaiver {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A waiver that counts until it expires, whatever the phase. */
    public ApprovedWaiver(String id, String approvedBy, Instant expiresAt) {
        this(id, approvedBy, expiresAt, null);
    }

    /** Whether the waiver still counts at {@code now} (it expires at {@code expiresAt}, exclusive), whatever the phase. */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Whether it counts at {@code now} for a product in {@code productPhase}: not expired, and in its phase if it has one. */
    public boolean isValidAt(Instant now, String productPhase) {
        return isValidAt(now) && inPhase(productPhase);
    }

    /** Whether the product's phase is the one the waiver is limited to (always, for a waiver not limited to a phase). */
    public boolean inPhase(String productPhase) {
        return phase == null || phase.equals(productPhase);
    }
}
