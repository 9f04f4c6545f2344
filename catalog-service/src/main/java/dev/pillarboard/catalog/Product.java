package dev.pillarboard.catalog;

import java.util.List;
import java.util.Map;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A product in the catalog: what the scorecard rates, owned by one team, in one phase.
 */
@Entity
@Table(name = "product")
public class Product extends CatalogEntry {

    @Column(nullable = false)
    public String description;

    /** Slug of the owning team. */
    @Column(nullable = false)
    public String owner;

    @Column(nullable = false)
    public String phase;

    /** Criticality, 1 (most critical) to 3. */
    @Column(nullable = false)
    public short tier;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> tags;

    /** Well-known links (repo, runbook, dashboard, on-call, docs, ...): name to absolute URL. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> links;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> annotations;
}
