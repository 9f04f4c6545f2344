package dev.pillarboard.scorecard.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A team as the catalog returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogTeam(String slug, String name, Contact contact, String parent, long revision) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String email, String chat) {
    }
}
