package dev.pillarboard.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A team that owns products. Its slug is its identity and never changes.
 */
@Entity
@Table(name = "team")
public class Team extends CatalogEntry {

    @Column(name = "contact_email")
    public String contactEmail;

    @Column(name = "contact_chat")
    public String contactChat;

    /** Slug of the parent team, if any. */
    public String parent;
}
