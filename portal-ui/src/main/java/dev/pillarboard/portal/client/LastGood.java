package dev.pillarboard.portal.client;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value that every signed-in user may read and that changes rarely (the teams, the rubric): fetched again after a
 * short time, and when the service cannot answer, the last value it gave stands in (the page still gets its notice).
 */
final class LastGood<T> {

    private final Duration fresh;
    private volatile T value;
    private volatile long fetchedAt;

    LastGood(Duration fresh) {
        this.fresh = fresh;
    }

    Optional<T> get(Supplier<Optional<T>> fetch) {
        T current = value;
        if (current != null && System.nanoTime() - fetchedAt < fresh.toNanos()) {
            return Optional.of(current);
        }
        Optional<T> fetched = fetch.get();
        if (fetched.isPresent()) {
            value = fetched.get();
            fetchedAt = System.nanoTime();
            return fetched;
        }
        return Optional.ofNullable(current);
    }

    void forget() {
        value = null;
    }
}
