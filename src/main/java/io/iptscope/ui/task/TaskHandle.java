package io.iptscope.ui.task;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One submitted task as the status bar sees it: title, progress and a way to cancel. Its properties
 * change only on the UI executor.
 */
public final class TaskHandle {

    private final String title;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final javafx.beans.property.ReadOnlyBooleanWrapper finished = new javafx.beans.property.ReadOnlyBooleanWrapper();
    private final Runnable canceller;
    private volatile boolean cancelled;

    TaskHandle(String title, Runnable canceller) {
        this.title = title;
        this.canceller = canceller;
    }

    public String title() {
        return title;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** 0..1, or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True once the task has ended: succeeded, failed or cancelled. */
    public javafx.beans.property.ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Interrupts the work; a running command is killed with its process tree by the runner. */
    public void cancel() {
        cancelled = true;
        canceller.run();
    }

    void finish() {
        finished.set(true);
    }

    void publish(String text, double fraction) {
        message.set(text);
        progress.set(fraction >= 0 && fraction <= 1 ? fraction : -1);
    }
}
