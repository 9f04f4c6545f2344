package dev.pillarboard.catalog.service;

import java.time.Instant;

import dev.pillarboard.catalog.Team;

/** A team as the API returns it. */
public record TeamView(String slug, String name, TeamRequest.Contact contact, String parent, long revision,
        Instant createdAt, Instant updatedAt) {

    public static TeamView of(Team t) {
        return new TeamView(t.slug, t.name, new TeamRequest.Contact(t.contactEmail, t.contactChat), t.parent,
                t.revision, t.createdAt, t.updatedAt);
    }
}
