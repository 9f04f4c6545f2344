package dev.pillarboard.scorecard.evidence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team lead's decision on a waiver request. */
@Schema(name = "WaiverDecision")
public record WaiverDecision(
        @NotBlank @Pattern(regexp = "approve|reject", message = "must be approve or reject") String decision,
        @Size(max = 2000) String comment) {
}
