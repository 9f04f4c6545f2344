package dev.pillarboard.scorecard;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A published rubric: its YAML source, kept forever so every result can name the version that produced it. */
@Entity
@Table(name = "rubric_version")
public class RubricVersion extends PanacheEntityBase {

    @Id
    public int version;

    @Column(nullable = false)
    public String yaml;

    @Column(nullable = false)
    public String title;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "published_by", nullable = false)
    public String publishedBy;
}
