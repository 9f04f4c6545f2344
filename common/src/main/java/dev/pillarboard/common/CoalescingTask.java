package dev.pillarboard.common;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a task on an executor when asked, one run at a time, coalescing requests: a request while a
 * run is under way makes it run once more right after, however many requests came. A request never
 * waits for anything else (a scheduled poll, the next request): after each run the task looks
 * whether it was asked again while it ran, also in the window between its last look and its release.
 */
public final class CoalescingTask {

    private final Executor executor;
    private final Runnable task;
    /** Runs between a run's last look at the requests and its release (a test's request goes there). */
    private final Runnable afterLastLook;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    public CoalescingTask(Executor executor, Runnable task) {
        this(executor, task, () -> {
        });
    }

    CoalescingTask(Executor executor, Runnable task, Runnable afterLastLook) {
        this.executor = executor;
        this.task = task;
        this.afterLastLook = afterLastLook;
    }

    /** Asks for a run soon: now, or right after the run under way. Returns at once. */
    public void request() {
        requested.set(true);
        start();
    }

    private void start() {
        if (!running.compareAndSet(false, true)) {
            return; // the run under way looks at `requested` again before it lets go
        }
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException stopped) {
            running.set(false); // the executor is shutting down: nothing runs any more
        }
    }

    private void run() {
        try {
            while (requested.getAndSet(false)) {
                task.run();
            }
            afterLastLook.run();
        } finally {
            running.set(false);
            // A request that came after the loop's last look, while `running` was still set, found it
            // busy and left the run to us: start another.
            if (requested.get()) {
                start();
            }
        }
    }
}
