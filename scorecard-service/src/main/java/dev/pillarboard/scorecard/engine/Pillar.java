package dev.pillarboard.scorecard.engine;

import java.util.Objects;

/**
 * An area of SRE practice that groups checks, e.g. Observability.
 *
 * @param id          identifier, e.g. {@code incident-response}
 * @param title       display title, e.g. "Incident Response", in the rubric's languages
 * @param description what the pillar covers; may be empty
 */
public record Pillar(String id, Text title, Text description) {
    /** Rejects null id/title; a null description becomes empty. */
    public Pillar {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? Text.of("") : description;
    }

    /** A pillar with English texts only. */
    public Pillar(String id, String title, String description) {
        this(id, Text.of(Objects.requireNonNull(title, "title")), Text.of(description));
    }
}
