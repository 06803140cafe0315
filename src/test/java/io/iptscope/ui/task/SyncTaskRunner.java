package io.iptscope.ui.task;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Runs every task at once on the calling thread (JabRef's CurrentThreadTaskExecutor): view-model tests. */
public final class SyncTaskRunner implements TaskRunner {

    private final ObservableList<TaskHandle> running = FXCollections.observableArrayList();
    private final ObservableList<String> titles = FXCollections.observableArrayList();

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        TaskHandle handle = new TaskHandle(title, () -> { });
        titles.add(title);
        T result;
        try {
            result = work.run(new Work.Progress() {
                @Override
                public void update(String message, double fraction) {
                    handle.publish(message, fraction);
                }

                @Override
                public boolean cancelled() {
                    return handle.cancelled();
                }
            });
        } catch (Exception e) {
            onFailure.accept(e);
            handle.finish();
            return handle;
        }
        onSuccess.accept(result);
        handle.finish();
        return handle;
    }

    /** Every task title submitted so far, in order. */
    public ObservableList<String> titles() {
        return titles;
    }

    @Override
    public ObservableList<TaskHandle> running() {
        return running;
    }

    @Override
    public Executor ui() {
        return Runnable::run;
    }
}
