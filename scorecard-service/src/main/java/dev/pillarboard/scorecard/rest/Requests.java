package dev.pillarboard.scorecard.rest;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies. */
public final class Requests {

    private Requests() {
    }

    @Schema(name = "AttestationRequest")
    public record Attestation(
            @NotBlank @Size(max = 63) String product,
            @NotBlank @Size(max = 63) String check,
            @Schema(description = "Absolute http(s) URL of the evidence: a document, ticket, recording")
            @NotBlank @Size(max = 2000) String evidenceUrl,
            @Size(max = 2000) String comment) {
    }

    @Schema(name = "WaiverRequest")
    public record Waiver(
            @NotBlank @Size(max = 63) String product,
            @NotBlank @Size(max = 63) String check,
            @Schema(description = "Why the check cannot or need not pass for now")
            @NotBlank @Size(max = 2000) String reason,
            @Schema(description = "When the waiver stops counting (ISO-8601); in the future and within the configured horizon")
            @NotNull Instant expiresAt) {
    }

    @Schema(name = "WaiverDecision")
    public record Decision(
            @NotBlank @Pattern(regexp = "approve|reject", message = "must be approve or reject") String decision,
            @Size(max = 2000) String comment) {
    }

    @Schema(name = "ReviewRequest")
    public record Review(
            @NotBlank @Size(max = 63) String product,
            @NotBlank @Pattern(regexp = "approved|changes-requested", message = "must be approved or changes-requested")
            String decision,
            @Size(max = 2000) String comment) {
    }
}
