package io.iptscope.ui.task;

import io.iptscope.log.Logging;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A {@link TaskRunner} over a background executor service and a UI executor. */
public final class ExecutorTaskRunner implements TaskRunner {

    private static final System.Logger LOG = Logging.logger(ExecutorTaskRunner.class);

    private final ExecutorService background;
    private final Executor ui;
    private final ObservableList<TaskHandle> running = FXCollections.observableArrayList();

    public ExecutorTaskRunner(ExecutorService background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        AtomicReference<Future<?>> future = new AtomicReference<>();
        AtomicReference<TaskHandle> handleRef = new AtomicReference<>();
        TaskHandle handle = new TaskHandle(title, () -> {
            Future<?> f = future.get();
            if (f != null) {
                f.cancel(true);
            }
            // A task cancelled before it started never runs its own removal.
            ui.execute(() -> {
                running.remove(handleRef.get());
                handleRef.get().finish();
            });
        });
        handleRef.set(handle);
        ui.execute(() -> running.add(handle));
        Work.Progress progress = new Work.Progress() {
            @Override
            public void update(String message, double fraction) {
                ui.execute(() -> handle.publish(message, fraction));
            }

            @Override
            public boolean cancelled() {
                return handle.cancelled() || Thread.currentThread().isInterrupted();
            }
        };
        future.set(background.submit(() -> {
            try {
                T result = work.run(progress);
                ui.execute(() -> {
                    running.remove(handle);
                    if (!handle.cancelled()) {
                        guarded(title, () -> onSuccess.accept(result));
                    }
                    handle.finish();
                });
            } catch (Throwable e) {
                ui.execute(() -> {
                    running.remove(handle);
                    if (!handle.cancelled() && !(e instanceof CancellationException)
                            && !(e instanceof InterruptedException)) {
                        LOG.log(System.Logger.Level.WARNING, () -> "task failed: " + title, e);
                        guarded(title, () -> onFailure.accept(e));
                    }
                    handle.finish();
                });
            }
        }));
        return handle;
    }

    /** A callback that throws must not vanish into the FX thread's default handler. */
    private static void guarded(String title, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            TaskFailures.report(title + " (handling its result)", e);
        }
    }

    @Override
    public ObservableList<TaskHandle> running() {
        return running;
    }

    @Override
    public Executor ui() {
        return ui;
    }
}
