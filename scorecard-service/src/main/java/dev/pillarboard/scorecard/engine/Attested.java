package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest statement by a member of the owning team that a check's practice is in place.
 *
 * @param by          who attested (user name or id)
 * @param at          when
 * @param evidenceUrl where the evidence is (document, ticket, recording); empty if none given
 * @param comment     free text; empty if none
 */
public record Attested(String by, Instant at, String evidenceUrl, String comment) {
    /** Requires by and at; null texts become empty. */
    public Attested {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        evidenceUrl = evidenceUrl == null ? "" : evidenceUrl;
        comment = comment == null ? "" : comment;
    }
}
