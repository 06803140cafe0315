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
import io.iptscope.rules.RulesetDiff;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.diff.DiffLine;
import io.iptscope.ui.task.TaskRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
    private final Placeholder previewPlaceholder = new Placeholder("Prepare to see what would change",
            "Preparing: testing the rules with --test and computing the preview…",
            "No change: the rules are already in place");
    private final ReadOnlyStringWrapper testOutput = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper danger = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper pastDeadline = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper place = new ReadOnlyStringWrapper("the shown live target");
    private final StringBinding target = Bindings.createStringBinding(() -> place.get() + " · "
            + backend.get().id() + " · " + family.get().id(), place, backend, family);

    private String inputText;
    private Endpoint endpoint;
    private RestoreTransaction transaction;
    private RestoreTransaction.Prepared prepared;
    private RestoreTransaction.Applied applied;
    private Instant deadline;
    private boolean askingSwitch;
    private String targetHost;
    private String targetNetns;

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

    /** What the empty preview says: not prepared, preparing, the preparation failed, or nothing would change. */
    public Placeholder previewPlaceholder() {
        return previewPlaceholder;
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

    /**
     * The target a restore writes to, "host · netns · backend · family"; the window sets it from its one
     * target, and the dialog's title and Apply button say it.
     */
    public StringBinding targetProperty() {
        return target;
    }

    /**
     * @param described "host · netns" of the window's target, for the title and the Apply button
     * @param host      the host as snapshots record it (the runner's name)
     * @param netns     the netns spec as snapshots record it
     */
    public void target(String described, String host, String netns) {
        place.set(described);
        targetHost = host;
        targetNetns = netns;
    }

    /** Where a snapshot was taken, for the picker: "from local · netns blue". */
    public static String origin(Snapshot s) {
        return "from " + s.meta().host() + " · " + s.meta().netns();
    }

    /** Why restoring {@code s} here needs a worded confirmation (taken on another host or netns); null when not. */
    public String foreign(Snapshot s) {
        if (targetHost == null || targetNetns == null) {
            return null;
        }
        boolean sameHost = targetHost.equals(s.meta().host());
        boolean sameNetns = targetNetns.equals(s.meta().netns());
        if (sameHost && sameNetns) {
            return null;
        }
        return "Snapshot " + s.meta().id() + " was taken " + origin(s) + ", not from " + targetHost + " · "
                + targetNetns + " where this restore writes. Its rules (interfaces, addresses, chains of other "
                + "components) may not fit here.";
    }

    /** What in the prepared change can lock the operator out (a DROP policy on INPUT...); null when nothing. */
    public ReadOnlyStringProperty dangerProperty() {
        return danger.getReadOnlyProperty();
    }

    /** Armed and the deadline has passed: the switch is rolling back, confirming is no longer possible. */
    public ReadOnlyBooleanProperty pastDeadlineProperty() {
        return pastDeadline.getReadOnlyProperty();
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

    /** Takes a snapshot of this target; one from another target needs {@code acceptForeign} (a worded yes). */
    public void chooseSnapshot(Snapshot s, boolean acceptForeign) {
        String foreign = foreign(s);
        if (foreign != null && !acceptForeign) {
            message.set("⚠ not chosen: " + foreign);
            return;
        }
        tasks.submit("Read snapshot " + s.meta().id(), p -> snapshots.read(s), text -> {
            choose("snapshot " + s.meta().id() + " (" + origin(s) + (foreign == null ? "" : ", ANOTHER TARGET")
                    + ")", text);
            family.set(s.meta().family());
            backend.set(s.meta().backend());
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
        previewPlaceholder.reading();
        tasks.submit("Prepare restore", p -> txn.prepare(List.of(input)), ready -> {
            endpoint = ep;
            transaction = txn;
            prepared = ready;
            RestoreTransaction.Plan plan = ready.plans().get(0);
            preview.setAll(DiffLine.of(plan.preview()));
            previewPlaceholder.empty();
            testOutput.set((plan.testOutput().isBlank() ? "--test passed (no output)" : "--test passed:\n"
                    + plan.testOutput()) + "\nRun " + plan.testedIn() + ".");
            phase.set(RestorePhase.PREPARED);
            danger.set(dangerous(plan.preview()));
            message.set((ready.warnings().isEmpty() ? "" : "warnings (forced): " + String.join("; ",
                    ready.warnings()) + ". ") + (plan.preview().isEmpty() ? "The rules are already in place."
                    : "Review the preview, then apply."));
        }, this::failed);
    }

    /**
     * A policy that becomes DROP on a filter base chain (INPUT, FORWARD, OUTPUT) cuts every connection
     * no rule accepts, the operator's own SSH session included.
     */
    static String dangerous(RulesetDiff preview) {
        List<String> drops = new ArrayList<>();
        for (RulesetDiff.TableDiff t : preview.tables()) {
            if (!t.name().equals("filter")) {
                continue;
            }
            for (RulesetDiff.ChainDiff c : t.chains()) {
                boolean base = List.of("INPUT", "FORWARD", "OUTPUT").contains(c.name());
                if (base && "DROP".equals(c.policyAfter()) && !"DROP".equals(c.policyBefore())) {
                    drops.add(c.name() + " (" + (c.policyBefore() == null ? "new" : c.policyBefore()) + " → DROP)");
                }
            }
        }
        return drops.isEmpty() ? null : "⚠ DANGEROUS: the policy of " + String.join(", ", drops)
                + " becomes DROP: every packet no rule accepts is dropped, your SSH session included. The dead-man's "
                + "switch rolls it back unless you confirm.";
    }

    /** Backs up, arms the dead-man's switch, applies, verifies; the read-only lock is on again afterwards. */
    public void apply() {
        if (phase.get() != RestorePhase.PREPARED || readOnly.get()) {
            message.set("⚠ " + applyBlockedReason().get());
            return;
        }
        RestoreTransaction.Prepared ready = prepared;
        // One unlock is for one apply: the lock re-engages whatever the outcome.
        readOnly.set(true);
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
            askingSwitch = false;
            pastDeadline.set(false);
            phase.set(RestorePhase.ARMED);
            message.set("Applied and " + verified + ". Backups: " + done.backups().stream().map(s -> s.meta().id())
                    .toList() + ". Confirm from here, or from a new session: iptscope confirm " + done.id());
            tick(Instant.now());
        }, this::failed);
    }

    /** Keeps the new rules: disarms the switch (not after the deadline: the switch is rolling back by then). */
    public void confirm() {
        if (phase.get() != RestorePhase.ARMED || pastDeadline.get()) {
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
        if (phase.get() != RestorePhase.ARMED || pastDeadline.get()) {
            return;
        }
        RestoreTransaction.Applied done = applied;
        tasks.submit("Roll back restore", p -> transaction.rollback(done), steps -> {
            phase.set(RestorePhase.DONE);
            countdown.set("");
            message.set("Rolled back: " + String.join("; ", steps));
        }, this::failed);
    }

    /**
     * Advances the countdown; after the deadline Confirm is off and it asks the switch what it did, one
     * question at a time, until the switch has acted.
     */
    public void tick(Instant now) {
        if (phase.get() != RestorePhase.ARMED || deadline == null) {
            return;
        }
        long left = Duration.between(now, deadline).toSeconds();
        if (left > 0) {
            countdown.set("Rolls back in " + left + " s unless confirmed");
            return;
        }
        pastDeadline.set(true);
        countdown.set("Time is up: waiting for the dead-man's switch to roll back…");
        if (!askingSwitch) {
            askingSwitch = true;
            TransactionRecord armed = applied.armed();
            DeadMansSwitch dms = new DeadMansSwitch(endpoint.runner(), endpoint.timeout());
            tasks.submit("Read the switch", p -> dms.state(armed.stateDir()), state -> {
                askingSwitch = false;
                if (state != SwitchState.ARMED && phase.get() == RestorePhase.ARMED) {
                    phase.set(RestorePhase.DONE);
                    countdown.set("");
                    message.set("The dead-man's switch is " + state.id() + ": the old rules are back.");
                }
            }, e -> {
                askingSwitch = false;
                failed(e);
            });
        }
    }

    private void reset(String text) {
        prepared = null;
        applied = null;
        deadline = null;
        preview.clear();
        previewPlaceholder.notRead();
        testOutput.set("");
        countdown.set("");
        danger.set(null);
        pastDeadline.set(false);
        phase.set(RestorePhase.CHOOSE);
        message.set(text);
    }

    private void failed(Throwable e) {
        StringBuilder b = new StringBuilder("⚠ ").append(e.getMessage());
        if (e instanceof RestoreException re) {
            re.details().forEach(d -> b.append("\n  ").append(d));
        }
        message.set(b.toString());
        if (previewPlaceholder.stateProperty().get() == Placeholder.State.READING) {
            previewPlaceholder.failed("The preparation failed: " + e.getMessage());
        }
    }
}
