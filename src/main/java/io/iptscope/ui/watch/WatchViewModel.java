package io.iptscope.ui.watch;

import io.iptscope.detect.Evidence;
import io.iptscope.detect.FamilyEvidence;
import io.iptscope.detect.FlushDetector;
import io.iptscope.iptables.Endpoint;
import io.iptscope.iptables.Watch;
import io.iptscope.iptables.WatchEvent;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.task.TaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The live watch of a target: a toggle, the event timeline (newest first, bounded) and a flush
 * alarm that stays until acknowledged. Events come from the watch's threads and are handed to the
 * UI executor, so the timeline only ever changes there.
 */
public final class WatchViewModel {

    static final int MAX_EVENTS = 5000;
    /** Changes of one backend and family closer than this are one burst (one read reports them together). */
    static final Duration BURST_GAP = Duration.ofSeconds(1);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final TaskRunner tasks;
    private final ObservableList<WatchEvent> events = FXCollections.observableArrayList();
    private final ObservableList<WatchRow> rows = FXCollections.observableArrayList();
    private final FilteredList<WatchRow> shownRows = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final List<Evidence> baseline = new ArrayList<>();
    private FlushDetector flushes = new FlushDetector(BURST_GAP);
    private final ReadOnlyBooleanWrapper watching = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not watching. Start watching (Ctrl+W) "
            + "to see who changes which backend, as it happens.");
    private final ReadOnlyStringWrapper alarm = new ReadOnlyStringWrapper("");
    private final Placeholder eventsPlaceholder = new Placeholder("Not watching: start the watch (Ctrl+W); changes to "
            + "either backend then appear here, newest first.", "Starting the watch…",
            "No event yet: changes to either backend appear here, newest first.");
    private final BooleanProperty counters = new SimpleBooleanProperty(false);
    private final ObjectProperty<Duration> interval = new SimpleObjectProperty<>(Duration.ofSeconds(2));
    private static final System.Logger LOG = io.iptscope.log.Logging.logger(WatchViewModel.class);

    private Watch watch;
    private Thread stopAtExit;

    public WatchViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        filter.addListener((o, was, now) -> {
            shownRows.setPredicate(r -> r.matches(now));
            describeFiltered();
        });
        rows.addListener((ListChangeListener<WatchRow>) c -> describeFiltered());
    }

    /** What the empty event table says: not watching, starting, the start failed, no event yet, or all filtered. */
    public Placeholder eventsPlaceholder() {
        return eventsPlaceholder;
    }

    /** Events hidden by the filter are not "no event": the placeholder says the filter hides them. */
    private void describeFiltered() {
        String f = filter.get() == null ? "" : filter.get().strip();
        if (!f.isEmpty() && !rows.isEmpty()) {
            eventsPlaceholder.empty("No event matches ‘" + f + "’: the filter hides " + rows.size()
                    + (rows.size() == 1 ? " row" : " rows") + " (Esc clears it)");
        } else if (eventsPlaceholder.stateProperty().get() == Placeholder.State.EMPTY) {
            eventsPlaceholder.empty();
        }
    }

    /** The timeline grouped into bursts, newest first, as the filter lets through. */
    public ObservableList<WatchRow> rows() {
        return shownRows;
    }

    /** Text a row or one of its events must contain to be shown (table, chain, rule, writer, type). */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The detection's rule counts per table, so a watch can tell a flush of one table from a small change. */
    public void baseline(Evidence evidence) {
        baseline.clear();
        if (evidence != null) {
            baseline.add(evidence);
        }
    }

    static String timeOfDay(Instant time) {
        return time == null ? "" : TIME_OF_DAY.format(time.atZone(ZoneId.systemDefault()));
    }

    private FlushDetector seeded() {
        FlushDetector d = new FlushDetector(BURST_GAP);
        for (Evidence ev : baseline) {
            for (FamilyEvidence fe : ev.families()) {
                d.seed(fe.legacy());
                d.seed(fe.nft());
            }
        }
        return d;
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
        flushes = seeded();
        watching.set(true);
        status.set("Starting the watch of " + ep.netns().spec() + " on " + ep.host() + "…");
        eventsPlaceholder.reading();
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
        }, started -> {
            status.set("Watching " + ep.netns().spec() + " on " + ep.host() + ": nft by events, legacy every "
                    + interval.get().toMillis() / 1000.0 + " s. Read-only.");
            eventsPlaceholder.empty();
            describeFiltered();
        }, failure -> {
            status.set("The watch could not start: " + failure.getMessage());
            eventsPlaceholder.failed("The watch could not start: " + failure.getMessage());
            stop();
        });
    }

    public void stop() {
        Watch w = watch;
        watch = null;
        watching.set(false);
        if (eventsPlaceholder.stateProperty().get() != Placeholder.State.FAILED) {
            eventsPlaceholder.notRead();
            describeFiltered();
        }
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
        rows.clear();
        if (!watching.get() && eventsPlaceholder.stateProperty().get() != Placeholder.State.FAILED) {
            eventsPlaceholder.notRead();
        }
    }

    /** Takes one event from the watch (on the UI thread): alarm, raw timeline and the grouped rows. */
    void add(WatchEvent e) {
        if (e.type() == WatchEvent.Type.ERROR || e.type() == WatchEvent.Type.WATCH_LOST) {
            // The watch reported that a poll or the monitor failed: the window must not keep saying "Watching".
            LOG.log(System.Logger.Level.WARNING, () -> "watch " + e.type().id() + ": " + e.detail());
            status.set("⚠ Watch " + (e.type() == WatchEvent.Type.ERROR ? "error" : "lost") + ": " + e.detail());
        } else if (e.type() == WatchEvent.Type.WATCH_RESUMED) {
            status.set("Watching again: " + e.detail());
        }
        // The alarm first: whoever reacts to the new timeline entry already finds it raised.
        Optional<FlushDetector.Alarm> flush = flushes.accept(e);
        flush.ifPresent(a -> alarm.set(a.text() + " at " + timeOfDay(e.time())));
        events.add(0, e);
        if (events.size() > MAX_EVENTS) {
            events.remove(MAX_EVENTS, events.size());
        }
        WatchRow latest = rows.isEmpty() ? null : rows.get(0);
        // A burst row holds at most MAX_EVENTS changes; a longer reload goes on in a new row.
        if (latest != null && sameBurst(latest, e) && latest.members().size() < MAX_EVENTS) {
            List<WatchEvent> members = new ArrayList<>(latest.members());
            members.add(e);
            rows.set(0, new WatchRow(members, latest.flush() || flush.isPresent()));
        } else {
            rows.add(0, new WatchRow(List.of(e), flush.isPresent()));
            if (rows.size() > MAX_EVENTS) {
                rows.remove(MAX_EVENTS, rows.size());
            }
        }
    }

    private static boolean sameBurst(WatchRow row, WatchEvent e) {
        WatchEvent last = row.members().get(row.members().size() - 1);
        return e.type().change() && last.type().change() && last.backend() == e.backend()
                && last.family() == e.family() && !e.time().isAfter(last.time().plus(BURST_GAP));
    }
}
