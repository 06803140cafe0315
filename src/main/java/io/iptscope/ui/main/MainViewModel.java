package io.iptscope.ui.main;

import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.detect.InspectionException;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.NetnsDiscovery;
import io.iptscope.discover.NetnsEntry;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.ConnectionState;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.PasswordPrompt;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.exec.ReadProgress;
import io.iptscope.iptables.Endpoint;
import io.iptscope.remote.HostEntry;
import io.iptscope.remote.Hosts;
import io.iptscope.remote.RemoteHost;
import io.iptscope.report.DetectionReport;
import io.iptscope.report.Reports;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.common.WindowTarget;
import io.iptscope.ui.common.Theme;
import io.iptscope.ui.task.TaskHandle;
import io.iptscope.ui.task.TaskRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The window's toolbar state and the report on screen: target, binary source, privilege, lock, theme. */
public final class MainViewModel {

    public static final String SAMPLE_RESOURCE = "/io/iptscope/ui/sample/sample-report.json";
    /** The first entry of the host list: the machine the window runs on. */
    public static final String LOCAL_HOST = "Local";

    private final Session session;
    private final TaskRunner tasks;
    private final PasswordPrompt passwordPrompt;

    private final ObservableList<TargetChoice> targets = FXCollections.observableArrayList(TargetChoice.HOST);
    private final ObjectProperty<TargetChoice> target = new SimpleObjectProperty<>(TargetChoice.HOST);
    private final StringProperty binarySource = new SimpleStringProperty("PATH");
    private final ObjectProperty<PrivilegeMode> privilege;
    private final BooleanProperty readOnly = new SimpleBooleanProperty(true);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final ReadOnlyObjectWrapper<ShownReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper detecting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper detectionFailure = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<NetnsTarget> coming = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> hostNames = FXCollections.observableArrayList(LOCAL_HOST);
    private final ObjectProperty<String> host = new SimpleObjectProperty<>(LOCAL_HOST);
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper("this machine");
    private Hosts hosts;

    // ---- One target of truth (issue 14): what every tab, dialog and action acts on ----
    private final ReadOnlyObjectWrapper<WindowTarget> chosen = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper windowTitle = new ReadOnlyStringWrapper("iptscope");
    private final IntegerProperty timeoutSeconds = new SimpleIntegerProperty((int) Session.COMMAND_TIMEOUT.toSeconds());
    /** The target the running detection reads; null when none runs. */
    private WindowTarget detectingFor;

    public MainViewModel(Session session, TaskRunner tasks, PasswordPrompt passwordPrompt, boolean root) {
        this.session = session;
        this.tasks = tasks;
        this.passwordPrompt = passwordPrompt;
        // Root needs no elevation; anyone else most likely has sudo without a password prompt on servers.
        this.privilege = new SimpleObjectProperty<>(root ? PrivilegeMode.DIRECT : PrivilegeMode.SUDO_N);
        host.addListener((o, was, now) -> {
            if (now != null && !now.equals(was)) {
                switchHost(now);
            }
        });
        chosen.set(currentTarget());
        host.addListener((o, was, now) -> targetChanged(false));
        target.addListener((o, was, now) -> targetChanged(true));
        binarySource.addListener((o, was, now) -> targetChanged(false));
        report.addListener((o, was, now) -> describeState());
        detecting.addListener((o, was, now) -> describeState());
        describeState();
    }

    // ---- One target of truth (issue 14) ----

    /** Host, netns and binary source as chosen in the toolbar: what every action acts on. */
    public ReadOnlyObjectProperty<WindowTarget> chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    /**
     * Says, above every tab, when what is shown is not the chosen target (stale, detecting, a saved
     * report or the sample); null when the tabs show the chosen target live.
     */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    /** The window title: the chosen target first, then what is shown and when it was read (local time). */
    public ReadOnlyStringProperty windowTitleProperty() {
        return windowTitle.getReadOnlyProperty();
    }

    /** The timeout of each command, in seconds (the toolbar's Timeout field; the CLI's --timeout). */
    public IntegerProperty timeoutSecondsProperty() {
        return timeoutSeconds;
    }

    public Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds.get()));
    }

    /** True when a live report is shown that was read for another target than the chosen one. */
    public boolean stale() {
        ShownReport shown = report.get();
        return shown != null && shown.live() && shown.takenFor() != null && !shown.takenFor().equals(chosen.get());
    }

    private WindowTarget currentTarget() {
        TargetChoice t = target.get();
        return new WindowTarget(host.get(), t == null ? TargetChoice.HOST.target() : t.target(), binarySource.get());
    }

    /** A new netns re-runs the detection; a new host does once connected; new binaries mark the views stale. */
    private void targetChanged(boolean redetect) {
        WindowTarget now = currentTarget();
        if (now.equals(chosen.get())) {
            return;
        }
        chosen.set(now);
        describeState();
        if (redetect) {
            detect();
        }
    }

    private void describeState() {
        ShownReport shown = report.get();
        WindowTarget t = chosen.get();
        String text;
        if (shown == null) {
            text = detecting.get() ? "Detecting " + t.describe() + "…" : null;
        } else if (!shown.live()) {
            text = (shown.origin() == ReportOrigin.SAMPLE ? "The sample report" : "A saved report (" + shown.source()
                    + ")") + " is shown, not " + t.describe() + ": it holds no rules, so Rules, Diff, Watch, Contexts "
                    + "and restore work on a live target only. " + (detecting.get() ? "Detecting " + t.describe()
                    + "…" : "Press F5 to detect " + t.describe() + ".");
        } else if (stale()) {
            text = "Stale: every tab shows " + shown.takenFor().describeFully() + ", but the target is now "
                    + t.describeFully() + ". " + (detecting.get() ? "Detecting it…" : "Press F5 to detect it; "
                    + "until then nothing reads or writes rules.");
        } else {
            text = null;
        }
        banner.set(text);
        windowTitle.set("iptscope · " + t.describe() + (shown == null ? " · not detected yet"
                : " · " + (shown.live() && !stale() ? shown.title() : "showing " + shown.title()))
                + (stale() ? " · STALE" : ""));
    }

    /** The saved SSH hosts to offer beside Local; without it the window inspects this machine only. */
    public void useHosts(Hosts saved) {
        this.hosts = saved;
        reloadHosts();
    }

    public ObservableList<String> hosts() {
        return hostNames;
    }

    public ObjectProperty<String> hostProperty() {
        return host;
    }

    /** Where commands go and how that connection stands: this machine, connected, lost, refused. */
    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** Saves an SSH destination (as {@code ssh} takes it) as a host and switches to it. */
    public void addHost(String destination) {
        if (hosts == null || destination == null || destination.isBlank()) {
            return;
        }
        tasks.submit("Add host " + destination, p -> {
            HostEntry entry = HostEntry.of(destination.strip(), io.iptscope.exec.PrivilegeMode.AUTO);
            hosts.add(entry);
            return entry;
        }, entry -> {
            reloadHosts();
            host.set(entry.name());
        }, e -> fail("cannot add host " + destination + ": " + e.getMessage()));
    }

    private void reloadHosts() {
        List<String> names = new ArrayList<>(List.of(LOCAL_HOST));
        try {
            hosts.list().forEach(h -> names.add(h.name()));
        } catch (IOException e) {
            fail("cannot read the saved hosts: " + e.getMessage());
        }
        hostNames.setAll(names);
    }

    /** Connects (asking about an unknown host key through the prompt) and runs everything there from then on. */
    private void switchHost(String name) {
        if (LOCAL_HOST.equals(name)) {
            session.useHost(new LocalRunner());
            connection.set("this machine");
            afterHostChange();
            return;
        }
        connection.set("connecting to " + name + "…");
        tasks.submit("Connect to " + name, p -> {
            RemoteHost remote = hosts.session(name).orElseThrow(() -> new IOException("no saved host " + name));
            remote.connect();
            return remote;
        }, remote -> {
            session.useHost(remote.runner());
            remote.addStateListener(s -> tasks.ui().execute(() -> connection.set(describe(remote, s))));
            connection.set(describe(remote, remote.state()));
            // The remote side elevates by the host's own privilege mode; nothing more on top of it.
            privilege.set(PrivilegeMode.DIRECT);
            afterHostChange();
        }, e -> {
            connection.set("not connected to " + name + ": " + e.getMessage());
            fail("cannot connect to " + name + ": " + e.getMessage());
        });
    }

    private static String describe(RemoteHost remote, ConnectionState state) {
        return remote.entry().destination() + ": " + state.name().toLowerCase(java.util.Locale.ROOT)
                + " (privilege " + remote.entry().privilege().id() + ")";
    }

    private void afterHostChange() {
        targets.clear();
        target.set(TargetChoice.HOST);
        refreshTargets();
        detect();
    }

    public ObservableList<TargetChoice> targets() {
        return targets;
    }

    public ObjectProperty<TargetChoice> targetProperty() {
        return target;
    }

    public StringProperty binarySourceProperty() {
        return binarySource;
    }

    public ObjectProperty<PrivilegeMode> privilegeProperty() {
        return privilege;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyObjectProperty<ShownReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** A failure reported at a thread boundary ({@code TaskFailures}); on the UI executor. */
    public void showFailure(String message) {
        tasks.ui().execute(() -> status.set(message));
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last failure in plain words, null after a success. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty detectingProperty() {
        return detecting.getReadOnlyProperty();
    }

    /** Why the last detection failed, set before {@link #detectingProperty} turns false; null after a success. */
    public ReadOnlyStringProperty detectionFailureProperty() {
        return detectionFailure.getReadOnlyProperty();
    }

    /** The target a detection about to start is for (the window's first one); null once {@link #detect} ran. */
    public ReadOnlyObjectProperty<NetnsTarget> comingProperty() {
        return coming.getReadOnlyProperty();
    }

    /**
     * Says a detection of {@code t} is about to start, before it does: the window's first frame, painted before its
     * first detection starts, then says "Detecting…", not "no detection yet" (issue 13).
     */
    public void detectionComing(NetnsTarget t) {
        coming.set(t);
    }

    public Session session() {
        return session;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public void toggleTheme() {
        theme.set(theme.get().other());
    }

    /** A runner elevated as chosen; empty when the password was needed and the user cancelled. */
    public Optional<CommandRunner> runner(CommandLog into) {
        PrivilegeMode mode = privilege.get();
        if (mode == PrivilegeMode.SUDO_PASSWORD && !session.vault().present()) {
            Optional<char[]> pw = passwordPrompt.ask("Password of " + System.getProperty("user.name")
                    + " for sudo on this machine");
            if (pw.isEmpty()) {
                fail("sudo password not entered: nothing was run");
                return Optional.empty();
            }
            session.vault().set(pw.get());
        }
        return Optional.of(session.runner(mode, into));
    }

    /** Makes {@code t} the target, adding it to the picker when discovery has not listed it (yet). */
    public void select(NetnsTarget t) {
        TargetChoice choice = targets.stream().filter(c -> c.target().equals(t)).findFirst()
                .orElseGet(() -> new TargetChoice(t, t.spec()));
        if (!targets.contains(choice)) {
            targets.add(choice);
        }
        target.set(choice);
    }

    /**
     * The live target as the restore engine sees it; empty offline, while the report on screen is stale
     * (read for another target than the chosen one), or when the password was not given.
     */
    public Optional<Endpoint> endpoint() {
        return endpoint(false);
    }

    /** As {@link #endpoint()}, for the watch: its poll is summarised in the command log, not written every tick. */
    public Optional<Endpoint> watchEndpoint() {
        return endpoint(true);
    }

    private Optional<Endpoint> endpoint(boolean polling) {
        ShownReport shown = report.get();
        if (shown == null || !shown.live()) {
            fail("this needs a live detection: press F5 first");
            return Optional.empty();
        }
        if (stale()) {
            fail("the report on screen is for " + shown.takenFor().describe() + " but the target is "
                    + chosen.get().describe() + ": nothing was run; detect it first (F5)");
            return Optional.empty();
        }
        return runner(new CommandLog()).map(r -> new Endpoint(polling ? session.pollingRunner(privilege.get()) : r,
                shown.target(), shown.report().binaries(), timeout()));
    }


    /** Lists the host, the named namespaces and the namespaces of processes. */
    public void refreshTargets() {
        Optional<CommandRunner> runner = runner(new CommandLog());
        if (runner.isEmpty()) {
            return;
        }
        tasks.submit("List network namespaces",
                p -> new NetnsDiscovery(runner.get(), timeout()).list(),
                this::showTargets, e -> fail("listing network namespaces failed: " + e.getMessage()));
    }

    private void showTargets(List<NetnsEntry> entries) {
        List<TargetChoice> choices = new ArrayList<>();
        entries.stream().map(TargetChoice::of).forEach(choices::add);
        if (choices.stream().noneMatch(c -> c.target().spec().equals("current"))) {
            choices.add(0, TargetChoice.HOST);
        }
        TargetChoice before = target.get();
        Optional<TargetChoice> same = choices.stream()
                .filter(c -> before != null && c.target().equals(before.target())).findFirst();
        if (same.isEmpty() && before != null) {
            // A target given by hand (a path, a pid not listed) stays selectable.
            choices.add(before);
        }
        targets.setAll(choices);
        target.set(same.orElse(before == null ? choices.get(0) : before));
        status.set(choices.size() + " network namespaces");
    }

    /** Runs a detection of the chosen target with the chosen binaries, off the UI thread. */
    public void detect() {
        coming.set(null);
        if (detecting.get()) {
            // The detection running may be for a target chosen before; it re-runs when it ends.
            return;
        }
        BinarySource source;
        try {
            source = BinarySource.parse(binarySource.get());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            detectionFailure.set(e.getMessage());
            return;
        }
        TargetChoice choice = target.get();
        PrivilegeMode mode = privilege.get();
        CommandLog runLog = new CommandLog();
        Optional<CommandRunner> runner = runner(runLog);
        if (runner.isEmpty()) {
            // runner() said why (no password): the detection's tables say it too, not "no detection yet".
            detectionFailure.set(error.get());
            return;
        }
        WindowTarget taken = chosen.get();
        Duration timeout = timeout();
        detectingFor = taken;
        detectionFailure.set(null);
        detecting.set(true);
        status.set("Detecting " + taken.describe() + " …");
        TaskHandle detection = tasks.submit("Detect " + choice.target().spec(), p -> {
            p.update("reading binaries and backends", -1);
            // Long reads show in the status bar; cancelling the task interrupts and so kills them.
            try (AutoCloseable progress = ReadProgress.listen(r -> p.update(r.done() ? "reading binaries and backends"
                    : "reading " + r.command() + ": " + String.format(java.util.Locale.ROOT, "%.1f MB",
                    r.bytes() / 1e6), -1))) {
                return new Detected(inspect(runner.get(), choice, source, runLog, timeout), null);
            } catch (InspectionException elevated) {
                if (mode == PrivilegeMode.DIRECT) {
                    throw elevated;
                }
                // The elevation itself may be what failed (no sudo, a password needed, no polkit agent):
                // what this user can read unprivileged (binaries, versions) is still worth showing.
                p.update("elevation failed; reading what an unprivileged user can", -1);
                try {
                    return new Detected(inspect(session.runner(PrivilegeMode.DIRECT, runLog), choice, source, runLog,
                            timeout),
                            mode.label() + " did not work (" + elevated.getMessage() + ")");
                } catch (InspectionException plain) {
                    throw new InspectionException(elevated.getMessage() + "; without privilege: " + plain.getMessage());
                }
            }
        }, d -> {
            show(new ShownReport(d.report(), ReportOrigin.LIVE, choice.target(), mode, choice.target().spec(),
                    d.elevationFailure(), taken));
        }, e -> {
            detectionFailure.set(e.getMessage());
            fail(e.getMessage());
        });
        // Success, failure and cancellation (which reports neither) all end the detection.
        if (detection.finishedProperty().get()) {
            detectionEnded();
        } else {
            detection.finishedProperty().addListener((o, was, now) -> detectionEnded());
        }
    }

    /**
     * Ends a detection; when another netns of the same host was chosen meanwhile, detects it. A new host is detected
     * once it is connected, and typed binaries wait for F5, as when no detection runs.
     */
    private void detectionEnded() {
        WindowTarget was = detectingFor;
        detectingFor = null;
        detecting.set(false);
        WindowTarget now = chosen.get();
        if (was != null && was.host().equals(now.host()) && !was.netns().equals(now.netns())) {
            detect();
        }
    }

    /** A live detection, and why it ran unprivileged when the chosen elevation failed (else null). */
    private record Detected(DetectionReport report, String elevationFailure) {
    }

    private DetectionReport inspect(CommandRunner runner, TargetChoice choice, BinarySource source, CommandLog runLog,
                                    Duration timeout) throws InspectionException {
        Inspection inspection = new Detector(runner, timeout).inspect(choice.target(), source);
        return DetectionReport.of(inspection, session.host(), runLog.snapshot(), Instant.now());
    }

    public void openReport(Path file) {
        tasks.submit("Open " + file.getFileName(), p -> Reports.read(file),
                r -> show(new ShownReport(r, ReportOrigin.FILE, null, null, file.getFileName().toString(), null)),
                e -> fail("cannot open " + file + ": " + e.getMessage()));
    }

    /** The report shipped with the app: a real host with both backends holding rules. */
    public void openSample() {
        tasks.submit("Open sample report", p -> readSample(),
                r -> show(new ShownReport(r, ReportOrigin.SAMPLE, null, null, "sample", null)),
                e -> fail("cannot open the sample report: " + e.getMessage()));
    }

    public static DetectionReport readSample() throws IOException {
        try (InputStream in = MainViewModel.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IOException("sample report missing from the build: " + SAMPLE_RESOURCE);
            }
            return Reports.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    public void saveReport(Path file) {
        ShownReport shown = report.get();
        if (shown == null) {
            fail("no report to save: run a detection first (F5)");
            return;
        }
        tasks.submit("Save report", p -> {
            Reports.write(shown.report(), file);
            return file;
        }, f -> status.set("Saved " + f), e -> fail("cannot save " + file + ": " + e.getMessage()));
    }

    private void show(ShownReport shown) {
        report.set(shown);
        error.set(null);
        status.set("Showing " + shown.title());
    }

    private void fail(String message) {
        error.set(message);
        status.set("⚠ " + message);
    }
}
