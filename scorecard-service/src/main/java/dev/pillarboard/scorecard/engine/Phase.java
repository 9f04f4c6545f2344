package dev.pillarboard.scorecard.engine;

import java.util.Objects;

/**
 * A phase of a product's life; the rubric lists them in order (earliest first).
 *
 * @param id          identifier, e.g. {@code pre-pmf} (lower-case words joined by hyphens)
 * @param title       display title, e.g. "Pre-PMF", in the rubric's languages
 * @param description one or two sentences on which products are in this phase; may be empty
 */
public record Phase(String id, Text title, Text description) {
    /** Rejects null id/title; a null description becomes empty. */
    public Phase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? Text.of("") : description;
    }

    /** A phase with English texts only. */
    public Phase(String id, String title, String description) {
        this(id, Text.of(Objects.requireNonNull(title, "title")), Text.of(description));
    }
}
