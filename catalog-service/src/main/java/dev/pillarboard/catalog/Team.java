package dev.pillarboard.catalog;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A team that owns products. Its slug is its identity and never changes.
 */
@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {

    @Id
    public String slug;

    @Column(nullable = false)
    public String name;

    @Column(name = "contact_email")
    public String contactEmail;

    @Column(name = "contact_chat")
    public String contactChat;

    /** Slug of the parent team, if any. */
    public String parent;

    /** Catalog revision of the last change to this team; its ETag. */
    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
