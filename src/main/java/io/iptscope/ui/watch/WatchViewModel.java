package io.iptscope.ui.watch;

import io.iptscope.iptables.Endpoint;
import io.iptscope.iptables.Watch;
import io.iptscope.iptables.WatchEvent;
import io.iptscope.ui.task.TaskRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live watch of a target: a toggle, the event timeline (newest first, bounded) and a flush
 * alarm that stays until acknowledged. Events come from the watch's threads and are handed to the
 * UI executor, so the timeline only ever changes there.
 */
public final class WatchViewModel {

    static final int MAX_EVENTS = 5000;

    private final TaskRunner tasks;
    private final ObservableList<WatchEvent> events = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper watching = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not watching. Start watching (Ctrl+W) "
            + "to see who changes which backend, as it happens.");
    private final ReadOnlyStringWrapper alarm = new ReadOnlyStringWrapper("");
    private final BooleanProperty counters = new SimpleBooleanProperty(false);
    private final ObjectProperty<Duration> interval = new SimpleObjectProperty<>(Duration.ofSeconds(2));
    private static final System.Logger LOG = io.iptscope.log.Logging.logger(WatchViewModel.class);

    private Watch watch;
    private Thread stopAtExit;

    public WatchViewModel(TaskRunner tasks) {
        this.tasks = tasks;
    }

    public ObservableList<WatchEvent> events() {
        return events;
    }

    public ReadOnlyBooleanProperty watchingProperty() {
        return watching.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last flush seen, until {@link #acknowledge()}; empty when none. */
    public ReadOnlyStringProperty alarmProperty() {
        return alarm.getReadOnlyProperty();
    }

    public BooleanProperty countersProperty() {
        return counters;
    }

    public ObjectProperty<Duration> intervalProperty() {
        return interval;
    }

    /** Starts or stops; starting needs a live target (empty when a saved report is shown). */
    public void toggle(Optional<Endpoint> target) {
        if (watch != null) {
            stop();
            return;
        }
        if (target.isEmpty()) {
            status.set("Nothing to watch: a saved report is shown, or the target could not be reached.");
            return;
        }
        Endpoint ep = target.get();
        watching.set(true);
        status.set("Starting the watch of " + ep.netns().spec() + " on " + ep.host() + "…");
        Watch w = new Watch(ep.runner(), ep.netns(), ep.binaries(), ep.timeout(),
                new Watch.Options(interval.get(), counters.get(), List.of()),
                e -> tasks.ui().execute(() -> add(e)));
        watch = w;
        // The monitor is a child process: it must not outlive the window.
        stopAtExit = new Thread(w::close, "iptscope-watch-exit");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        tasks.submit("Watch " + ep.netns().spec(), p -> {
            w.start();
            return w;
        }, started -> status.set("Watching " + ep.netns().spec() + " on " + ep.host() + ": nft by events, legacy every "
                + interval.get().toMillis() / 1000.0 + " s. Read-only."), failure -> {
            status.set("The watch could not start: " + failure.getMessage());
            stop();
        });
    }

    public void stop() {
        Watch w = watch;
        watch = null;
        watching.set(false);
        if (stopAtExit != null) {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
            stopAtExit = null;
        }
        if (w != null) {
            tasks.submit("Stop the watch", p -> {
                w.close();
                return w;
            }, x -> status.set("Stopped. The monitor process has ended."), f -> status.set("Stopping failed: "
                    + f.getMessage()));
        }
    }

    public void acknowledge() {
        alarm.set("");
    }

    public void clear() {
        events.clear();
    }

    private void add(WatchEvent e) {
        // The watch reports failed reads itself: the window must not keep saying "Watching".
        if (e.type().equals("watch-lost") || e.type().equals("error")) {
            LOG.log(System.Logger.Level.WARNING, () -> "watch " + e.type() + ": " + e.detail());
            status.set("⚠ Watch " + (e.type().equals("error") ? "error" : "lost") + ": " + e.detail());
        } else if (e.type().equals("watch-resumed")) {
            status.set("Watching again: " + e.detail());
        }
        // The alarm first: whoever reacts to the new timeline entry already finds it raised.
        if (e.type().equals("flush")) {
            alarm.set("FLUSH " + (e.backend() == null ? "" : e.backend() + " " + e.family() + ": ") + e.detail()
                    + (e.writer() == null ? "" : " (by " + e.writer() + ")") + " at "
                    + e.time().replaceAll("^.*T|\\.\\d+Z$", ""));
        }
        events.add(0, e);
        if (events.size() > MAX_EVENTS) {
            events.remove(MAX_EVENTS, events.size());
        }
    }
}
