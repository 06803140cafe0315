package io.iptscope.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The background runner: work off the caller's thread, callbacks on the UI executor, cancellation. */
class ExecutorTaskRunnerTest {

    /** A stand-in for the FX thread: callbacks queue up until the test drains them. */
    private final LinkedBlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final ExecutorService background = Executors.newFixedThreadPool(1);
    private final ExecutorTaskRunner runner = new ExecutorTaskRunner(background, uiQueue::add);

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private void drainUi(int atLeast) throws InterruptedException {
        for (int i = 0; i < atLeast; i++) {
            Runnable r = uiQueue.poll(10, TimeUnit.SECONDS);
            assertTrue(r != null, "no UI callback arrived");
            r.run();
        }
        Runnable r;
        while ((r = uiQueue.poll()) != null) {
            r.run();
        }
    }

    @Test
    void workRunsOffTheCallingThreadAndTheResultArrivesOnTheUiExecutor() throws Exception {
        List<String> results = new ArrayList<>();
        Thread caller = Thread.currentThread();
        runner.submit("work", p -> Thread.currentThread().getName(), results::add, e -> results.add("failed"));
        drainUi(2);
        assertEquals(1, results.size());
        assertNotEquals(caller.getName(), results.get(0));
        assertTrue(runner.running().isEmpty());
    }

    @Test
    void aFailureReachesOnFailure() throws Exception {
        List<String> failures = new ArrayList<>();
        runner.submit("fails", p -> {
            throw new IllegalStateException("boom");
        }, r -> failures.add("succeeded"), e -> failures.add(e.getMessage()));
        drainUi(2);
        assertEquals(List.of("boom"), failures);
    }

    @Test
    void cancellingInterruptsRunningWorkAndATaskThatNeverStartedLeavesTheList() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> outcomes = new ArrayList<>();
        TaskHandle blocking = runner.submit("blocks", p -> {
            started.countDown();
            Thread.sleep(60_000);
            return "slept";
        }, outcomes::add, e -> outcomes.add("failed"));
        // The pool has one thread: this one waits behind the first and is cancelled before it starts.
        TaskHandle queued = runner.submit("queued", p -> "ran", outcomes::add, e -> outcomes.add("failed"));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        drainUi(2);
        assertEquals(2, runner.running().size());
        queued.cancel();
        blocking.cancel();
        drainUi(3);
        assertTrue(runner.running().isEmpty(), runner.running().toString());
        assertEquals(List.of(), outcomes, "a cancelled task reports neither success nor failure");
        assertTrue(queued.finishedProperty().get() && blocking.finishedProperty().get(), "but both have ended");
    }
}
