package dev.pillarboard.scorecard;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** A row of the evidence and task tables: its own id (a {@code bigserial}) and the product it belongs to. */
@MappedSuperclass
public abstract class ProductRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The product's slug. */
    @Column(nullable = false)
    public String product;
}
