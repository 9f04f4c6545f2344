package dev.pillarboard.scorecard;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A team as last seen in the catalog's change feed (the catalog owns it; this is a mirror). */
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

    public String parent;

    @Column(nullable = false)
    public long revision;

    @Column(name = "synced_at", nullable = false)
    public Instant syncedAt;
}
