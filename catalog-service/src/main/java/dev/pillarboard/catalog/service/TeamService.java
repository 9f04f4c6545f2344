package dev.pillarboard.catalog.service;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.pillarboard.catalog.Team;
import dev.pillarboard.catalog.Tombstone;
import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.Page;

/**
 * Team reads and writes. Only platform admins write teams (enforced by the resource's roles).
 */
@ApplicationScoped
public class TeamService {

    private final EntityManager em;
    private final RevisionLock revisionLock;
    private final EntryWrites<Team> writes;

    public TeamService(EntityManager em, RevisionLock revisionLock, Event<CatalogChanged> changed) {
        this.em = em;
        this.revisionLock = revisionLock;
        this.writes = new EntryWrites<>(Team.class, Tombstone.TEAM, em, changed);
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
        return writes.get(slug);
    }

    @Transactional
    public Team create(TeamRequest request) {
        RevisionLock.Allocator revisions = revisionLock.take();
        writes.requireNew(request.slug());
        requireParent(request.slug(), request.parent());
        Team team = new Team();
        team.slug = request.slug();
        apply(team, request);
        writes.insert(team, revisions);
        return team;
    }

    @Transactional
    public Team replace(String slug, TeamRequest request, String ifMatch) {
        if (request.slug() != null && !request.slug().equals(slug)) {
            throw ApiProblem.invalid("slug", "cannot change (it is '" + slug + "')");
        }
        RevisionLock.Allocator revisions = revisionLock.take();
        Team team = writes.locked(slug);
        writes.requireRevision(ifMatch, team);
        requireParent(slug, request.parent());
        apply(team, request);
        writes.update(team, revisions);
        return team;
    }

    @Transactional
    public void delete(String slug, String ifMatch) {
        RevisionLock.Allocator revisions = revisionLock.take();
        Team team = writes.locked(slug);
        writes.requireRevision(ifMatch, team);
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
        writes.delete(team, revisions);
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
