package dev.pillarboard.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingTaskTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /**
     * A request that lands after a run's last look at the requests, while the run still holds the
     * task, finds it busy and leaves the run to it: the run must start another one as it lets go.
     * Nothing else (no scheduled poll) would ever run the task here.
     */
    @Test
    void aRequestWhileARunIsLettingGoGetsARunOfItsOwn() throws InterruptedException {
        Semaphore runs = new Semaphore(0);
        AtomicInteger lastLooks = new AtomicInteger();
        CoalescingTask[] task = new CoalescingTask[1];
        task[0] = new CoalescingTask(executor, runs::release, () -> {
            if (lastLooks.incrementAndGet() == 1) {
                task[0].request(); // in the window: the first run has looked for the last time
            }
        });
        task[0].request();
        assertTrue(runs.tryAcquire(2, 5, TimeUnit.SECONDS), "the request made while the first run let go was lost");
    }

    @Test
    void requestsDuringARunCoalesceIntoOneMoreRun() throws InterruptedException {
        CountDownLatch inFirstRun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Semaphore finished = new Semaphore(0);
        CoalescingTask task = new CoalescingTask(executor, () -> {
            if (runs.incrementAndGet() == 1) {
                inFirstRun.countDown();
                await(release);
            }
            finished.release();
        });
        task.request();
        assertTrue(inFirstRun.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 10; i++) {
            task.request();
        }
        release.countDown();
        assertTrue(finished.tryAcquire(2, 5, TimeUnit.SECONDS));
        assertEquals(2, runs.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
