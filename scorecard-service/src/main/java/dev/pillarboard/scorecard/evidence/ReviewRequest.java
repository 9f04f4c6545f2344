package dev.pillarboard.scorecard.evidence;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team lead's sign-off on a product's scorecard. */
@Schema(name = "ReviewRequest")
public record ReviewRequest(
        @NotBlank @Size(max = 63) String product,
        @NotBlank @Pattern(regexp = "approved|changes-requested", message = "must be approved or changes-requested")
        String decision,
        @Size(max = 2000) String comment) {
}
