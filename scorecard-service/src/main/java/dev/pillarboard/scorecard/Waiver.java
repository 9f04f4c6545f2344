package dev.pillarboard.scorecard;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A request to waive one check for one product until a date (and, if it names a phase, only while the product is in
 * it). Decided once (approved or rejected); an approved waiver counts until {@code expiresAt} or until it ended.
 */
@Entity
@Table(name = "waiver")
public class Waiver extends CheckRow {

    public static final String REQUESTED = "requested";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    /** Not stored: an approved waiver whose expiry has passed. */
    public static final String EXPIRED = "expired";

    @Column(nullable = false)
    public String reason;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(nullable = false)
    public String status;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_comment")
    public String decisionComment;

    /** The phase the waiver is limited to ("until the product changes phase"), or null. */
    public String phase;

    /** When it stopped counting because the product left {@link #phase}, or null. */
    @Column(name = "ended_at")
    public Instant endedAt;

    /** The status as shown: an approved waiver past its expiry, or ended by a phase change, is {@code expired}. */
    public String effectiveStatus(Instant now) {
        return APPROVED.equals(status) && (!now.isBefore(expiresAt) || endedAt != null) ? EXPIRED : status;
    }
}
