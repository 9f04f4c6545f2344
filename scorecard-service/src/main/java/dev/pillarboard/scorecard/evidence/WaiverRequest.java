package dev.pillarboard.scorecard.evidence;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team's request to waive a check until a date. */
@Schema(name = "WaiverRequest")
public record WaiverRequest(
        @NotBlank @Size(max = 63) String product,
        @NotBlank @Size(max = 63) String check,
        @Schema(description = "Why the check cannot or need not pass for now")
        @NotBlank @Size(max = 2000) String reason,
        @Schema(description = "When the waiver stops counting (ISO-8601); in the future and within the configured horizon")
        @NotNull Instant expiresAt) {
}
