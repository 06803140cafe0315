package io.iptscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.testing.TestNetns;
import io.iptscope.ui.main.PrivilegeMode;
import io.iptscope.ui.main.ReportOrigin;
import io.iptscope.ui.rules.ChainRef;
import io.iptscope.ui.rules.RuleRow;
import io.iptscope.ui.task.ExecutorTaskRunner;
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
    static void scenario() {
        netns = MismatchScenario.create(60);
        background = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void cleanUp() {
        if (netns != null) {
            netns.close();
        }
        background.shutdownNow();
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
        assertTrue(robot.lookup(".ipts-row-differs").tryQuery().isPresent(), "istio's differing row is marked");
        assertFalse(window.view().commandLogTable().getItems().isEmpty(), "every command is in the log dock");
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
        assertTrue(message.getText().contains("unclosed quote at column 12"), message.getText());
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

    private static TableView<?> rulesTable(FxRobot robot) {
        Node rulesRoot = robot.lookup("#filter").query().getParent().getParent().getParent();
        return robot.from(rulesRoot).lookup("#table").queryAs(TableView.class);
    }
}
