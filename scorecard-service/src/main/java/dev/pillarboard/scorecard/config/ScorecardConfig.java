package dev.pillarboard.scorecard.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Scorecard settings, under {@code pillarboard.scorecard}.
 */
@ConfigMapping(prefix = "pillarboard.scorecard")
public interface ScorecardConfig {

    Sync sync();

    Evaluation evaluation();

    Signals signals();

    Waivers waivers();

    RubricSettings rubric();

    interface Sync {
        /** Follow the catalog's change feed at all (off only for tools that seed the mirror directly). */
        @WithDefault("true")
        boolean enabled();

        /** How often the catalog feed is polled when no nudge arrives. */
        @WithDefault("5s")
        Duration pollInterval();

        /** Changes asked for per feed request (the catalog allows at most 1000). */
        @WithDefault("500")
        int pageSize();

        /** How long a request that names an unknown product waits for a catalog poll before answering 422. */
        @WithDefault("3s")
        Duration unknownProductWait();
    }

    interface Evaluation {
        /** Products evaluated per transaction (one set of queries and one batch of writes each). */
        @WithDefault("500")
        int batchSize();

        /** Threads a full re-evaluation uses; each evaluates its own batches. */
        @WithDefault("2")
        int jobThreads();

        /** How often each replica looks for queued products besides being woken after commits. */
        @WithDefault("1s")
        Duration queuePollInterval();

        /**
         * Failures after which a queued product is parked (left until its inputs change or the next
         * full evaluation); before that it is tried again after {@code queue-retry-delay}, doubling.
         */
        @WithDefault("10")
        int queueAttempts();

        /** Delay before a queued product whose evaluation failed is tried again (doubles with every failure). */
        @WithDefault("1s")
        Duration queueRetryDelay();

        /** Longest delay between two tries of a queued product. */
        @WithDefault("5m")
        Duration queueMaxRetryDelay();

        /** How often products whose evidence expires (waivers, attestations, stale signals) are re-queued. */
        @WithDefault("1s")
        Duration sweepInterval();

        /**
         * A periodic full re-evaluation starts when the last one finished this long ago (or there never
         * was one); with {@code snapshot-interval} it writes the daily history point.
         */
        @WithDefault("4h")
        Duration fullInterval();

        /** A history point is stored when scores change, and at least once per this interval. */
        @WithDefault("20h")
        Duration snapshotInterval();

        /** A running job whose replica stopped beating for this long is resumed by another replica. */
        @WithDefault("2m")
        Duration jobStaleAfter();

        /**
         * How often each replica beats for the job it runs, starts queued jobs, resumes jobs whose
         * replica stopped beating, and starts the periodic full re-evaluation when it is due.
         */
        @WithDefault("10s")
        Duration jobCheckInterval();

        /** How many times a job is started (resumed after its replica stopped) before it is failed. */
        @WithDefault("3")
        int jobAttempts();
    }

    interface Signals {
        /** Most signals per POST /api/signals. */
        @WithDefault("1000")
        int maxBatch();

        /** How far in the future an observedAt may be (clock skew). */
        @WithDefault("5m")
        Duration maxClockSkew();
    }

    interface Waivers {
        /** Longest time a waiver may run, from the request. */
        @WithDefault("366d")
        Duration maxDuration();
    }

    interface RubricSettings {
        /**
         * Which edition of the default rubric a brand-new installation stores as its first version (one of the
         * editions that ship with the service). An installation that holds a version already keeps it whatever this says.
         */
        @WithDefault("2")
        int firstDefault();
    }
}
