package io.iptscope.exec;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How far a long-running command got: bytes it printed so far. Published to the listeners (the CLI's
 * stderr line on a terminal, the window's status bar) from the thread that waits for the command,
 * first after {@link #QUIET} so quick commands stay silent, then every few polls, and once with
 * {@code done} when the command ended. Any published command can be cancelled by its id.
 */
public record ReadProgress(long id, String host, String command, long bytes, Duration elapsed, boolean done) {

    /** Commands that end sooner publish nothing. */
    public static final Duration QUIET = Duration.ofSeconds(1);

    private static final List<Consumer<ReadProgress>> LISTENERS = new CopyOnWriteArrayList<>();
    private static final Set<Long> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Long> CANCELLED = ConcurrentHashMap.newKeySet();
    private static final AtomicLong IDS = new AtomicLong();

    /** Adds a listener until the returned handle is closed. Called on the command's waiting thread. */
    public static AutoCloseable listen(Consumer<ReadProgress> listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /** Asks the runner to kill command {@code id}; its result says it was cancelled. */
    public static void cancel(long id) {
        if (ACTIVE.contains(id)) {
            CANCELLED.add(id);
        }
    }

    /** Cancels every command that is running now. */
    public static void cancelAll() {
        CANCELLED.addAll(ACTIVE);
    }

    static long begin() {
        long id = IDS.incrementAndGet();
        ACTIVE.add(id);
        return id;
    }

    static boolean cancelled(long id) {
        return CANCELLED.contains(id);
    }

    static void end(long id) {
        ACTIVE.remove(id);
        CANCELLED.remove(id);
    }

    static void publish(ReadProgress progress) {
        for (Consumer<ReadProgress> l : LISTENERS) {
            try {
                l.accept(progress);
            } catch (RuntimeException e) {
                // A broken display must not break the read it reports on.
                System.getLogger(ReadProgress.class.getName()).log(System.Logger.Level.WARNING,
                        "progress listener failed", e);
            }
        }
    }
}
