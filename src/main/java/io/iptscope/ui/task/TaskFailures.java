package io.iptscope.ui.task;

import io.iptscope.log.Logging;
import java.util.function.Consumer;

/**
 * The one place failures at the window's thread boundaries go when no view shows them itself: each is
 * logged with its stack trace and handed to the listener the main view installs (the status bar).
 */
public final class TaskFailures {

    private static final System.Logger LOG = Logging.logger(TaskFailures.class);
    private static volatile Consumer<String> listener;

    private TaskFailures() {
    }

    /** The status bar's setter; called on the thread that reports, so the listener hands over to the FX thread. */
    public static void listen(Consumer<String> onFailure) {
        listener = onFailure;
    }

    public static void report(String what, Throwable e) {
        LOG.log(System.Logger.Level.ERROR, what + " failed", e);
        Consumer<String> l = listener;
        if (l != null) {
            l.accept("⚠ " + what + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }
}
