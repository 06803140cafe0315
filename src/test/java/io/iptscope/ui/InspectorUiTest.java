package io.iptscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.rules.KubeRulesetGenerator;
import io.iptscope.testing.TestNetns;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.restore.RestorePhase;
import io.iptscope.ui.restore.RestoreViewModel;
import io.iptscope.ui.rules.ChainRef;
import io.iptscope.ui.rules.RuleRow;
import io.iptscope.ui.rules.RulesViewModel;
import io.iptscope.ui.task.ExecutorTaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks through the real window (headless Monocle by default) on a real netns with rules in both
 * backends: detection, the filter bar, and jump navigation with back.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorUiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestNetns netns;
    private static ExecutorService background;
    private IptscopeApp.Window window;

    @BeforeAll
    static void scenario(@TempDir Path data) {
        // Backups of the restore test go to a temporary snapshot store, not the user's.
        System.setProperty(SnapshotStore.DATA_HOME_PROPERTY, data.toString());
        netns = MismatchScenario.create(60);
        background = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void cleanUp() {
        if (netns != null) {
            netns.close();
        }
        background.shutdownNow();
        System.clearProperty(SnapshotStore.DATA_HOME_PROPERTY);
    }

    @Start
    void start(Stage stage) {
        window = IptscopeApp.Window.open(stage, new ExecutorTaskRunner(background, Platform::runLater));
        window.model().privilegeProperty().set(PrivilegeMode.DIRECT);
        window.model().select(netns.target());
    }

    private void detect(FxRobot robot) {
        robot.clickOn("#detectButton");
        Fx.waitFor("the live report and the rules", WAIT, () -> window.model().reportProperty().get() != null
                && window.model().reportProperty().get().origin() == ReportOrigin.LIVE
                && window.model().tasks().running().isEmpty());
        // New nodes get their CSS on the next pulse.
        Fx.settle();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void detectionOfARealNetnsShowsTheVerdictLargeWithTheMismatch(FxRobot robot) {
        detect(robot);
        Label v4 = robot.lookup("#verdict-ipv4").queryAs(Label.class);
        assertEquals("use NFT", v4.getText());
        assertTrue(v4.getFont().getSize() >= 30, "the verdict is large: " + v4.getFont().getSize());
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith("⚠ ERROR: ipv4: legacy holds"))
                .tryQuery().isPresent(), "the card names the mismatch in words");
        TableView<?> strategies = robot.lookup("#strategyTable").queryAs(TableView.class);
        assertEquals(7, strategies.getItems().size());
        Fx.waitFor("istio's differing row marked", WAIT, () -> robot.lookup(".ipts-row-differs").tryQuery().isPresent());
        assertFalse(window.view().commandLogTable().getItems().isEmpty(), "every command is in the log dock");

        robot.clickOn("#strategyTable");
        robot.write("?");
        Fx.waitFor("the shortcut sheet", WAIT, () -> robot.lookup("#shortcut-sheet").tryQuery().isPresent());
        Label sheet = robot.lookup("#shortcut-sheet").lookup(".label").nth(0).queryAs(Label.class);
        assertTrue(sheet.getText().contains("F5") && sheet.getText().contains("Detect the target"), sheet.getText());
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void theFilterBarValidatesAsYouTypeAndKeepsTheLastGoodResult(FxRobot robot) {
        detect(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        robot.interact(() -> window.view().rulesModel().open(ChainRef.table("nat")));
        robot.clickOn("#filter").write("svc-000001");
        Fx.waitFor("the filter", WAIT, () -> window.model().tasks().running().isEmpty());
        TableView<?> rules = rulesTable(robot);
        int good = rules.getItems().size();
        assertTrue(good > 0 && good < 20, "svc-000001 has a few rules: " + good);
        TextField filter = robot.lookup("#filter").queryAs(TextField.class);
        assertTrue(filter.getStyleClass().contains("ipts-filter-valid"));

        robot.write(" \"http");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(filter.getStyleClass().contains("ipts-filter-invalid"));
        assertEquals(good, rulesTable(robot).getItems().size(), "the last good result stays");
        Label message = robot.lookup("#filterMessage").queryAs(Label.class);
        assertTrue(message.getText().contains("unterminated quote at column 12"), message.getText());
    }

    @Test
    void jumpTargetsAreLinksWithBackAndForward(FxRobot robot) {
        detect(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        robot.interact(() -> window.view().rulesModel().open(new ChainRef("nat", "KUBE-SERVICES")));
        Fx.waitFor("KUBE-SERVICES", WAIT, () -> window.model().tasks().running().isEmpty());
        RuleRow first = (RuleRow) rulesTable(robot).getItems().get(0);
        Hyperlink link = robot.lookup((Hyperlink h) -> h.getText().equals("→ " + first.jumpName())).queryAs(Hyperlink.class);
        robot.clickOn(link);
        Fx.waitFor("the jump", WAIT, () -> window.model().tasks().running().isEmpty());
        Label crumb = robot.lookup("#breadcrumb").queryAs(Label.class);
        assertEquals("nat › " + first.jumpName(), crumb.getText());
        assertTrue(robot.lookup("#referencedBy").queryListView().getItems().size() >= 1);

        robot.press(KeyCode.ALT).type(KeyCode.LEFT).release(KeyCode.ALT);
        Fx.waitFor("back", WAIT, () -> window.model().tasks().running().isEmpty());
        assertEquals("nat › KUBE-SERVICES", crumb.getText());
        robot.clickOn("#forward");
        Fx.waitFor("forward", WAIT, () -> window.model().tasks().running().isEmpty());
        assertEquals("nat › " + first.jumpName(), crumb.getText());
    }

    @Test
    void aRestoreIsTestedPreviewedAppliedWithACountdownAndConfirmed(FxRobot robot) {
        detect(robot);
        robot.interact(() -> window.view().openRestore());
        RestoreViewModel restore = window.view().restoreModel();
        robot.interact(() -> {
            restore.backendProperty().set(Backend.LEGACY);
            restore.choose("docker-plus-one.rules", MismatchScenario.DOCKER_LEGACY.replace(
                    "-A DOCKER-USER -j RETURN", "-A DOCKER-USER -s 192.0.2.0/24 -j DROP\n-A DOCKER-USER -j RETURN"));
        });
        robot.clickOn("#prepare");
        Fx.waitFor("the preview", WAIT, () -> window.model().tasks().running().isEmpty());
        assertEquals(RestorePhase.PREPARED, restore.phaseProperty().get(), restore.messageProperty().get());
        assertTrue(robot.lookup("#apply").queryButton().isDisabled(), "read-only is on by default");
        assertTrue(robot.lookup((Label l) -> "read-only is on: unlock it to apply (the lock here, or Ctrl+Shift+L)".equals(l.getText()))
                .tryQuery().isPresent(), "the disabled button says why");
        assertTrue(restore.preview().stream().anyMatch(l -> l.text().contains("192.0.2.0/24")));

        robot.clickOn("#lock");
        robot.clickOn("#apply");
        Fx.waitFor("the switch", WAIT, () -> window.model().tasks().running().isEmpty()
                && restore.phaseProperty().get() == RestorePhase.ARMED);
        Label countdown = robot.lookup("#countdown").queryAs(Label.class);
        assertTrue(countdown.getText().startsWith("Rolls back in "), countdown.getText());
        assertTrue(netns.exec("iptables-legacy-save", "-t", "filter").stdoutText().contains("192.0.2.0/24"));

        robot.clickOn("#confirm");
        Fx.waitFor("the confirmation", WAIT, () -> restore.phaseProperty().get() == RestorePhase.DONE);
        assertTrue(restore.messageProperty().get().startsWith("Confirmed"), restore.messageProperty().get());
        assertTrue(netns.exec("iptables-legacy-save", "-t", "filter").stdoutText().contains("192.0.2.0/24"));
    }

    @Test
    void halfAMillionRulesOpenAndFilterWhileTheWindowKeepsResponding(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path dump = java.nio.file.Files.writeString(dir.resolve("big.rules"),
                KubeRulesetGenerator.generate(500_000, 3, Family.IPV4).text());
        RulesViewModel rules = window.view().rulesModel();
        long slowest = 0;
        robot.interact(() -> {
            window.view().tabs().getSelectionModel().select(1);
            rules.loadFile(dump);
        });
        slowest = Math.max(slowest, respondWhile(() -> !rules.loadedProperty().get().startsWith("big.rules")
                || !window.model().tasks().running().isEmpty()));
        robot.interact(() -> rules.open(ChainRef.table("nat")));
        slowest = Math.max(slowest, respondWhile(() -> !window.model().tasks().running().isEmpty()));
        assertTrue(rules.countProperty().get().matches("\\d{6} of \\d{6} rules shown"), rules.countProperty().get());
        robot.interact(() -> rules.filterTextProperty().set("chain:KUBE-SVC-* target:KUBE-SEP-*"));
        slowest = Math.max(slowest, respondWhile(() -> !window.model().tasks().running().isEmpty()));
        String[] shownOfAll = rules.countProperty().get().split(" ");
        int shown = Integer.parseInt(shownOfAll[0]);
        assertTrue(shown > 0 && shown < Integer.parseInt(shownOfAll[2]), rules.countProperty().get());
        assertEquals(shown, rules.rowsProperty().get().size());
        // Parsing, indexing and filtering run in the background: the window answers within moments
        // (garbage collection of the parse can still pause every thread for a few hundred ms).
        assertTrue(slowest < 2000, "the FX thread did not answer for " + slowest + " ms");
    }

    /** Pings the FX thread until {@code busy} turns false; returns the longest wait for an answer in ms. */
    private static long respondWhile(java.util.function.BooleanSupplier busy) {
        long slowest = 0;
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long asked = System.nanoTime();
            boolean stillBusy = Fx.call(busy::getAsBoolean);
            slowest = Math.max(slowest, (System.nanoTime() - asked) / 1_000_000);
            if (!stillBusy) {
                return slowest;
            }
            assertTrue(System.nanoTime() < end, "still busy after " + WAIT);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return slowest;
            }
        }
    }

    private static TableView<?> rulesTable(FxRobot robot) {
        Node rulesRoot = robot.lookup("#filter").query().getParent().getParent().getParent();
        return robot.from(rulesRoot).lookup("#table").queryAs(TableView.class);
    }
}
