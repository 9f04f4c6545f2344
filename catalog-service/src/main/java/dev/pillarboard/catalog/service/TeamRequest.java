package dev.pillarboard.catalog.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A team as a client writes it. Server-set fields are accepted and ignored.
 */
@JsonIgnoreProperties(value = { "revision", "createdAt", "updatedAt" }, allowGetters = false)
public record TeamRequest(
        @NotBlank @Pattern(regexp = Rules.SLUG, message = Rules.SLUG_MESSAGE) String slug,
        @NotBlank @Size(max = Rules.MAX_NAME) @Text String name,
        @Valid Contact contact,
        @Pattern(regexp = Rules.SLUG, message = "must be a team slug") String parent) {

    /** How to reach the team. */
    public record Contact(@Email @Size(max = 254) @Text String email, @Size(max = 200) @Text String chat) {
    }

    public TeamRequest {
        contact = contact == null ? new Contact(null, null) : contact;
    }

    /** The request as it is stored: name stripped, blank contact details absent. */
    public TeamRequest normalized() {
        return new TeamRequest(slug, name.strip(), new Contact(blankToNull(contact.email()), blankToNull(contact.chat())), parent);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
