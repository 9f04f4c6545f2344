package dev.pillarboard.catalog.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.pillarboard.catalog.ApiProblem;
import dev.pillarboard.catalog.config.CatalogConfig;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: roles from the token's realm roles, teams from its teams claim. Object-level
 * authorization (may this caller write that product?) is decided here.
 */
@RequestScoped
public class Caller {

    public static final String DEVELOPER = "developer";
    public static final String TEAM_LEAD = "team-lead";
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String AUTOMATION = "automation";

    private final SecurityIdentity identity;
    private final CatalogConfig config;
    private Set<String> teams;

    public Caller(SecurityIdentity identity, CatalogConfig config) {
        this.identity = identity;
        this.config = config;
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean isPlatformAdmin() {
        return identity.hasRole(PLATFORM_ADMIN);
    }

    /** Team slugs from the token's teams claim. */
    public Set<String> teams() {
        if (teams == null) {
            teams = readTeams();
        }
        return teams;
    }

    /**
     * A platform admin may write any product; a developer or team lead only products owned by
     * one of their teams.
     */
    public void requireProductWriter(String owner) {
        if (isPlatformAdmin()) {
            return;
        }
        if (!(identity.hasRole(DEVELOPER) || identity.hasRole(TEAM_LEAD))) {
            throw ApiProblem.forbidden("Only developers, team leads and platform admins write products");
        }
        if (!teams().contains(owner)) {
            throw ApiProblem.forbidden("You may only write products of your own teams " + teamsText()
                    + "; this one is owned by '" + owner + "'");
        }
    }

    private String teamsText() {
        return teams().isEmpty() ? "(your token lists none)" : teams().toString();
    }

    private Set<String> readTeams() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Set.of();
        }
        Object claim = token.getClaim(config.security().teamsClaim());
        Set<String> result = new LinkedHashSet<>();
        for (String team : flatten(claim)) {
            if (!team.isBlank()) {
                result.add(team.trim());
            }
        }
        return Set.copyOf(result);
    }

    private static List<String> flatten(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim == null) {
            return values;
        }
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                values.add(value instanceof JsonString s ? s.getString() : value.toString());
            }
        } else if (claim instanceof Collection<?> collection) {
            for (Object value : collection) {
                values.addAll(flatten(value));
            }
        } else if (claim instanceof JsonString s) {
            values.addAll(List.of(s.getString().split("[,\\s]+")));
        } else {
            values.addAll(List.of(claim.toString().split("[,\\s]+")));
        }
        return values;
    }
}
