package dev.pillarboard.portal.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signed-in user as the pages see them: name, roles (from the access token's realm roles) and teams (from the
 * token's teams claim, a missing claim being no teams). Pages offer only the actions the user may take; the services
 * still decide (object-level authorization lives there).
 */
@RequestScoped
@Named("viewer")
public class Viewer {

    public static final String DEVELOPER = "developer";
    public static final String TEAM_LEAD = "team-lead";
    public static final String PLATFORM_ADMIN = "platform-admin";

    private final SecurityIdentity identity;
    private final String teamsClaim;
    private List<String> teams;

    public Viewer(SecurityIdentity identity,
            @ConfigProperty(name = "pillarboard.security.teams-claim", defaultValue = "teams") String teamsClaim) {
        this.identity = identity;
        this.teamsClaim = teamsClaim;
    }

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    /** The user name (preferred_username), as the services record it. */
    public String username() {
        if (identity.isAnonymous()) {
            return "";
        }
        String preferred = claim("preferred_username");
        return preferred != null ? preferred : identity.getPrincipal().getName();
    }

    /** The display name, else the user name. */
    public String displayName() {
        String name = claim("name");
        return name != null && !name.isBlank() ? name : username();
    }

    public List<String> teams() {
        if (teams == null) {
            teams = readTeams();
        }
        return teams;
    }

    public boolean hasTeams() {
        return !teams().isEmpty();
    }

    public boolean isAdmin() {
        return identity.hasRole(PLATFORM_ADMIN);
    }

    public boolean isLead() {
        return identity.hasRole(TEAM_LEAD);
    }

    public boolean isDeveloper() {
        return identity.hasRole(DEVELOPER);
    }

    /** The roles Pillarboard knows, for the header: admin first. */
    public List<String> roles() {
        List<String> roles = new ArrayList<>();
        for (String role : List.of(PLATFORM_ADMIN, TEAM_LEAD, DEVELOPER)) {
            if (identity.hasRole(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    public boolean memberOf(String team) {
        return team != null && teams().contains(team);
    }

    /** May write the products, tasks, attestations and waiver requests of this team. */
    public boolean canWorkOn(String team) {
        return isAdmin() || ((isDeveloper() || isLead()) && memberOf(team));
    }

    /** May decide waivers and sign off reviews for this team. */
    public boolean canLead(String team) {
        return isAdmin() || (isLead() && memberOf(team));
    }

    /** May decide this waiver: a lead of the owning team who did not ask for it, or an admin. */
    public boolean canDecide(String team, String requestedBy) {
        return isAdmin() || (canLead(team) && !Objects.equals(username(), requestedBy));
    }

    /** May create products at all (for some team of theirs). */
    public boolean canCreateProducts() {
        return isAdmin() || ((isDeveloper() || isLead()) && hasTeams());
    }

    private String claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object value = token.getClaim(name);
            if (value instanceof JsonString s) {
                return s.getString();
            }
            return value == null ? null : value.toString();
        }
        return null;
    }

    private List<String> readTeams() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        flatten(token.getClaim(teamsClaim), values);
        return values.stream().map(String::trim).filter(t -> !t.isEmpty()).distinct().sorted().toList();
    }

    private static void flatten(Object claim, List<String> into) {
        if (claim == null) {
            return;
        }
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                into.add(value instanceof JsonString s ? s.getString() : value.toString());
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> flatten(value, into));
        } else if (claim instanceof JsonString s) {
            into.addAll(List.of(s.getString().split("[,\\s]+")));
        } else {
            into.addAll(List.of(claim.toString().split("[,\\s]+")));
        }
    }
}
