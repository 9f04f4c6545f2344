package dev.pillarboard.scorecard.engine;

import java.util.Objects;

/**
 * An area of SRE practice that groups checks, e.g. Observability.
 *
 * @param id          identifier, e.g. {@code incident-response}
 * @param title       display title, e.g. "Incident Response", in the rubric's languages
 * @param description what the pillar covers; may be empty
 * @param shortTitle  the label of a small tile, e.g. "Obs" or "観測" (at most
 *                    {@value RubricParser#MAX_SHORT_TITLE} characters); null when the rubric gives none
 */
public record Pillar(String id, Text title, Text description, Text shortTitle) {
    /** Rejects null id/title; a null description becomes empty. */
    public Pillar {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? Text.of("") : description;
    }

    /** A pillar with English texts only. */
    public Pillar(String id, String title, String description) {
        this(id, Text.of(Objects.requireNonNull(title, "title")), Text.of(description), null);
    }
}
