package dev.pillarboard.scorecard;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A team lead's sign-off of a product's scorecard. */
@Entity
@Table(name = "review")
public class Review extends ProductRow {

    /** {@code approved} or {@code changes-requested}. */
    @Column(nullable = false)
    public String decision;

    @Column(nullable = false)
    public String comment;

    @Column(name = "reviewed_by", nullable = false)
    public String reviewedBy;

    @Column(name = "reviewed_at", nullable = false)
    public Instant reviewedAt;

    @Column(name = "rubric_version", nullable = false)
    public int rubricVersion;

    /** The overall score when it was reviewed. */
    public Integer score;
}
