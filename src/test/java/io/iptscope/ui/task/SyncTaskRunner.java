package io.iptscope.ui.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs every task at once on the calling thread (JabRef's CurrentThreadTaskExecutor): view-model tests. One made
 * {@link #holding()} runs none: the test sees what is shown while work is pending, then runs or fails it.
 */
public final class SyncTaskRunner implements TaskRunner {

    private record Held(TaskHandle handle, Runnable run, Consumer<Throwable> onFailure) {
    }

    private final ObservableList<TaskHandle> running = FXCollections.observableArrayList();
    private final ObservableList<String> titles = FXCollections.observableArrayList();
    private final boolean holds;
    private final List<Held> held = new ArrayList<>();

    public SyncTaskRunner() {
        this(false);
    }

    private SyncTaskRunner(boolean holds) {
        this.holds = holds;
    }

    /** A runner that holds every task without running it, until {@link #failLast}, {@link #fail} or {@link #run}. */
    public static SyncTaskRunner holding() {
        return new SyncTaskRunner(true);
    }

    /** Ends the task held last with {@code e}, as a runner reports a failed one. */
    public void failLast(Throwable e) {
        end(held.get(held.size() - 1), e);
    }

    /** Ends the held task whose title starts with {@code title} with {@code e}. */
    public void fail(String title, Throwable e) {
        end(heldTitled(title), e);
    }

    /** Runs the held task whose title starts with {@code title}, as a runner that does not hold would have. */
    public void run(String title) {
        Held h = heldTitled(title);
        held.remove(h);
        running.remove(h.handle());
        h.run().run();
    }

    private Held heldTitled(String title) {
        return held.stream().filter(h -> h.handle().title().startsWith(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no held task titled " + title + "…: " + titles));
    }

    private void end(Held h, Throwable e) {
        held.remove(h);
        running.remove(h.handle());
        h.onFailure().accept(e);
        h.handle().finish();
    }

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        TaskHandle handle = new TaskHandle(title, () -> { });
        titles.add(title);
        if (holds) {
            held.add(new Held(handle, () -> runNow(handle, work, onSuccess, onFailure), onFailure));
            running.add(handle);
            return handle;
        }
        runNow(handle, work, onSuccess, onFailure);
        return handle;
    }

    private static <T> void runNow(TaskHandle handle, Work<T> work, Consumer<T> onSuccess,
                                   Consumer<Throwable> onFailure) {
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
            return;
        }
        onSuccess.accept(result);
        handle.finish();
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
