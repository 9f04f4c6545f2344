package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest statement by a member of the owning team that a check's practice is in place.
 *
 * @param by          who attested (user name or id)
 * @param at          when the statement was made
 * @param evidenceUrl where the evidence is (document, ticket, recording); empty if none given
 * @param comment     free text; empty if none
 * @param performedAt when the practice happened (the drill was held, the review done); the attestation's
 *                    validity counts from it. Never after {@code at}.
 */
public record Attested(String by, Instant at, String evidenceUrl, String comment, Instant performedAt) {
    /** Requires by and at; null texts become empty; a null performedAt is {@code at}. */
    public Attested {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        evidenceUrl = evidenceUrl == null ? "" : evidenceUrl;
        comment = comment == null ? "" : comment;
        performedAt = performedAt == null ? at : performedAt;
    }

    /** An attestation of a practice performed when it was attested. */
    public Attested(String by, Instant at, String evidenceUrl, String comment) {
        this(by, at, evidenceUrl, comment, at);
    }
}
