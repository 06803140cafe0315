package io.iptscope.ui;

import static io.iptscope.ui.WindowExtension.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.ui.common.Styles;
import io.iptscope.ui.task.ExecutorTaskRunner;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real window (headless Monocle) with its detection held: while it is pending, every table of the Detection tab
 * says "Detecting…", not JavaFX's "No content in table" nor an "empty" that the report has not said yet.
 */
@ExtendWith(ApplicationExtension.class)
class DetectingPlaceholdersUiTest {

    /** Never counted down: the held detection never runs a command, so no netns is read. */
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService background;
    private IptscopeApp.Window window;

    @Start
    void start(Stage stage) {
        background = Executors.newSingleThreadExecutor();
        // The one background thread waits first: every task of the window queues behind it, the detection too.
        background.submit(() -> {
            release.await();
            return null;
        });
        window = IptscopeApp.Window.open(stage, new ExecutorTaskRunner(background, Platform::runLater));
        window.model().privilegeProperty().set(PrivilegeMode.DIRECT);
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void everyTableOfTheDetectionTabSaysDetectingWhileTheDetectionIsPending(FxRobot robot) {
        robot.interact(() -> {
            window.model().select(new NetnsTarget.Named("iptscope-t-held-never-read"));
            window.model().detect();
        });
        assertTrue(window.model().detectingProperty().get(), "the detection is pending");
        Fx.waitFor("the tables that join after the first frame", WAIT,
                () -> robot.lookup("#nftTable").tryQuery().isPresent());
        Fx.settle();
        for (String id : List.of("#findingTable", "#strategyTable", "#backendTable", "#binaryTable", "#nftTable")) {
            TableView<?> table = robot.lookup(id).queryAs(TableView.class);
            assertTrue(table.getItems().isEmpty(), id);
            Label placeholder = (Label) table.getPlaceholder();
            assertEquals("Detecting…", placeholder.getText(), id);
            assertNotNull(placeholder.getScene(), id + ": the placeholder is on screen");
            assertTrue(placeholder.getStyleClass().contains(Styles.PLACEHOLDER)
                    && !placeholder.getStyleClass().contains(Styles.PLACEHOLDER_FAILED), id);
        }
        Label cards = robot.lookup("#verdictsPlaceholder").queryAs(Label.class);
        assertEquals("Detecting…", cards.getText(), "the verdict cards' place is not an empty box");
        assertTrue(cards.isVisible());

        // A TreeView has no placeholder: the label above each tree says what its blank area means.
        robot.interact(() -> window.view().tabs().getSelectionModel().select(1));
        Fx.settle();
        Label chains = robot.lookup("#treePlaceholder").queryAs(Label.class);
        assertEquals("No rules read yet", chains.getText());
        assertTrue(chains.isVisible() && chains.getScene() != null);
        robot.interact(() -> window.view().tabs().getSelectionModel().select(2));
        Fx.settle();
        Label lines = robot.lookup("#diffLinesPlaceholder").queryAs(Label.class);
        assertEquals("No comparison yet", lines.getText());
        assertTrue(lines.isVisible() && lines.getScene() != null);
    }

    @Test
    void aDetectionRefusedBeforeItStartsSaysWhyInTheTables(FxRobot robot) {
        robot.interact(() -> {
            window.model().binarySourceProperty().set("usr/sbin");
            window.model().select(new NetnsTarget.Named("iptscope-t-held-never-read"));
        });
        assertFalse(window.model().detectingProperty().get(), "nothing started");
        Fx.waitFor("the tables that join after the first frame", WAIT,
                () -> robot.lookup("#nftTable").tryQuery().isPresent());
        Fx.settle();
        Label findings = (Label) robot.lookup("#findingTable").queryAs(TableView.class).getPlaceholder();
        assertTrue(findings.getText().contains("failed") && findings.getText().contains("absolute"),
                findings.getText());
        assertTrue(findings.getStyleClass().contains(Styles.PLACEHOLDER_FAILED), findings.getStyleClass().toString());
        Label binaries = (Label) robot.lookup("#binaryTable").queryAs(TableView.class).getPlaceholder();
        assertTrue(binaries.getText().startsWith("Not read: the detection failed"), binaries.getText());
        Label cards = robot.lookup("#verdictsPlaceholder").queryAs(Label.class);
        assertEquals(binaries.getText(), cards.getText());
        assertTrue(cards.isVisible() && cards.getStyleClass().contains(Styles.PLACEHOLDER_FAILED));
    }
}
