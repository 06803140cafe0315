package io.iptscope.exec;

import java.time.Duration;

/**
 * A running command as the user sees it, for every runner: it ends when its {@link ProgressWatchdog} says it is hung
 * or the user cancels it ({@link ReadProgress#cancel}), and its progress is shown once it has taken
 * {@link ReadProgress#QUIET}, then once more when it is done.
 */
final class WatchedRead {

    /** Why a command is to be ended before it exits. */
    enum Stop { HUNG, CANCELLED }

    private final String host;
    private final Command command;
    private final ProgressWatchdog watchdog;
    private final long startedNanos;
    private final long id = ReadProgress.begin();
    private boolean published;

    /** @param startedNanos {@link System#nanoTime} when the command started */
    WatchedRead(String host, Command command, ProgressWatchdog watchdog, long startedNanos) {
        this.host = host;
        this.command = command;
        this.watchdog = watchdog;
        this.startedNanos = startedNanos;
    }

    /** Why the command is to be ended now, or null to let it run. */
    Stop stop() {
        return watchdog.hung() ? Stop.HUNG : ReadProgress.cancelled(id) ? Stop.CANCELLED : null;
    }

    /** Shows how far the command got, once it has taken long enough to be worth showing. */
    void progress(long bytes) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        if (elapsed.compareTo(ReadProgress.QUIET) >= 0) {
            published = true;
            ReadProgress.publish(new ReadProgress(id, host, command.toString(), bytes, elapsed, false));
        }
    }

    /** The command ended: its shown progress says so, and it can no longer be cancelled. */
    void end(long bytes) {
        if (published) {
            ReadProgress.publish(new ReadProgress(id, host, command.toString(), bytes,
                    Duration.ofNanos(System.nanoTime() - startedNanos), true));
        }
        ReadProgress.end(id);
    }
}
