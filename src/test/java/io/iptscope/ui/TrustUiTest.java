package io.iptscope.ui;

import static io.iptscope.ui.WindowExtension.WAIT;
import static io.iptscope.ui.WindowExtension.rulesTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.iptables.WatchEvent;
import io.iptscope.restore.Snapshot;
import io.iptscope.restore.SnapshotMeta;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.Theme;
import io.iptscope.ui.main.AppAction;
import io.iptscope.ui.main.TargetChoice;
import io.iptscope.ui.restore.RestoreViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window an operator can trust (issue 14), clicked through on real netns: one target that every
 * view follows, dialogs that name it, a foreign snapshot that needs a yes, an unconfirmed card for a
 * timed-out read, a nat flush that raises the alarm, and every shortcut of the sheet.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class TrustUiTest {

    @RegisterExtension
    static final WindowExtension UI = WindowExtension.on(() -> MismatchScenario.create(2000), TestNetns::create);

    private IptscopeApp.Window window;
    private TestNetns mismatch;
    private TestNetns empty;

    @BeforeEach
    void window() {
        window = UI.window();
        mismatch = UI.netns(0);
        empty = UI.netns(1);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void switchingTheTargetReDetectsAndEveryViewFollowsOrIsMarkedStale(FxRobot robot) {
        UI.detected(mismatch);
        Label banner = robot.lookup("#banner").queryAs(Label.class);
        assertFalse(banner.isVisible(), banner.getText());

        ComboBox<TargetChoice> picker = robot.lookup("#targetPicker").queryComboBox();
        robot.interact(() -> picker.setValue(new TargetChoice(empty.target(), "netns " + empty.name())));
        UI.detected(empty);
        String title = ((Stage) window.scene().getWindow()).getTitle();
        assertTrue(title.startsWith("iptscope · Local · " + empty.target().spec() + " · "), title);
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().contains(empty.target().spec())
                && l.getText().contains("binaries from")).tryQuery().isPresent(), "the Detection tab follows");
        assertEquals(empty.target(), window.model().endpoint().orElseThrow().netns(), "actions follow");

        robot.interact(() -> window.model().binarySourceProperty().set("/usr/sbin"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(banner.isVisible() && banner.getText().startsWith("Stale: every tab shows"), banner.getText());
        assertTrue(((Stage) window.scene().getWindow()).getTitle().endsWith("STALE"));
        assertTrue(Fx.call(() -> window.model().endpoint().isEmpty()), "nothing acts on a stale target");
        robot.type(KeyCode.F5);
        Fx.waitFor("the fresh detection", WAIT, () -> !window.model().stale()
                && !window.model().detectingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(banner.isVisible(), banner.getText());
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void theRestoreDialogNamesItsTargetAndAForeignSnapshotNeedsAWordedYes(FxRobot robot) throws Exception {
        UI.detected(mismatch);
        robot.interact(() -> window.view().rulesModel().backendProperty().set(Backend.LEGACY));
        Fx.waitFor("the rules", WAIT, () -> window.model().tasks().running().isEmpty());
        robot.interact(() -> window.view().openRestore());
        String target = "Local · " + mismatch.target().spec() + " · legacy · ipv4";
        Fx.waitFor("the restore dialog", WAIT, () -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s
                && ("Restore rules into " + target).equals(s.getTitle())));
        Node dialog = Fx.call(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s
                && ("Restore rules into " + target).equals(s.getTitle())).findFirst().orElseThrow().getScene().getRoot());
        Button apply = robot.from(dialog).lookup("#apply").queryButton();
        assertEquals("3. _Apply to " + target, apply.getText());
        assertFalse(apply.isDisabled() && apply.getWidth() < apply.prefWidth(-1) - 1, "the Apply label is whole");

        SnapshotStore store = SnapshotStore.defaultStore();
        Snapshot foreign = store.add(new SnapshotMeta(SnapshotStore.newId(), SnapshotMeta.Kind.SAVE, "local",
                "netns:elsewhere", Backend.LEGACY, Family.IPV4, List.of("filter"), Instant.now(), "test", "1.8.11", false, null, 0, null,
                "from another netns"), MismatchScenario.DOCKER_LEGACY);
        RestoreViewModel restore = window.view().restoreModel();
        ComboBox<Snapshot> picker = robot.from(dialog).lookup("#snapshot").queryComboBox();
        Platform.runLater(() -> {
            picker.getItems().setAll(foreign);
            picker.setValue(foreign);
        });
        Fx.waitFor("the confirmation", WAIT, () -> robot.lookup("#foreign-snapshot").tryQuery().isPresent());
        Node ask = robot.lookup("#foreign-snapshot").query();
        assertTrue(robot.from(ask).lookup((Label l) -> l.getText() != null
                && l.getText().contains("was taken from local · netns:elsewhere")).tryQuery().isPresent());
        robot.clickOn(robot.from(ask).lookup((Button b) -> "Cancel".equals(b.getText())).queryButton());
        Fx.waitFor("the refusal", WAIT, () -> restore.messageProperty().get().startsWith("⚠ not chosen"));
        assertEquals("nothing chosen", restore.inputNameProperty().get());

        Platform.runLater(() -> picker.setValue(foreign));
        Fx.waitFor("the confirmation again", WAIT, () -> robot.lookup("#foreign-snapshot").tryQuery().isPresent());
        robot.clickOn(robot.lookup((Button b) -> "Restore it here anyway".equals(b.getText())).queryButton());
        Fx.waitFor("the snapshot chosen", WAIT, () -> restore.inputNameProperty().get().contains("ANOTHER TARGET"));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aTimedOutReadShowsAnUnconfirmedCard(FxRobot robot, @TempDir Path dir) throws Exception {
        UI.detected(mismatch);
        Path file = dir.resolve("timed-out.json");
        io.iptscope.report.Reports.write(FaultyReports.timedOutNft(), file);
        robot.interact(() -> window.model().openReport(file));
        Fx.waitFor("the report", WAIT, () -> window.model().reportProperty().get().origin() == ReportOrigin.FILE);
        Fx.settle();
        Node card = robot.lookup("#card-ipv4").query();
        assertTrue(card.getStyleClass().contains("ipts-confidence-unconfirmed"), card.getStyleClass().toString());
        Label badge = robot.lookup("#confidence-ipv4").queryAs(Label.class);
        assertEquals("? UNCONFIRMED: nft (timeout) could not be read", badge.getText());
        assertTrue(robot.lookup("#verdict-ipv4").queryAs(Label.class).getText().endsWith("?"));
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().contains("unknown, not 0"))
                .tryQuery().isPresent(), "the trace says the counts are unknown");
        Label banner = robot.lookup("#banner").queryAs(Label.class);
        assertTrue(banner.isVisible() && banner.getText().startsWith("A saved report (timed-out.json) is shown"),
                banner.getText());
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aFlushOfNatRaisesTheAlarm(FxRobot robot) {
        UI.detected(mismatch);
        robot.press(KeyCode.CONTROL).type(KeyCode.W).release(KeyCode.CONTROL);
        Fx.waitFor("the watch", WAIT, () -> window.view().watchView().model().events().stream()
                .anyMatch(e -> e.type() == WatchEvent.Type.SNAPSHOT && e.backend() == Backend.NFT));
        mismatch.exec("iptables-nft", "-t", "nat", "-F");
        try {
            // nat's PREROUTING, emptied first, may raise it first; it grows to the table as the burst does.
            Fx.waitFor("the alarm", WAIT, () -> window.view().watchView().model().alarmProperty().get()
                    .startsWith("FLUSH nat of"));
            Label alarm = robot.lookup("#alarm").queryAs(Label.class);
            assertTrue(alarm.getText().startsWith("FLUSH nat of nft ipv4: "), alarm.getText());
            assertTrue(alarm.isVisible());
            Fx.settle();
            List<String> cut = Fx.call(() -> robot.lookup("#events").lookup(".table-cell").queryAll().stream()
                    .map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                    .filter(c -> c.isVisible() && c.getTableColumn() != null && "Event".equals(c.getTableColumn().getText())
                            && c.getText() != null && !c.getText().isEmpty() && c.getWidth() < textWidth(c) - 0.5)
                    .map(c -> c.getText()).toList());
            assertEquals(List.of(), cut, "the Event column shows its words whole (bursts and flushes with their counts)");
            // Down in the Watch filter reaches the events, as in the rule browser.
            robot.clickOn("#watchFilter").type(KeyCode.DOWN);
            WaitForAsyncUtils.waitForFxEvents();
            Node events = robot.lookup("#events").query();
            assertTrue(Fx.call(() -> isFocused(events)), "Down in the Watch filter focuses the events");
            assertFalse(Fx.call(() -> ((javafx.scene.control.TableView<?>) events).getSelectionModel().isEmpty()),
                    "and selects one");
        } finally {
            robot.interact(() -> window.view().watchView().model().stop());
            mismatch.restore("iptables-nft-restore", io.iptscope.testing.KubeRules.generate(2000, false));
        }
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void theSampleReportShowsNoRulesComparisonWatchOrMatrixOfTheLastLiveReadAndADetectionBringsThemBack(FxRobot robot) {
        UI.detected(mismatch);
        robot.interact(() -> window.view().tabs().getSelectionModel().select(1));
        UI.idle("the live rules", () -> window.view().rulesModel().countProperty().get().contains("rules shown"));
        assertFalse(rulesTable(robot).getItems().isEmpty());
        robot.interact(() -> window.view().diffView().compare());
        UI.idle("the live comparison", () -> window.view().diffView().model().reportProperty().get() != null);
        robot.interact(() -> window.view().contextsView().build());
        UI.idle("the live context matrix", () -> !window.view().contextsView().model().rows().isEmpty());

        robot.interact(() -> window.model().openSample());
        UI.idle("the sample", () -> window.model().reportProperty().get().origin() == ReportOrigin.SAMPLE);
        robot.interact(() -> window.view().tabs().getSelectionModel().select(2));
        assertTrue(robot.lookup("#sectionTable").tryQuery().isEmpty(), "the live comparison is gone");
        Label diffOffline = robot.lookup("#diffOffline").queryAs(Label.class);
        assertTrue(diffOffline.getText().startsWith("The sample report holds no rules, and the comparison"),
                diffOffline.getText());
        robot.interact(() -> window.view().tabs().getSelectionModel().select(1));
        assertTrue(robot.lookup("#filter").tryQuery().isEmpty(), "the browser of the last live read is gone");
        Label offline = robot.lookup("#offlineText").queryAs(Label.class);
        assertTrue(offline.isVisible() && offline.getText().startsWith("The sample report holds no rules."),
                offline.getText());
        assertTrue(robot.lookup("#offlineOpenFile").tryQuery().isPresent(), "a save file can still be opened");
        robot.interact(() -> window.view().tabs().getSelectionModel().select(3));
        assertTrue(robot.lookup("#events").tryQuery().isEmpty(), "no events of an earlier live watch");
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith(
                "The sample report is not a live target, and a watch follows one")).tryQuery().isPresent());
        robot.interact(() -> window.view().tabs().getSelectionModel().select(4));
        assertTrue(robot.lookup("#rows").tryQuery().isEmpty(), "the live context matrix is gone");
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith(
                "The sample report is not a live target, and the context matrix")).tryQuery().isPresent());
        robot.interact(() -> window.view().tabs().getSelectionModel().select(1));

        robot.type(KeyCode.F5);
        UI.detected(mismatch);
        UI.idle("the live rules again", () -> robot.lookup("#filter").tryQuery().isPresent()
                && !rulesTable(robot).getItems().isEmpty());
        assertTrue(robot.lookup("#offlineText").tryQuery().isEmpty());
        robot.interact(() -> window.view().tabs().getSelectionModel().select(2));
        assertTrue(robot.lookup("#sectionTable").tryQuery().isPresent(), "the comparison of the live target is back");
        robot.interact(() -> window.view().tabs().getSelectionModel().select(4));
        assertTrue(robot.lookup("#rows").tryQuery().isPresent(), "the matrix of the live target is back");
    }

    /** What each action of the sheet does, observed; file choosers and Quit cannot run headless. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void everyShortcutOnTheSheetFocusesOrTriggersWhatItSays(FxRobot robot) {
        UI.detected(mismatch);
        robot.type(KeyCode.F1);
        Fx.waitFor("the shortcut sheet", WAIT, () -> robot.lookup("#shortcut-sheet").tryQuery().isPresent());
        String sheet = robot.lookup("#shortcut-sheet").lookup(".label").queryAllAs(Label.class).stream()
                .map(Label::getText).reduce("", String::concat);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        TabPane tabs = window.view().tabs();
        Map<String, BooleanSupplier> says = new LinkedHashMap<>();
        says.put("Choose host", focused("#hostPicker", robot));
        says.put("Choose target", focused("#targetPicker", robot));
        says.put("Edit binary source", focused("#binarySource", robot));
        says.put("Choose privilege mode", focused("#privilege", robot));
        says.put("Edit the command timeout", focused("#timeout", robot));
        says.put("Filter (also /)", focused("#filter", robot));
        says.put("Focus the command log", () -> isFocused(window.view().commandLogTable()));
        says.put("Detection", () -> tabs.getSelectionModel().getSelectedIndex() == 0);
        says.put("Rules", () -> tabs.getSelectionModel().getSelectedIndex() == 1);
        says.put("Diff", () -> tabs.getSelectionModel().getSelectedIndex() == 2);
        says.put("Watch", () -> tabs.getSelectionModel().getSelectedIndex() == 3);
        says.put("Contexts", () -> tabs.getSelectionModel().getSelectedIndex() == 4);
        says.put("Backend: legacy", () -> window.view().rulesModel().backendProperty().get() == Backend.LEGACY);
        says.put("Backend: nft", () -> window.view().rulesModel().backendProperty().get() == Backend.NFT);
        says.put("Family: IPv6", () -> window.view().rulesModel().familyProperty().get() == Family.IPV6);
        says.put("Family: IPv4", () -> window.view().rulesModel().familyProperty().get() == Family.IPV4);
        boolean lockedBefore = window.model().readOnlyProperty().get();
        says.put("Toggle read-only lock", () -> window.model().readOnlyProperty().get() != lockedBefore);
        Theme themeBefore = window.model().themeProperty().get();
        says.put("Light or dark theme", () -> window.model().themeProperty().get() != themeBefore);
        int logShown = Fx.call(() -> ((SplitPane) window.view().tabs().getParent().getParent()).getItems().size());
        says.put("Show or hide the command log", () -> ((SplitPane) window.view().tabs().getParent().getParent())
                .getItems().size() != logShown);
        says.put("Keyboard shortcuts (also ?)", () -> robot.lookup("#shortcut-sheet").tryQuery().isPresent());
        java.util.concurrent.atomic.AtomicBoolean detectStarted = new java.util.concurrent.atomic.AtomicBoolean();
        robot.interact(() -> window.model().detectingProperty().addListener((o, was, now) -> {
            if (now) {
                detectStarted.set(true);
            }
        }));
        says.put("Detect the target (refresh)", detectStarted::get);
        says.put("Build the context matrix", () -> tabs.getSelectionModel().getSelectedIndex() == 4);
        says.put("Compare", () -> tabs.getSelectionModel().getSelectedIndex() == 2);
        says.put("Next change", () -> tabs.getSelectionModel().getSelectedIndex() == 2);
        says.put("Previous change", () -> tabs.getSelectionModel().getSelectedIndex() == 2);
        Set<String> notHeadless = Set.of("Open report…", "Save report…", "Quit", "Open an iptables-save file…",
                "Save rules as a snapshot…", "Restore rules…", "Add an SSH host", "Forget the sudo password",
                "Cancel the newest task", "Read rules from the netns", "Follow the jump of the selected rule (also Enter)",
                "Back", "Forward", "Start or stop watching the target", "Acknowledge the flush alarm",
                "Copy the whole command log", "Open the sample report", "List network namespaces");

        List<String> unchecked = new ArrayList<>();
        for (AppAction a : window.view().actions()) {
            assertTrue(sheet.contains(a.keyText()) && sheet.contains(a.label()), "the sheet lists " + a.label());
            BooleanSupplier effect = says.get(a.label());
            if (effect == null) {
                if (!notHeadless.contains(a.label())) {
                    unchecked.add(a.label());
                }
                continue;
            }
            if (a.label().equals("Filter (also /)") || a.label().startsWith("Backend") || a.label().startsWith("Family")) {
                robot.interact(() -> tabs.getSelectionModel().select(1));
            } else {
                // From another tab, so that a shortcut which opens the Diff tab is seen doing it.
                int from = a.label().equals("Detection") ? 1 : 0;
                robot.interact(() -> tabs.getSelectionModel().select(from));
                robot.interact(() -> window.view().commandLogTable().requestFocus());
            }
            press(robot, a.key());
            try {
                Fx.waitFor(a.keyText() + " does what the sheet says: " + a.label(), Duration.ofSeconds(10), effect);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the focus is on "
                        + Fx.call(() -> window.scene().getFocusOwner()), e);
            }
            if (a.label().startsWith("Keyboard shortcuts")) {
                robot.type(KeyCode.ESCAPE);
            }
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(List.of(), unchecked, "every action on the sheet is checked here or listed as not headless");
        Fx.waitFor("the detection", WAIT, () -> window.model().tasks().running().isEmpty());
    }

    /** The width a cell needs for its whole text (a table cell's preferred width is its column's). */
    private static double textWidth(javafx.scene.control.Labeled cell) {
        javafx.scene.text.Text text = new javafx.scene.text.Text(cell.getText());
        text.setFont(cell.getFont());
        return text.getLayoutBounds().getWidth() + cell.snappedLeftInset() + cell.snappedRightInset();
    }

    private static BooleanSupplier focused(String id, FxRobot robot) {
        return () -> isFocused(robot.lookup(id).query());
    }

    /** The node or something inside it (a combo's or spinner's editor) has the focus, and no menu took it. */
    private static boolean isFocused(Node node) {
        if (node.getScene() == null) {
            return false;
        }
        Node owner = node.getScene().getFocusOwner();
        while (owner != null && owner != node) {
            owner = owner.getParent();
        }
        return owner == node;
    }

    private static void press(FxRobot robot, KeyCombination key) {
        KeyCodeCombination k = (KeyCodeCombination) key;
        List<KeyCode> mods = new ArrayList<>();
        if (k.getShortcut() == KeyCombination.ModifierValue.DOWN || k.getControl() == KeyCombination.ModifierValue.DOWN) {
            mods.add(KeyCode.CONTROL);
        }
        if (k.getShift() == KeyCombination.ModifierValue.DOWN) {
            mods.add(KeyCode.SHIFT);
        }
        if (k.getAlt() == KeyCombination.ModifierValue.DOWN) {
            mods.add(KeyCode.ALT);
        }
        robot.press(mods.toArray(KeyCode[]::new)).type(k.getCode()).release(mods.toArray(KeyCode[]::new));
    }
}
