package io.iptscope.ui.restore;

import io.iptscope.iptables.Endpoint;
import io.iptscope.log.Logging;
import io.iptscope.restore.DeadMansSwitch;
import io.iptscope.restore.RestoreException;
import io.iptscope.restore.RestoreTransaction;
import io.iptscope.restore.Snapshot;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.restore.SwitchState;
import io.iptscope.restore.TransactionRecord;
import io.iptscope.restore.TransactionStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.DumpInput;
import io.iptscope.rules.Family;
import io.iptscope.ui.diff.DiffLine;
import io.iptscope.ui.task.TaskRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The restore dialog on the restore transaction: choose rules, prepare ({@code --test} and a preview
 * diff, nothing changes), apply with a dead-man's switch, then confirm or roll back before the time is up.
 */
public final class RestoreViewModel {

    private static final System.Logger LOG = Logging.logger(RestoreViewModel.class);

    private final TaskRunner tasks;
    private final ObservableList<Snapshot> snapshotList = FXCollections.observableArrayList();
    private final SnapshotStore snapshots;
    private final TransactionStore transactions;
    private final BooleanProperty readOnly;

    private final ObjectProperty<Family> family = new SimpleObjectProperty<>(Family.IPV4);
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(Backend.NFT);
    private final IntegerProperty confirmSeconds = new SimpleIntegerProperty(60);
    private final BooleanProperty force = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper inputName = new ReadOnlyStringWrapper("nothing chosen");
    private final ReadOnlyObjectWrapper<RestorePhase> phase = new ReadOnlyObjectWrapper<>(RestorePhase.CHOOSE);
    private final ObservableList<DiffLine> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper testOutput = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");

    private String inputText;
    private Endpoint endpoint;
    private RestoreTransaction transaction;
    private RestoreTransaction.Prepared prepared;
    private RestoreTransaction.Applied applied;
    private Instant deadline;
    private boolean askedAfterDeadline;

    /** @param readOnly the window's lock; applying needs it off */
    public RestoreViewModel(TaskRunner tasks, SnapshotStore snapshots, TransactionStore transactions,
                            BooleanProperty readOnly) {
        this.tasks = tasks;
        this.snapshots = snapshots;
        this.transactions = transactions;
        this.readOnly = readOnly;
    }

    /** The window's read-only lock, shared so the dialog can unlock it. */
    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public ObjectProperty<Family> familyProperty() {
        return family;
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public IntegerProperty confirmSecondsProperty() {
        return confirmSeconds;
    }

    public BooleanProperty forceProperty() {
        return force;
    }

    public ReadOnlyStringProperty inputNameProperty() {
        return inputName.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RestorePhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ObservableList<DiffLine> preview() {
        return preview;
    }

    public ReadOnlyStringProperty testOutputProperty() {
        return testOutput.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "rolls back in 42 s unless confirmed" while armed. */
    public ReadOnlyStringProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }

    /** Why Apply is disabled, or null when it is not: disabled buttons always say why. */
    public StringBinding applyBlockedReason() {
        return Bindings.createStringBinding(() -> switch (phase.get()) {
            case CHOOSE -> "prepare first: --test and the preview run before anything changes";
            case PREPARED -> readOnly.get()
                    ? "read-only is on: unlock it to apply (the lock here, or Ctrl+Shift+L)" : null;
            case ARMED -> "applied: confirm or roll back below";
            case DONE -> "finished: choose rules again to start another restore";
        }, phase, readOnly);
    }

    /** The snapshots to choose from, as of the last {@link #refreshSnapshots()}. */
    public ObservableList<Snapshot> snapshots() {
        return snapshotList;
    }

    /** Lists the snapshot store off the FX thread; a failure is said in the message, never shown as "none". */
    public void refreshSnapshots() {
        tasks.submit("List snapshots", p -> snapshots.list(), snapshotList::setAll, e -> {
            LOG.log(System.Logger.Level.WARNING, "cannot list snapshots", e);
            message.set("⚠ cannot list the snapshots: " + e.getMessage());
        });
    }

    public void chooseFile(Path file) {
        tasks.submit("Read " + file.getFileName(), p -> DumpInput.read(file),
                text -> choose(file.getFileName().toString(), text), e -> message.set("⚠ " + e.getMessage()));
    }

    public void chooseSnapshot(Snapshot s) {
        tasks.submit("Read snapshot " + s.meta().id(), p -> snapshots.read(s), text -> {
            choose("snapshot " + s.meta().id(), text);
            family.set(Family.parse(s.meta().family()));
            backend.set(Backend.parse(s.meta().backend()));
        }, e -> message.set("⚠ " + e.getMessage()));
    }

    /** Takes restore-format text; the family comes from its header when it says. */
    public void choose(String name, String text) {
        inputText = text;
        inputName.set(name);
        RestoreTransaction.Input.familyOf(text).ifPresent(family::set);
        reset("chosen: " + name + "; prepare to test it and see what would change");
    }

    /** Validates, runs the restore binary with --test and computes the preview. Changes nothing. */
    public void prepare(Endpoint ep) {
        if (inputText == null) {
            message.set("⚠ choose a file or a snapshot first");
            return;
        }
        RestoreTransaction.Options options = new RestoreTransaction.Options(backend.get(), false, List.of(), false,
                force.get(), Duration.ofSeconds(Math.max(10, confirmSeconds.get())), 10,
                RestoreTransaction.Options.defaultStateRoot(), false);
        RestoreTransaction txn = new RestoreTransaction(ep, snapshots, options);
        RestoreTransaction.Input input = new RestoreTransaction.Input(family.get(), inputName.get(), inputText);
        tasks.submit("Prepare restore", p -> txn.prepare(List.of(input)), ready -> {
            endpoint = ep;
            transaction = txn;
            prepared = ready;
            RestoreTransaction.Plan plan = ready.plans().get(0);
            preview.setAll(DiffLine.of(plan.preview()));
            testOutput.set((plan.testOutput().isBlank() ? "--test passed (no output)" : "--test passed:\n"
                    + plan.testOutput()) + "\nRun " + plan.testedIn() + ".");
            phase.set(RestorePhase.PREPARED);
            message.set((ready.warnings().isEmpty() ? "" : "warnings (forced): " + String.join("; ",
                    ready.warnings()) + ". ") + (plan.preview().isEmpty() ? "The rules are already in place."
                    : "Review the preview, then apply."));
        }, this::failed);
    }

    /** Backs up, arms the dead-man's switch, applies, verifies. */
    public void apply() {
        if (phase.get() != RestorePhase.PREPARED || readOnly.get()) {
            message.set("⚠ " + applyBlockedReason().get());
            return;
        }
        RestoreTransaction.Prepared ready = prepared;
        tasks.submit("Apply restore", p -> transaction.apply(ready), done -> {
            applied = done;
            TransactionRecord armed = done.armed();
            String verified = done.verification().isEmpty() ? "verified" : "NOT as intended: "
                    + String.join("; ", done.verification());
            try {
                transactions.put(armed);
            } catch (IOException e) {
                message.set("⚠ applied but the record for 'iptscope confirm' could not be written: " + e.getMessage());
            }
            deadline = Instant.parse(armed.deadline());
            askedAfterDeadline = false;
            phase.set(RestorePhase.ARMED);
            message.set("Applied and " + verified + ". Backups: " + done.backups().stream().map(s -> s.meta().id())
                    .toList() + ". Confirm from here, or from a new session: iptscope confirm " + done.id());
            tick(Instant.now());
        }, this::failed);
    }

    /** Keeps the new rules: disarms the switch. */
    public void confirm() {
        if (phase.get() != RestorePhase.ARMED) {
            return;
        }
        TransactionRecord armed = applied.armed();
        DeadMansSwitch dms = new DeadMansSwitch(endpoint.runner(), endpoint.timeout());
        tasks.submit("Confirm restore", p -> dms.confirm(armed.id(), armed.stateDir(), armed.mechanism())
                ? SwitchState.CONFIRMED : dms.state(armed.stateDir()), state -> {
                    phase.set(RestorePhase.DONE);
                    countdown.set("");
                    message.set(state == SwitchState.CONFIRMED ? "Confirmed: the new rules stay; the backups remain "
                            + "in the snapshot store." : "Too late to confirm: the switch is " + state.id()
                            + " and the old rules are back.");
                }, this::failed);
    }

    /** Restores the backups now instead of waiting for the switch. */
    public void rollbackNow() {
        if (phase.get() != RestorePhase.ARMED) {
            return;
        }
        RestoreTransaction.Applied done = applied;
        tasks.submit("Roll back restore", p -> transaction.rollback(done), steps -> {
            phase.set(RestorePhase.DONE);
            countdown.set("");
            message.set("Rolled back: " + String.join("; ", steps));
        }, this::failed);
    }

    /** Advances the countdown; after the deadline it asks the switch once what it did. */
    public void tick(Instant now) {
        if (phase.get() != RestorePhase.ARMED || deadline == null) {
            return;
        }
        long left = Duration.between(now, deadline).toSeconds();
        if (left > 0) {
            countdown.set("Rolls back in " + left + " s unless confirmed");
            return;
        }
        countdown.set("Time is up: the dead-man's switch rolls back");
        if (!askedAfterDeadline) {
            askedAfterDeadline = true;
            TransactionRecord armed = applied.armed();
            DeadMansSwitch dms = new DeadMansSwitch(endpoint.runner(), endpoint.timeout());
            tasks.submit("Read the switch", p -> dms.state(armed.stateDir()), state -> {
                if (state != SwitchState.ARMED) {
                    phase.set(RestorePhase.DONE);
                    message.set("The dead-man's switch is " + state.id() + ": the old rules are back.");
                }
            }, this::failed);
        }
    }

    private void reset(String text) {
        prepared = null;
        applied = null;
        deadline = null;
        preview.clear();
        testOutput.set("");
        countdown.set("");
        phase.set(RestorePhase.CHOOSE);
        message.set(text);
    }

    private void failed(Throwable e) {
        StringBuilder b = new StringBuilder("⚠ ").append(e.getMessage());
        if (e instanceof RestoreException re) {
            re.details().forEach(d -> b.append("\n  ").append(d));
        }
        message.set(b.toString());
    }
}
