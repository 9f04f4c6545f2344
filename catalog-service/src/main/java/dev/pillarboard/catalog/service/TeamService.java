package dev.pillarboard.catalog.service;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.pillarboard.catalog.Team;
import dev.pillarboard.catalog.Tombstone;
import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.request.IfMatch;

/**
 * Team reads and writes. Only platform admins write teams (enforced by the resource's roles).
 */
@ApplicationScoped
public class TeamService {

    private final EntityManager em;
    private final RevisionLock revisionLock;
    private final Event<CatalogChanged> changed;

    public TeamService(EntityManager em, RevisionLock revisionLock, Event<CatalogChanged> changed) {
        this.em = em;
        this.revisionLock = revisionLock;
        this.changed = changed;
    }

    public Page<Team> list(String q, int page, int size) {
        String where = q == null ? "" : " WHERE lower(t.name) LIKE :q OR t.slug LIKE :q";
        var select = em.createQuery("SELECT t FROM Team t" + where + " ORDER BY lower(t.name), t.slug", Team.class)
                .setFirstResult(page * size)
                .setMaxResults(size);
        var count = em.createQuery("SELECT count(t) FROM Team t" + where, Long.class);
        if (q != null) {
            String pattern = "%" + q.toLowerCase().replace("\\", "").replace("%", "").replace("_", "") + "%";
            select.setParameter("q", pattern);
            count.setParameter("q", pattern);
        }
        return new Page<>(select.getResultList(), count.getSingleResult());
    }

    public Team get(String slug) {
        Team team = em.find(Team.class, slug);
        if (team == null) {
            throw ApiProblem.notFound("team", slug);
        }
        return team;
    }

    @Transactional
    public Team create(TeamRequest request) {
        RevisionLock.Allocator revisions = revisionLock.take();
        if (em.find(Team.class, request.slug()) != null) {
            throw ApiProblem.conflict("A team '" + request.slug() + "' already exists");
        }
        requireParent(request.slug(), request.parent());
        Team team = new Team();
        team.slug = request.slug();
        apply(team, request);
        team.createdAt = DatabaseTime.now();
        team.updatedAt = team.createdAt;
        team.revision = revisions.next();
        em.persist(team);
        Tombstone.forget(em, Tombstone.TEAM, team.slug);
        changed.fire(new CatalogChanged(team.revision));
        return team;
    }

    @Transactional
    public Team replace(String slug, TeamRequest request, String ifMatch) {
        if (request.slug() != null && !request.slug().equals(slug)) {
            throw ApiProblem.invalid("slug", "cannot change (it is '" + slug + "')");
        }
        RevisionLock.Allocator revisions = revisionLock.take();
        Team team = lockedTeam(slug);
        IfMatch.requireRevision(ifMatch, "team", slug, team.revision);
        requireParent(slug, request.parent());
        apply(team, request);
        team.updatedAt = DatabaseTime.now();
        team.revision = revisions.next();
        changed.fire(new CatalogChanged(team.revision));
        return team;
    }

    @Transactional
    public void delete(String slug, String ifMatch) {
        RevisionLock.Allocator revisions = revisionLock.take();
        Team team = lockedTeam(slug);
        IfMatch.requireRevision(ifMatch, "team", slug, team.revision);
        long products = em.createQuery("SELECT count(p) FROM Product p WHERE p.owner = :slug", Long.class)
                .setParameter("slug", slug).getSingleResult();
        if (products > 0) {
            throw ApiProblem.conflict("Team '" + slug + "' still owns " + products
                    + " product(s); move or delete them first");
        }
        long children = em.createQuery("SELECT count(t) FROM Team t WHERE t.parent = :slug", Long.class)
                .setParameter("slug", slug).getSingleResult();
        if (children > 0) {
            throw ApiProblem.conflict("Team '" + slug + "' is the parent of " + children
                    + " team(s); re-parent them first");
        }
        em.remove(team);
        long revision = revisions.next();
        Tombstone.record(em, Tombstone.TEAM, slug, revision);
        changed.fire(new CatalogChanged(revision));
    }

    private Team lockedTeam(String slug) {
        Team team = em.find(Team.class, slug, LockModeType.PESSIMISTIC_WRITE);
        if (team == null) {
            throw ApiProblem.notFound("team", slug);
        }
        return team;
    }

    /** The parent must exist and must not make the hierarchy a cycle. */
    private void requireParent(String slug, String parent) {
        if (parent == null) {
            return;
        }
        if (parent.equals(slug)) {
            throw ApiProblem.unprocessable("parent", "a team cannot be its own parent");
        }
        Set<String> seen = new HashSet<>();
        String current = parent;
        while (current != null) {
            if (!seen.add(current) || current.equals(slug)) {
                throw ApiProblem.unprocessable("parent", "'" + parent + "' would make the team hierarchy a cycle");
            }
            Team ancestor = em.find(Team.class, current);
            if (ancestor == null) {
                throw ApiProblem.unprocessable("parent", "no team '" + current + "' in the catalog");
            }
            current = ancestor.parent;
        }
    }

    private static void apply(Team team, TeamRequest request) {
        TeamRequest stored = request.normalized();
        team.name = stored.name();
        team.contactEmail = stored.contact().email();
        team.contactChat = stored.contact().chat();
        team.parent = stored.parent();
    }
}
