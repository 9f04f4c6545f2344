package dev.pillarboard.common.security;

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

import dev.pillarboard.common.ApiProblem;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: roles from the token's realm roles, teams from its teams claim
 * ({@code pillarboard.security.teams-claim}; a missing claim is an empty list). Object-level
 * authorization (may this caller act on that product?) is decided here; services pass the owning
 * team of the product concerned.
 */
@RequestScoped
public class Caller {

    public static final String DEVELOPER = "developer";
    public static final String TEAM_LEAD = "team-lead";
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String AUTOMATION = "automation";

    private final SecurityIdentity identity;
    private final SecurityConfig config;
    private Set<String> teams;

    public Caller(SecurityIdentity identity, SecurityConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /** The user name (preferred_username for Keycloak tokens), for the records we keep. */
    public String name() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            String preferred = token.getClaim("preferred_username");
            if (preferred != null && !preferred.isBlank()) {
                return preferred;
            }
        }
        return identity.getPrincipal().getName();
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

    /** A developer or team lead of the owning team, or a platform admin (attestations, waiver requests, tasks). */
    public void requireTeamMember(String owner, String action) {
        if (isPlatformAdmin()) {
            return;
        }
        if (!(identity.hasRole(DEVELOPER) || identity.hasRole(TEAM_LEAD))) {
            throw ApiProblem.forbidden("Only developers and team leads of the owning team, or platform admins, may " + action);
        }
        if (!teams().contains(owner)) {
            throw ApiProblem.forbidden("Only members of the owning team '" + owner + "' may " + action
                    + "; your teams are " + teamsText());
        }
    }

    /** A team lead of the owning team, or a platform admin (waiver decisions, reviews). */
    public void requireTeamLead(String owner, String action) {
        if (isPlatformAdmin()) {
            return;
        }
        if (!identity.hasRole(TEAM_LEAD)) {
            throw ApiProblem.forbidden("Only team leads of the owning team, or platform admins, may " + action);
        }
        if (!teams().contains(owner)) {
            throw ApiProblem.forbidden("Only team leads of the owning team '" + owner + "' may " + action
                    + "; your teams are " + teamsText());
        }
    }

    private String teamsText() {
        return teams().isEmpty() ? "none (your token lists no teams)" : String.join(", ", teams());
    }

    private Set<String> readTeams() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Set.of();
        }
        Object claim = token.getClaim(config.teamsClaim());
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
