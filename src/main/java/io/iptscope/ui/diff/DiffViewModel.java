package io.iptscope.ui.diff;

import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.RestoreException;
import io.iptscope.restore.Saver;
import io.iptscope.restore.Snapshot;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.DumpInput;
import io.iptscope.rules.Family;
import io.iptscope.rules.RulesetDiff;
import io.iptscope.rules.RulesetDiffer;
import io.iptscope.rules.SaveParser;
import io.iptscope.ui.task.TaskRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Compares two rulesets with the rules model's semantic diff, off the UI thread. */
public final class DiffViewModel {

    private final TaskRunner tasks;
    private final SnapshotStore snapshots;
    private final ObjectProperty<DiffMode> mode = new SimpleObjectProperty<>(DiffMode.LEGACY_VS_NFT);
    private final ObjectProperty<Family> family = new SimpleObjectProperty<>(Family.IPV4);
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(Backend.NFT);
    private final ObjectProperty<Snapshot> snapshot = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> fileA = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> fileB = new SimpleObjectProperty<>();
    private final ObservableList<Snapshot> snapshotList = FXCollections.observableArrayList();
    private final ObservableList<DiffLine> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Choose what to compare and press "
            + "Compare (Ctrl+D).");

    public DiffViewModel(TaskRunner tasks, SnapshotStore snapshots) {
        this.tasks = tasks;
        this.snapshots = snapshots;
    }

    public ObjectProperty<DiffMode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Family> familyProperty() {
        return family;
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public ObjectProperty<Snapshot> snapshotProperty() {
        return snapshot;
    }

    public ObjectProperty<Path> fileAProperty() {
        return fileA;
    }

    public ObjectProperty<Path> fileBProperty() {
        return fileB;
    }

    public ObservableList<Snapshot> snapshots() {
        return snapshotList;
    }

    public ObservableList<DiffLine> lines() {
        return lines;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public void refreshSnapshots() {
        tasks.submit("List snapshots", p -> snapshots.list(), snapshotList::setAll,
                e -> summary.set("⚠ cannot list snapshots in " + snapshots.root() + ": " + e.getMessage()));
    }

    /**
     * Compares as the mode says.
     *
     * @param live the live target's endpoint, empty when the window shows a saved report
     */
    public void compare(Optional<Endpoint> live) {
        DiffMode m = mode.get();
        if (m.live() && live.isEmpty()) {
            summary.set("⚠ " + m + " needs a live detection: press F5 first (or compare two files)");
            return;
        }
        Family f = family.get();
        Backend b = backend.get();
        Snapshot snap = snapshot.get();
        Path a = fileA.get();
        Path z = fileB.get();
        if (m == DiffMode.SNAPSHOT_VS_LIVE && snap == null) {
            summary.set("⚠ choose a snapshot first");
            return;
        }
        if (m == DiffMode.FILE_VS_FILE && (a == null || z == null)) {
            summary.set("⚠ choose both files first");
            return;
        }
        tasks.submit("Compare " + m, p -> {
            DiffSide first;
            DiffSide second;
            switch (m) {
                case LEGACY_VS_NFT -> {
                    first = live(live.get(), Backend.LEGACY, f);
                    second = live(live.get(), Backend.NFT, f);
                }
                case IPV4_VS_IPV6 -> {
                    first = live(live.get(), b, Family.IPV4);
                    second = live(live.get(), b, Family.IPV6);
                }
                case SNAPSHOT_VS_LIVE -> {
                    first = new DiffSide("snapshot " + snap.meta().id(), snapshots.read(snap));
                    second = live(live.get(), Backend.parse(snap.meta().backend()), Family.parse(snap.meta().family()));
                }
                default -> {
                    first = new DiffSide(a.getFileName().toString(), DumpInput.read(a));
                    second = new DiffSide(z.getFileName().toString(), DumpInput.read(z));
                }
            }
            return diff(first, second);
        }, this::show, e -> summary.set("⚠ compare failed: " + e.getMessage()));
    }

    static RulesetDiff diff(DiffSide first, DiffSide second) {
        return RulesetDiffer.diff(SaveParser.parse(first.text(), first.name()).ruleset(),
                SaveParser.parse(second.text(), second.name()).ruleset(), first.name(), second.name(), false);
    }

    private static DiffSide live(Endpoint ep, Backend b, Family f) throws RestoreException, IOException {
        if (ep.binaries().saveBinaryFor(b, f).isEmpty()) {
            throw new IOException("no " + b.id() + " save binary for " + f.id() + " in the binary source");
        }
        Saver.Saved saved = Saver.save(ep, b, f, List.of(), false);
        return new DiffSide(b.id() + " " + f.id() + " (live)", saved.text());
    }

    private void show(RulesetDiff diff) {
        lines.setAll(DiffLine.of(diff));
        RulesetDiff.Summary s = diff.summary();
        summary.set(diff.isEmpty() ? diff.before() + " and " + diff.after() + " hold the same rules"
                : diff.before() + " → " + diff.after() + ": " + s.rulesAdded() + " rules only in the second, "
                + s.rulesRemoved() + " only in the first, " + s.rulesChanged() + " changed, " + s.rulesMoved()
                + " moved; " + s.chainsAdded() + " chains added, " + s.chainsRemoved() + " removed, "
                + s.policiesChanged() + " policies changed");
    }
}
