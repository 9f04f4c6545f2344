package dev.pillarboard.scorecard;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A {@link ProductRow} about one check of the product: an attestation, a waiver, a task. */
@MappedSuperclass
public abstract class CheckRow extends ProductRow {

    /** The rubric's id of the check. */
    @Column(name = "check_id", nullable = false)
    public String checkId;
}
