package io.iptscope.ui.main;

import io.iptscope.detect.Strategies;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.restore.TransactionStore;
import io.iptscope.ui.restore.RestorePhase;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.restore.RestoreView;
import io.iptscope.ui.restore.RestoreViewModel;
import io.iptscope.ui.restore.SaveView;
import io.iptscope.ui.restore.SaveViewModel;
import io.iptscope.ui.common.FirstFrame;
import io.iptscope.ui.common.Fxml;
import io.iptscope.ui.diff.DiffView;
import io.iptscope.ui.contexts.ContextsView;
import io.iptscope.ui.contexts.ContextsViewModel;
import io.iptscope.ui.diff.DiffViewModel;
import io.iptscope.ui.common.Theme;
import io.iptscope.ui.detection.DetectionView;
import io.iptscope.ui.detection.DetectionViewModel;
import io.iptscope.ui.log.CommandLogView;
import io.iptscope.ui.log.CommandLogViewModel;
import io.iptscope.ui.rules.RulesView;
import io.iptscope.ui.rules.RulesViewModel;
import io.iptscope.ui.watch.WatchView;
import io.iptscope.ui.watch.WatchViewModel;
import io.iptscope.ui.task.TaskHandle;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;

/** The window: menu, toolbar, the feature tabs, the command log dock and the status bar. */
public final class MainView {

    private final MainViewModel model;
    private final DetectionViewModel detectionModel = new DetectionViewModel();
    private final CommandLogViewModel logModel;
    private final RulesViewModel rulesModel;
    private final WatchViewModel watchModel;
    private final ContextsViewModel contextsModel;
    /**
     * Made on first use (issue 13, start fast): the command log joins the window right after its first frame, the
     * tabs are not shown at start, and the snapshot store's JSON mapper alone took ~7% of the window's making.
     */
    private CommandLogView logView;
    private RulesView rulesView;
    private DiffView diffView;
    private WatchView watchView;
    private ContextsView contextsView;
    private SnapshotStore store;
    private DiffViewModel diffModel;
    private RestoreViewModel restoreModel;
    private SaveViewModel saveModel;
    private final List<AppAction> actions = new ArrayList<>();
    private final List<Runnable> afterFirstFrame = new ArrayList<>();
    /** An Alt+key shortcut ran: the coming Alt release must not focus the menu bar. */
    private boolean altShortcutFired;

    @FXML private BorderPane root;
    @FXML private MenuBar menuBar;
    @FXML private ComboBox<String> hostPicker;
    @FXML private Button addHostButton;
    @FXML private Label connectionLabel;
    @FXML private ComboBox<TargetChoice> targetPicker;
    @FXML private Button namespacesButton;
    @FXML private TextField binarySource;
    @FXML private ChoiceBox<PrivilegeMode> privilege;
    @FXML private Spinner<Integer> timeout;
    @FXML private Label banner;
    @FXML private Button detectButton;
    @FXML private ToggleButton lockButton;
    @FXML private ToggleButton themeButton;
    @FXML private SplitPane split;
    @FXML private TabPane tabs;
    @FXML private Tab detectionTab;
    @FXML private Tab rulesTab;
    @FXML private Tab diffTab;
    @FXML private Tab watchTab;
    @FXML private Tab contextsTab;
    @FXML private StatusBar statusBar;

    public MainView(MainViewModel model) {
        this.model = model;
        this.logModel = new CommandLogViewModel(model.session().log(), model.tasks().ui());
        this.rulesModel = new RulesViewModel(model.tasks());
        this.watchModel = new WatchViewModel(model.tasks());
        this.contextsModel = new ContextsViewModel(model.tasks());
        Fxml.load(this);
    }

    public Parent node() {
        return root;
    }

    public List<AppAction> actions() {
        return List.copyOf(actions);
    }

    public TabPane tabs() {
        return tabs;
    }

    public TableView<?> commandLogTable() {
        return logView().table();
    }

    private RulesView rulesView() {
        if (rulesView == null) {
            rulesView = new RulesView(rulesModel, model.tasks(), this::loadLiveRules);
            rulesView.offline(offlineName(model.reportProperty().get()));
        }
        return rulesView;
    }

    public WatchView watchView() {
        if (watchView == null) {
            watchView = new WatchView(watchModel, model::watchEndpoint);
            watchView.offline(offlineName(model.reportProperty().get()));
        }
        return watchView;
    }

    public ContextsView contextsView() {
        if (contextsView == null) {
            contextsView = new ContextsView(contextsModel, model::endpoint);
            contextsView.offline(offlineName(model.reportProperty().get()));
        }
        return contextsView;
    }

    public RulesViewModel rulesModel() {
        return rulesModel;
    }

    /** Asks for an ssh destination as {@code ssh} takes it: user@host, a ~/.ssh/config alias, host:port is not. */
    private void askForHost() {
        TextInputDialog d = new TextInputDialog();
        d.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        d.setTitle("Add host");
        d.setHeaderText("An SSH destination, as you would give it to ssh (user@host or a ~/.ssh/config alias).\n"
                + "An unknown host key is shown with its fingerprint before anything is trusted.");
        d.setContentText("Destination:");
        d.showAndWait().ifPresent(model::addHost);
    }

    private void loadLiveRules() {
        model.runner(new CommandLog()).ifPresent(r -> rulesModel.loadLive(model.reportProperty().get(), r));
    }

    /** After a live detection the rule browser reads the backend the recommendation chose. */
    private void followLiveReport(ShownReport shown) {
        if (shown == null || !shown.live()) {
            return;
        }
        Backend before = rulesModel.backendProperty().get();
        shown.report().verdicts().stream()
                .filter(v -> v.strategy().equals(Strategies.RECOMMENDED)
                        && v.family() == rulesModel.familyProperty().get())
                .findFirst().flatMap(v -> v.backend().backend()).ifPresent(b -> rulesModel.backendProperty().set(b));
        if (rulesModel.backendProperty().get() == before) {
            // Otherwise the change of backend has already started the read.
            loadLiveRules();
        }
    }

    /** Choosing another backend or family in the rule browser reads it at once from a live target. */
    private void readOnChoice() {
        ShownReport shown = model.reportProperty().get();
        if (shown != null && shown.live()) {
            loadLiveRules();
        }
    }

    @FXML
    private void initialize() {
        detectionTab.setContent(new DetectionView(detectionModel).node());
        model.reportProperty().addListener((o, was, now) -> detectionModel.show(now));
        // JavaFX styles and skins the content of every tab, shown or not: the first frame waits only for the
        // selected one (issue 13, start fast). The rule browser's model exists from the start and reads the rules
        // after every live detection; its view starts from the model's state when the tab is first shown.
        showOnFirstSelection(rulesTab, () -> rulesView().node());
        showOnFirstSelection(diffTab, () -> diffView().node());
        showOnFirstSelection(watchTab, () -> watchView().node());
        showOnFirstSelection(contextsTab, () -> contextsView().node());
        // A watch belongs to one target: choosing another ends it.
        model.targetProperty().addListener((o, was, now) -> watchModel.stop());
        model.reportProperty().addListener((o, was, now) -> followLiveReport(now));
        // One target of truth: a saved report or the sample holds no rules, so no tab shows those of a live read.
        model.reportProperty().addListener((o, was, now) -> {
            if (rulesView != null) {
                rulesView.offline(offlineName(now));
            }
            if (diffView != null) {
                diffView.offline(offlineName(now));
            }
            if (watchView != null) {
                watchView.offline(offlineName(now));
            }
            if (contextsView != null) {
                contextsView.offline(offlineName(now));
            }
        });
        rulesModel.backendProperty().addListener((o, was, now) -> readOnChoice());
        rulesModel.familyProperty().addListener((o, was, now) -> readOnChoice());
        afterFirstFrame.add(this::showLog);

        hostPicker.setItems(model.hosts());
        hostPicker.valueProperty().bindBidirectional(model.hostProperty());
        tip(hostPicker, "This machine, or a saved SSH host (your ~/.ssh/config, agent and keys apply)");
        addHostButton.setOnAction(e -> askForHost());
        connectionLabel.textProperty().bind(model.connectionProperty().map(c -> "Connection: " + c));
        targetPicker.setItems(model.targets());
        targetPicker.valueProperty().bindBidirectional(model.targetProperty());
        tip(targetPicker, "The network namespace to inspect (Ctrl+R lists them again)");
        namespacesButton.setOnAction(e -> model.refreshTargets());
        tip(namespacesButton, "List the host, named and process namespaces (Ctrl+R)");
        binarySource.textProperty().bindBidirectional(model.binarySourceProperty());
        tip(binarySource, "PATH, or directories separated by ':' (e.g. a container image's /usr/sbin)");
        privilege.getItems().setAll(PrivilegeMode.local());
        privilege.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PrivilegeMode m) {
                return m == null ? "" : m.label();
            }

            @Override
            public PrivilegeMode fromString(String s) {
                return null;
            }
        });
        privilege.valueProperty().bindBidirectional(model.privilegeProperty());
        tip(privilege, "How commands that need root are run; the window itself never runs as root");
        detectButton.setOnAction(e -> model.detect());
        detectButton.disableProperty().bind(model.detectingProperty());
        lockButton.selectedProperty().bindBidirectional(model.readOnlyProperty());
        lockButton.textProperty().bind(javafx.beans.binding.Bindings.when(model.readOnlyProperty())
                .then("Read-only: on").otherwise("Read-only: OFF"));
        tip(lockButton, "Read-only is on by default; unlock before a restore (Ctrl+Shift+L)");
        themeButton.selectedProperty().addListener((o, was, dark) -> model.themeProperty().set(dark ? Theme.DARK
                : Theme.LIGHT));
        model.themeProperty().addListener((o, was, now) -> themeButton.setSelected(now == Theme.DARK));

        statusBar.textProperty().bind(model.statusProperty());
        io.iptscope.ui.task.TaskFailures.listen(model::showFailure);
        model.tasks().running().addListener((ListChangeListener<TaskHandle>) c -> showTasks());
        defineActions();
        root.addEventFilter(KeyEvent.KEY_TYPED, this::questionMark);
        initTargetOfTruth();
    }

    /**
     * A tooltip installed after the first frame (issue 13, start fast): each one is a popup window, and none is
     * needed before the pointer rests on its control.
     */
    private void tip(Control control, String text) {
        afterFirstFrame.add(() -> control.setTooltip(new Tooltip(text)));
    }

    private static void showOnFirstSelection(Tab tab, java.util.function.Supplier<Node> content) {
        if (tab.isSelected()) {
            tab.setContent(content.get());
            return;
        }
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content.get());
                }
            }
        });
    }

    // ---- One target of truth and the pending restore (issue 14) ----

    /** The detection view's state: running, failed (its reason), or neither. */
    private void describeDetection() {
        String target = model.chosenProperty().get().describe();
        String failure = model.detectionFailureProperty().get();
        if (!model.detectingProperty().get() && failure != null) {
            detectionModel.failed(target, failure);
        } else {
            detectionModel.detecting(model.detectingProperty().get(), target);
        }
    }

    /** The stale/offline banner above every tab and the timeout field. */
    private void initTargetOfTruth() {
        model.detectingProperty().addListener((o, was, now) -> describeDetection());
        // A detection that could not start (a relative binaries directory, no sudo password) fails without running.
        model.detectionFailureProperty().addListener((o, was, now) -> {
            if (now != null && !model.detectingProperty().get()) {
                describeDetection();
            }
        });
        model.comingProperty().addListener((o, was, now) -> {
            if (!model.detectingProperty().get()) {
                detectionModel.detecting(now != null, now == null ? null : now.spec());
            }
        });
        model.reportProperty().addListener((o, was, now) -> watchModel.baseline(now == null || !now.live()
                ? null : now.report().evidence()));
        banner.textProperty().bind(model.bannerProperty());
        banner.visibleProperty().bind(model.bannerProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        timeout.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 600,
                model.timeoutSecondsProperty().get()));
        timeout.valueProperty().addListener((o, was, now) -> model.timeoutSecondsProperty().set(now));
        tip(timeout, "Timeout of each command in seconds (the CLI's --timeout); raise it for very large rulesets "
                + "(Alt+O)");
    }

    /** A restore waiting for its confirmation stays in sight after its dialog is closed. */
    private void showArmedRestore(RestoreViewModel restore) {
        Label countdown = new Label();
        countdown.setId("statusCountdown");
        countdown.textProperty().bind(restore.countdownProperty());
        Button confirm = new Button("Confirm");
        confirm.setId("statusConfirm");
        confirm.setOnAction(e -> restore.confirm());
        confirm.disableProperty().bind(restore.pastDeadlineProperty());
        Button rollback = new Button("Roll back");
        rollback.setId("statusRollback");
        rollback.setOnAction(e -> restore.rollbackNow());
        rollback.disableProperty().bind(restore.pastDeadlineProperty());
        HBox armed = new HBox(6, new Label("⚠ Restore into"), new Label(), countdown, confirm, rollback);
        ((Label) armed.getChildren().get(1)).textProperty().bind(restore.targetProperty());
        armed.setId("statusArmed");
        armed.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        armed.getStyleClass().addAll("ipts-banner", "ipts-banner-warning");
        armed.visibleProperty().bind(restore.phaseProperty().isEqualTo(RestorePhase.ARMED));
        armed.managedProperty().bind(armed.visibleProperty());
        statusBar.getLeftItems().add(armed);
        // Runs only while a restore waits for its confirmation: a running animation keeps the frame loop busy.
        Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> restore.tick(Instant.now())));
        ticker.setCycleCount(Timeline.INDEFINITE);
        armed.visibleProperty().addListener((o, was, now) -> {
            if (now) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });
        if (armed.isVisible()) {
            ticker.play();
        }
    }

    /** The dialogs act on the window's target and say so; a stale report gives them nothing to act on. */
    private void describeTargetTo(RestoreViewModel restore) {
        ShownReport shown = model.reportProperty().get();
        String host = shown == null ? null : shown.report().host();
        String netns = shown == null ? null : shown.report().target().spec();
        restore.target(model.chosenProperty().get().describe(), host, netns);
    }

    /**
     * Installs the theme and keeps it in step with the model, and the Alt shortcuts. The toolbar labels'
     * mnemonics (_Host, _Target …) are matched by the scene before any accelerator or scene filter and
     * consume Alt+H without focusing anything, so Alt shortcuts run from a filter on the window, which
     * sees the key first. An Alt+letter shortcut is consumed before the menu bar sees its key press, so
     * the menu bar would take the Alt release for a lone Alt and focus the File menu, stealing the focus
     * the shortcut just gave: that release is swallowed here.
     */
    public void attach(Scene scene) {
        javafx.event.EventHandler<KeyEvent> altShortcuts = e -> {
            for (AppAction a : actions) {
                if (a.key().getAlt() == KeyCombination.ModifierValue.DOWN && a.key().match(e)) {
                    e.consume();
                    a.handler().run();
                    return;
                }
            }
        };
        scene.windowProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removeEventFilter(KeyEvent.KEY_PRESSED, altShortcuts);
            }
            if (now != null) {
                now.addEventFilter(KeyEvent.KEY_PRESSED, altShortcuts);
            }
        });
        if (scene.getWindow() != null) {
            scene.getWindow().addEventFilter(KeyEvent.KEY_PRESSED, altShortcuts);
        }
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ALT && altShortcutFired) {
                altShortcutFired = false;
                e.consume();
            }
        });
        FirstFrame.then(scene, () -> afterFirstFrame.forEach(Runnable::run));
        scene.getStylesheets().setAll(model.themeProperty().get().stylesheets());
        model.themeProperty().addListener((o, was, now) -> scene.getStylesheets().setAll(now.stylesheets()));
    }

    private void showTasks() {
        List<Node> chips = new ArrayList<>();
        for (TaskHandle t : model.tasks().running()) {
            ProgressIndicator p = new ProgressIndicator();
            p.progressProperty().bind(t.progressProperty());
            p.setPrefSize(16, 16);
            Label title = new Label(t.title());
            Button cancel = new Button("✕");
            cancel.setTooltip(new Tooltip("Cancel " + t.title() + " (Ctrl+K cancels the newest task)"));
            cancel.setOnAction(e -> t.cancel());
            HBox chip = new HBox(4, p, title, cancel);
            chip.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            chips.add(chip);
        }
        statusBar.getRightItems().setAll(chips);
    }

    private void cancelNewestTask() {
        List<TaskHandle> running = model.tasks().running();
        if (!running.isEmpty()) {
            running.get(running.size() - 1).cancel();
        }
    }

    private void defineActions() {
        add("File", "Open report…", "Shortcut+O", this::openReport);
        add("File", "Save report…", "Shortcut+S", this::saveReport);
        add("File", "Save rules as a snapshot…", "Shortcut+Shift+S", this::openSave);
        add("File", "Restore rules…", "Shortcut+Shift+E", this::openRestore);
        add("File", "Quit", "Shortcut+Q", () -> window().hide());
        add("Inspect", "Detect the target (refresh)", "F5", model::detect);
        add("Inspect", "List network namespaces", "Shortcut+R", model::refreshTargets);
        add("Inspect", "Add an SSH host", "Shortcut+Shift+H", this::askForHost);
        add("Inspect", "Choose host", "Alt+H", hostPicker::requestFocus);
        add("Inspect", "Choose target", "Alt+T", targetPicker::requestFocus);
        add("Inspect", "Edit binary source", "Alt+B", binarySource::requestFocus);
        add("Inspect", "Choose privilege mode", "Alt+P", privilege::requestFocus);
        add("Inspect", "Edit the command timeout", "Alt+O", timeout::requestFocus);
        add("Inspect", "Toggle read-only lock", "Shortcut+Shift+L", () -> model.readOnlyProperty()
                .set(!model.readOnlyProperty().get()));
        add("Inspect", "Forget the sudo password", "Shortcut+Shift+F", () -> model.session().vault().clear());
        add("Inspect", "Cancel the newest task", "Shortcut+K", this::cancelNewestTask);
        add("Rules", "Read rules from the netns", "Shortcut+Shift+R", this::loadLiveRules);
        add("Rules", "Open an iptables-save file…", "Shortcut+Shift+O", () -> rulesView().openFile());
        add("Rules", "Filter (also /)", "Shortcut+F", this::focusFilter);
        add("Rules", "Follow the jump of the selected rule (also Enter)", "Shortcut+J",
                () -> rulesView().followSelected());
        add("Rules", "Back", "Alt+Left", rulesModel::back);
        add("Rules", "Forward", "Alt+Right", rulesModel::forward);
        add("Rules", "Backend: legacy", "Shortcut+Shift+1", () -> rulesModel.backendProperty().set(Backend.LEGACY));
        add("Rules", "Backend: nft", "Shortcut+Shift+2", () -> rulesModel.backendProperty().set(Backend.NFT));
        add("Rules", "Family: IPv4", "Shortcut+Shift+4", () -> rulesModel.familyProperty().set(Family.IPV4));
        add("Rules", "Family: IPv6", "Shortcut+Shift+6", () -> rulesModel.familyProperty().set(Family.IPV6));
        add("View", "Detection", "Shortcut+1", () -> tabs.getSelectionModel().select(detectionTab));
        add("View", "Rules", "Shortcut+2", () -> tabs.getSelectionModel().select(rulesTab));
        add("View", "Diff", "Shortcut+3", () -> tabs.getSelectionModel().select(diffTab));
        add("Diff", "Compare", "Shortcut+D", () -> {
            tabs.getSelectionModel().select(diffTab);
            diffView().compare();
        });
        add("Diff", "Next change", "F8", () -> {
            tabs.getSelectionModel().select(diffTab);
            diffView().nextChange();
        });
        add("Diff", "Previous change", "Shift+F8", () -> {
            tabs.getSelectionModel().select(diffTab);
            diffView().previousChange();
        });
        add("View", "Watch", "Shortcut+4", () -> tabs.getSelectionModel().select(watchTab));
        add("View", "Contexts", "Shortcut+5", () -> tabs.getSelectionModel().select(contextsTab));
        add("Watch", "Start or stop watching the target", "Shortcut+W", () -> {
            tabs.getSelectionModel().select(watchTab);
            watchView().toggle();
        });
        add("Watch", "Acknowledge the flush alarm", "Shortcut+Shift+A", watchModel::acknowledge);
        add("Watch", "Build the context matrix", "Shortcut+M", () -> {
            tabs.getSelectionModel().select(contextsTab);
            contextsView().build();
        });
        add("View", "Show or hide the command log", "Shortcut+L", this::toggleLog);
        add("View", "Focus the command log", "Shortcut+Shift+C", this::focusLog);
        add("View", "Copy the whole command log", "Shortcut+Alt+C", () -> logView().copyAll());
        add("View", "Light or dark theme", "Shortcut+T", model::toggleTheme);
        add("Help", "Keyboard shortcuts (also ?)", "F1", this::showShortcuts);
        add("Help", "Open the sample report", "Shortcut+Shift+M", model::openSample);
        buildMenus();
    }

    /** Adds an action to its menu and to the shortcut sheet. */
    private void add(String menu, String label, String key, Runnable handler) {
        KeyCombination combination = KeyCombination.keyCombination(key);
        Runnable run = combination.getAlt() == KeyCombination.ModifierValue.DOWN ? () -> {
            altShortcutFired = true;
            handler.run();
        } : handler;
        actions.add(new AppAction(menu, label, combination, run));
    }

    private void buildMenus() {
        Map<String, Menu> menus = new LinkedHashMap<>();
        for (AppAction a : actions) {
            Menu m = menus.computeIfAbsent(a.menu(), Menu::new);
            MenuItem item = new MenuItem(a.label());
            item.setAccelerator(a.key());
            item.setOnAction(e -> a.handler().run());
            m.getItems().add(item);
        }
        Menu help = menus.remove("Help");
        List<Menu> ordered = new ArrayList<>(menus.values());
        if (help != null) {
            ordered.add(help);
        }
        menuBar.getMenus().setAll(ordered);
    }

    /** A hidden log is shown first: focusing what cannot be seen would leave the focus where it was. */
    private void focusLog() {
        showLog();
        logView().table().requestFocus();
    }

    private void toggleLog() {
        if (split.getItems().contains(logView().node())) {
            split.getItems().remove(logView().node());
        } else {
            showLog();
        }
    }

    /** The log takes what is left below the tabs, at least its own minimum height. */
    private void showLog() {
        if (!split.getItems().contains(logView().node())) {
            split.getItems().add(logView().node());
            // Laid out first: a divider placed in a split not yet laid out with it ignores the log's minimum height.
            split.applyCss();
            split.layout();
            split.setDividerPositions(0.88);
        }
    }

    private CommandLogView logView() {
        if (logView == null) {
            logView = new CommandLogView(logModel);
        }
        return logView;
    }

    /** What the window shows instead of a live target ("The sample report"), or null while it shows one live. */
    private static String offlineName(ShownReport now) {
        if (now == null || now.live()) {
            return null;
        }
        return now.origin() == ReportOrigin.SAMPLE ? "The sample report" : "The saved report " + now.source();
    }

    public DiffView diffView() {
        if (diffView == null) {
            diffView = new DiffView(diffModel(), model::endpoint);
            diffView.offline(offlineName(model.reportProperty().get()));
        }
        return diffView;
    }

    private SnapshotStore store() {
        if (store == null) {
            store = SnapshotStore.defaultStore();
        }
        return store;
    }

    private DiffViewModel diffModel() {
        if (diffModel == null) {
            diffModel = new DiffViewModel(model.tasks(), store());
        }
        return diffModel;
    }

    private SaveViewModel saveModel() {
        if (saveModel == null) {
            saveModel = new SaveViewModel(model.tasks(), store());
        }
        return saveModel;
    }

    public RestoreViewModel restoreModel() {
        if (restoreModel == null) {
            restoreModel = new RestoreViewModel(model.tasks(), store(), TransactionStore.beside(store()),
                    model.readOnlyProperty());
            showArmedRestore(restoreModel);
        }
        return restoreModel;
    }

    /** A new dialog each time over the same model, so an armed restore survives closing the dialog. */
    public void openRestore() {
        RestoreViewModel restore = restoreModel();
        if (restore.phaseProperty().get() != RestorePhase.ARMED) {
            restore.backendProperty().set(rulesModel.backendProperty().get());
            describeTargetTo(restore);
        }
        new RestoreView(restore, model::endpoint).show(window());
    }

    private void openSave() {
        SaveViewModel save = saveModel();
        save.backendProperty().set(rulesModel.backendProperty().get());
        save.familyProperty().set(rulesModel.familyProperty().get());
        save.placeProperty().set(model.chosenProperty().get().describe());
        new SaveView(save, model::endpoint).show(window());
    }

    private void focusFilter() {
        tabs.getSelectionModel().select(rulesTab);
        rulesView().focusFilter();
    }

    /** {@code ?} opens the shortcut sheet and {@code /} the filter, except while typing into a text field. */
    private void questionMark(KeyEvent e) {
        if (root.getScene().getFocusOwner() instanceof TextInputControl) {
            return;
        }
        if ("?".equals(e.getCharacter())) {
            e.consume();
            showShortcuts();
        } else if ("/".equals(e.getCharacter())) {
            e.consume();
            focusFilter();
        }
    }

    public void showShortcuts() {
        Alert sheet = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        sheet.initOwner(window());
        sheet.setTitle("Keyboard shortcuts");
        sheet.setHeaderText("Every action and its key");
        Map<String, List<AppAction>> byMenu = new LinkedHashMap<>();
        actions.forEach(a -> byMenu.computeIfAbsent(a.menu(), m -> new ArrayList<>()).add(a));
        // Two columns, so the sheet fits a 800 px high screen.
        StringBuilder[] columns = {new StringBuilder(), new StringBuilder()};
        int lines = actions.size() + 2 * byMenu.size();
        int written = 0;
        for (Map.Entry<String, List<AppAction>> group : byMenu.entrySet()) {
            StringBuilder col = columns[written < lines / 2 ? 0 : 1];
            col.append(col.length() == 0 ? "" : "\n").append(group.getKey()).append('\n');
            for (AppAction a : group.getValue()) {
                col.append(String.format("  %-18s %s%n", a.keyText(), a.label()));
            }
            written += group.getValue().size() + 2;
        }
        columns[1].append("\nTab / Shift+Tab move the focus;\nSpace or Enter activate; F10 opens\nthe menus; "
                + "in dialogs Alt + the\nunderlined letter.\n");
        Label left = new Label(columns[0].toString());
        Label right = new Label(columns[1].toString());
        left.getStyleClass().add(io.iptscope.ui.common.Styles.MONO);
        right.getStyleClass().add(io.iptscope.ui.common.Styles.MONO);
        // Labels in a dialog may otherwise be squeezed below their text's height and lose lines.
        left.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        right.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox body = new HBox(24, left, right);
        body.setId("shortcut-sheet");
        sheet.getDialogPane().setContent(body);
        sheet.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        sheet.show();
    }

    private void openReport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a detection report");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("iptscope report (*.json)", "*.json"));
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            model.openReport(f.toPath());
        }
    }

    private void saveReport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the detection report");
        chooser.setInitialFileName("iptscope-report.json");
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            model.saveReport(Path.of(f.getAbsolutePath()));
        }
    }

    private Window window() {
        return root.getScene().getWindow();
    }
}
