package dev.pillarboard.scorecard.evidence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team's attestation that a check's practice is in place. */
@Schema(name = "AttestationRequest")
public record AttestationRequest(
        @NotBlank @Size(max = 63) String product,
        @NotBlank @Size(max = 63) String check,
        @Schema(description = "Absolute http(s) URL of the evidence: a document, ticket, recording")
        @NotBlank @Size(max = 2000) String evidenceUrl,
        @Size(max = 2000) String comment,
        @Schema(description = "When the practice happened (ISO date or timestamp; default: now): not in the future, not"
                + " before the product was created; the attestation counts from it for the check's validity")
        @Size(max = 40) String performedAt) {
}
