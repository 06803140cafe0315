package io.iptscope.ui.task;

import java.util.function.Consumer;
import javafx.collections.ObservableList;

/**
 * Runs work off the UI thread and hands results back on it (JabRef's TaskExecutor idea). View models
 * take one by injection, so tests use a synchronous runner and never need a display.
 */
public interface TaskRunner {

    /**
     * @param onSuccess called on the UI executor with the result
     * @param onFailure called on the UI executor with the failure; not called when the task was cancelled
     */
    <T> TaskHandle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** The tasks running now, in start order; changes only on the UI executor. */
    ObservableList<TaskHandle> running();

    /** Where callbacks and property changes run (the FX thread in the app, the caller in tests). */
    java.util.concurrent.Executor ui();

    /**
     * Reports a failure that has no better place to be shown (a view's own background work): logged with its
     * stack trace and published to {@link TaskFailures}, which the status bar shows.
     */
    default void failed(String what, Throwable e) {
        TaskFailures.report(what, e);
    }
}
