package dev.pillarboard.catalog;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * What a team and a product have in common: a slug that is its identity and never changes, a name, the catalog
 * revision of its last change (its ETag) and when it was created and last changed.
 */
@MappedSuperclass
public abstract class CatalogEntry extends PanacheEntityBase {

    @Id
    public String slug;

    @Column(nullable = false)
    public String name;

    /** Catalog revision of the last change to this entry; its ETag. */
    @Column(nullable = false)
    public long revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
