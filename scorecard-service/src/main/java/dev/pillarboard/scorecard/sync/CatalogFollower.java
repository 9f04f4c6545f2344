package dev.pillarboard.scorecard.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.pillarboard.common.CoalescingTask;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.scorecard.client.CatalogChanges;
import dev.pillarboard.scorecard.client.CatalogFeed;
import dev.pillarboard.scorecard.client.CatalogUnavailable;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Follows the catalog's change feed: polls every {@code sync.poll-interval}, and at once when
 * nudged (the catalog pings {@code POST /api/sync/nudge} after each write). Nudges and polls
 * coalesce: while a poll runs, further requests only make it look once more afterwards.
 *
 * <p>Each poll reads the stored revision, pages through the feed from there and applies each page
 * with {@link CatalogApplier} (advisory lock + revision check + changes + new revision in one
 * transaction). Because the catalog's feed never skips a committed change when read with
 * {@code after=<last revision>}, and the revision is only stored together with the changes it
 * covers, the mirror catches up completely after any outage of either side. When the catalog is
 * unreachable the revision stays, one warning is logged (not one per poll), and the next poll retries.
 * When another replica holds the follower lock the poll backs off and looks again after
 * {@link #BUSY_RETRY}, since that replica may have read its last page before the change this poll was
 * nudged for.
 */
@ApplicationScoped
public class CatalogFollower {

    /** What the follower last saw, for health and {@code GET /api/sync}. */
    public record SyncState(boolean enabled, long lastRevision, Instant lastSuccessAt, Instant lastAttemptAt,
            boolean catalogReachable, Instant unreachableSince, String lastError, long polls, long changesApplied) {
    }

    private record Waiter(long after, CompletableFuture<Boolean> done) {
    }

    private static final int MAX_PAGES_PER_POLL = 10_000;
    /**
     * How soon a poll that found another replica applying changes looks again: that replica may have
     * read its last page before the change this poll was nudged for.
     */
    static final Duration BUSY_RETRY = Duration.ofMillis(500);

    /** How a poll ended. */
    enum Poll {
        /** Read to the end of the feed. */
        CAUGHT_UP,
        /** Another replica holds the follower lock; nothing applied. */
        BUSY,
        /** Stopped before the end: the catalog could not be read, a page could not be applied, or too many pages. */
        INCOMPLETE
    }

    private final CatalogFeed feed;
    private final CatalogApplier applier;
    private final ScorecardConfig config;
    private final ScheduledExecutorService executor;
    private final CoalescingTask polls;
    /** Callers of {@link #pollSoon} waiting for a poll that starts after the count of polls they saw. */
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong pollCount = new AtomicLong();
    private final AtomicLong changesApplied = new AtomicLong();
    private volatile long lastRevision = -1;
    private volatile Instant lastSuccessAt;
    private volatile Instant lastAttemptAt;
    private volatile Instant unreachableSince;
    private volatile String lastError;
    private volatile boolean stopping;

    public CatalogFollower(CatalogFeed feed, CatalogApplier applier, ScorecardConfig config, ScheduledExecutorService executor) {
        this.executor = executor;
        this.polls = new CoalescingTask(executor, this::scheduledRun);
        this.feed = feed;
        this.applier = applier;
        this.config = config;
    }

    @Scheduled(every = "{pillarboard.scorecard.sync.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPoll() {
        requestPoll();
    }

    /** Asks for a poll soon; returns at once. Requests during a poll coalesce into one more poll. */
    public void requestPoll() {
        if (!config.sync().enabled() || stopping) {
            return;
        }
        polls.request();
    }

    /**
     * Asks for a poll and returns at once; the answer completes when a poll that started after this
     * call has read the feed to its end (true), or failed, or after {@code wait} (false). A poll that
     * finds another replica applying changes looks again shortly, so the answer waits for that too.
     * Used before refusing a request that names a product the mirror does not know yet: no thread
     * waits meanwhile.
     */
    public CompletableFuture<Boolean> pollSoon(Duration wait) {
        if (!config.sync().enabled() || stopping) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<Boolean>().completeOnTimeout(false, wait.toMillis(),
                TimeUnit.MILLISECONDS);
        waiters.add(new Waiter(started.get(), done));
        requestPoll();
        return done;
    }

    /** Polls and answers the state afterwards (on the worker pool), waiting at most {@code wait} for the poll. */
    public CompletionStage<SyncState> pollAndReport(Duration wait) {
        return pollSoon(wait).handleAsync((caughtUp, failure) -> state(), executor);
    }

    /** A poll asked for with {@link #requestPoll()}; runs on the worker pool, one at a time. */
    private void scheduledRun() {
        if (stopping) {
            return;
        }
        long generation = started.incrementAndGet();
        Poll poll = pollOnce();
        if (poll != Poll.BUSY) {
            for (Iterator<Waiter> all = waiters.iterator(); all.hasNext();) {
                Waiter waiter = all.next();
                if (waiter.after() < generation || waiter.done().isDone()) {
                    waiter.done().complete(poll == Poll.CAUGHT_UP);
                    all.remove();
                }
            }
        }
        if (poll == Poll.BUSY && !stopping) {
            // Whatever this poll was asked for may be past the other replica's last page: look again soon.
            try {
                executor.schedule(this::requestPoll, BUSY_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // stopping
            }
        }
    }

    /** One poll: every page from the stored revision on. */
    private Poll pollOnce() {
        pollCount.incrementAndGet();
        lastAttemptAt = DatabaseTime.now();
        int pageSize = config.sync().pageSize();
        try {
            long revision = applier.storedRevision();
            lastRevision = revision;
            for (int pages = 0; pages < MAX_PAGES_PER_POLL; pages++) {
                CatalogChanges page = feed.changes(revision, pageSize);
                if (page.items().isEmpty() && page.lastRevision() <= revision) {
                    reachable();
                    return Poll.CAUGHT_UP;
                }
                CatalogApplier.PageResult outcome = applier.apply(revision, page);
                switch (outcome) {
                    case BUSY -> {
                        Log.debugf("Another replica is applying catalog changes; looking again in %s", BUSY_RETRY);
                        reachable();
                        return Poll.BUSY;
                    }
                    case MOVED -> revision = applier.storedRevision();
                    case APPLIED -> {
                        changesApplied.addAndGet(page.items().size());
                        if (!page.items().isEmpty()) {
                            Log.debugf("Applied %d catalog changes (revisions %d..%d)", page.items().size(),
                                    page.items().get(0).revision(), page.lastRevision());
                        }
                        revision = Math.max(revision, page.lastRevision());
                        if (page.items().size() < pageSize) {
                            lastRevision = revision;
                            reachable();
                            return Poll.CAUGHT_UP;
                        }
                    }
                }
                lastRevision = revision;
            }
            reachable();
            return Poll.INCOMPLETE;
        } catch (CatalogUnavailable e) {
            unreachable(e.getMessage());
            return Poll.INCOMPLETE;
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            Log.warnf("Catalog sync failed: %s (keeping revision %d; retrying at the next poll)", e.getMessage(), lastRevision);
            return Poll.INCOMPLETE;
        }
    }

    private void reachable() {
        if (unreachableSince != null) {
            Log.infof("The catalog is reachable again (unreachable since %s); caught up to revision %d", unreachableSince,
                    lastRevision);
        }
        unreachableSince = null;
        lastError = null;
        lastSuccessAt = DatabaseTime.now();
    }

    private void unreachable(String reason) {
        if (unreachableSince == null) {
            unreachableSince = DatabaseTime.now();
            Log.warnf("Catalog sync: %s. Keeping revision %d; retrying every %s (scorecards stay available, "
                    + "catalog changes show when it is back)", reason, lastRevision, config.sync().pollInterval());
        } else if (!reason.equals(lastError)) {
            Log.debugf("Catalog sync still failing: %s", reason);
        }
        lastError = reason;
    }

    public SyncState state() {
        long revision;
        try {
            revision = applier.storedRevision();
        } catch (RuntimeException e) {
            revision = lastRevision;
        }
        return new SyncState(config.sync().enabled(), revision, lastSuccessAt, lastAttemptAt, unreachableSince == null,
                unreachableSince, lastError, pollCount.get(), changesApplied.get());
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
