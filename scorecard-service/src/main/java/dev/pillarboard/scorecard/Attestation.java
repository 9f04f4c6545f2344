package dev.pillarboard.scorecard;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A team member's statement that a check's practice is in place; the latest one per check counts until it lapses. */
@Entity
@Table(name = "attestation")
public class Attestation extends CheckRow {

    @Column(name = "attested_by", nullable = false)
    public String attestedBy;

    @Column(name = "attested_at", nullable = false)
    public Instant attestedAt;

    /** When the practice happened; the validity counts from it. */
    @Column(name = "performed_at", nullable = false)
    public Instant performedAt;

    @Column(name = "valid_until", nullable = false)
    public Instant validUntil;

    @Column(name = "evidence_url", nullable = false)
    public String evidenceUrl;

    @Column(nullable = false)
    public String comment;
}
