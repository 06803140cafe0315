package io.iptscope.ui.restore;

import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.Saver;
import io.iptscope.restore.Snapshot;
import io.iptscope.restore.SnapshotMeta;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.ui.task.TaskRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Saves one backend and family of the live target as a snapshot (with counters), and optionally to a file. */
public final class SaveViewModel {

    private final TaskRunner tasks;
    private final SnapshotStore snapshots;
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(Backend.NFT);
    private final ObjectProperty<Family> family = new SimpleObjectProperty<>(Family.IPV4);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final StringProperty place = new SimpleStringProperty("the shown live target");
    private final StringBinding target = Bindings.createStringBinding(() -> place.get() + " · "
            + backend.get().id() + " · " + family.get().id(), place, backend, family);

    public SaveViewModel(TaskRunner tasks, SnapshotStore snapshots) {
        this.tasks = tasks;
        this.snapshots = snapshots;
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public ObjectProperty<Family> familyProperty() {
        return family;
    }

    /** "host · netns" of the window's target; set by the window. */
    public StringProperty placeProperty() {
        return place;
    }

    /** "host · netns · backend · family": what a save reads, for the dialog's title and buttons. */
    public StringBinding target() {
        return target;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** @param file also write the save there, when given */
    public void save(Endpoint ep, Optional<Path> file) {
        Backend b = backend.get();
        Family f = family.get();
        tasks.submit("Save " + b.id() + " " + f.id(), p -> {
            Saver.Saved saved = Saver.save(ep, b, f, List.of(), true);
            Snapshot snap = snapshots.add(saved.snapshotMeta(SnapshotMeta.Kind.SAVE, ep, null, "saved from the GUI"),
                    saved.text());
            if (file.isPresent()) {
                Files.writeString(file.get(), saved.text(), StandardCharsets.UTF_8);
            }
            return "saved " + b.id() + " " + f.id() + " (" + saved.ruleset().ruleCount() + " rules) as snapshot "
                    + snap.meta().id() + file.map(x -> " and to " + x).orElse("");
        }, message::set, e -> message.set("⚠ save failed: " + e.getMessage()));
    }
}
