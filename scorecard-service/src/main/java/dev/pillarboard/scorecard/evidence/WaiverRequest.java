package dev.pillarboard.scorecard.evidence;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team's request to waive a check until a date. */
@Schema(name = "WaiverRequest")
public record WaiverRequest(
        @NotBlank @Size(max = 63) String product,
        @NotBlank @Size(max = 63) String check,
        @Schema(description = "Why the check cannot or need not pass for now")
        @NotBlank @Size(max = 2000) String reason,
        @Schema(description = "When the waiver stops counting (ISO-8601); in the future and within the configured horizon."
                + " Optional with untilPhaseChange (then the horizon)")
        Instant expiresAt,
        @Schema(description = "true: the waiver also stops counting the moment the product changes phase (\"no SLO until"
                + " PMF\"), whatever its date")
        Boolean untilPhaseChange) {

    /** A waiver until a date. */
    public WaiverRequest(String product, String check, String reason, Instant expiresAt) {
        this(product, check, reason, expiresAt, null);
    }
}
