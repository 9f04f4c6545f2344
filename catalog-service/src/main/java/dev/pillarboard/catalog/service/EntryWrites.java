package dev.pillarboard.catalog.service;

import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import dev.pillarboard.catalog.CatalogEntry;
import dev.pillarboard.catalog.Tombstone;
import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.request.IfMatch;

/**
 * The steps that every write of one kind of entry (teams, products) shares, inside a transaction that holds the
 * {@link RevisionLock}: finding the entry (404), checking {@code If-Match} against its revision, stamping the next
 * revision and the times, keeping the tombstones true and announcing the change. What differs between the kinds
 * (who may write, what must exist first, what a delete must not leave behind) stays in their services.
 */
final class EntryWrites<T extends CatalogEntry> {

    private final Class<T> type;
    private final String kind;
    private final EntityManager em;
    private final Event<CatalogChanged> changed;

    /** {@code kind} as the API and the change feed name it: {@link Tombstone#TEAM} or {@link Tombstone#PRODUCT}. */
    EntryWrites(Class<T> type, String kind, EntityManager em, Event<CatalogChanged> changed) {
        this.type = type;
        this.kind = kind;
        this.em = em;
        this.changed = changed;
    }

    /** The entry; 404 when there is none. */
    T get(String slug) {
        return found(em.find(type, slug), slug);
    }

    /** The entry, locked for the rest of the transaction; 404 when there is none. */
    T locked(String slug) {
        return found(em.find(type, slug, LockModeType.PESSIMISTIC_WRITE), slug);
    }

    /** 409 when an entry with this slug exists. */
    void requireNew(String slug) {
        if (em.find(type, slug) != null) {
            throw ApiProblem.conflict("A " + kind + " '" + slug + "' already exists");
        }
    }

    /** 428 when {@code ifMatch} is missing, 412 when it does not name the entry's revision. */
    void requireRevision(String ifMatch, T entry) {
        IfMatch.requireRevision(ifMatch, kind, entry.slug, entry.revision);
    }

    /** Stores a new entry at the next revision; a tombstone left by an earlier entry of this slug goes. */
    void insert(T entry, RevisionLock.Allocator revisions) {
        entry.createdAt = DatabaseTime.now();
        entry.updatedAt = entry.createdAt;
        entry.revision = revisions.next();
        em.persist(entry);
        Tombstone.forget(em, kind, entry.slug);
        changed.fire(new CatalogChanged(entry.revision));
    }

    /** Stamps a changed (managed) entry with the next revision. */
    void update(T entry, RevisionLock.Allocator revisions) {
        entry.updatedAt = DatabaseTime.now();
        entry.revision = revisions.next();
        changed.fire(new CatalogChanged(entry.revision));
    }

    /** Removes the entry and records its tombstone at the next revision. */
    void delete(T entry, RevisionLock.Allocator revisions) {
        em.remove(entry);
        long revision = revisions.next();
        Tombstone.record(em, kind, entry.slug, revision);
        changed.fire(new CatalogChanged(revision));
    }

    private T found(T entry, String slug) {
        if (entry == null) {
            throw ApiProblem.notFound(kind, slug);
        }
        return entry;
    }
}
