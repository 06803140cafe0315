package io.iptscope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.ChainRef;
import io.iptscope.rules.Family;
import io.iptscope.rules.KubeRulesetGenerator;
import io.iptscope.ui.rules.RuleRow;
import io.iptscope.ui.rules.RulesViewModel;
import io.iptscope.ui.task.ExecutorTaskRunner;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.api.FxToolkitContext;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A second loaded ruleset releases the first in the window too (issue 13), not only in the view model
 * (RulesReleaseTest): after the user browsed the first one (the chain tree's items, the rule table's rows and
 * cells, a followed jump, a filter, a selected row, the task list), nothing reaches its dump text, which every
 * rule of it points into.
 */
@ExtendWith(ApplicationExtension.class)
class RulesReleaseUiTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int RULES = 3000;
    private static ExecutorService background;
    private IptscopeApp.Window window;

    @BeforeAll
    static void pool() {
        background = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        background.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        window = IptscopeApp.Window.open(stage, new ExecutorTaskRunner(background, Platform::runLater));
    }

    @Test
    void aSecondRulesetReleasesTheFirstInTheWindow(FxRobot robot) {
        robot.interact(() -> window.view().tabs().getTabs().stream().filter(t -> t.getText().contains("Rules"))
                .findFirst().ifPresent(t -> window.view().tabs().getSelectionModel().select(t)));
        RulesViewModel rules = window.view().rulesModel();
        WeakReference<String> first = browseFirst(robot, rules);

        robot.interact(() -> rules.load("second", p -> KubeRulesetGenerator.generate(RULES, 8, Family.IPV6).text()));
        idle("the second ruleset", () -> rules.loadedProperty().get().startsWith("second: "));
        TreeView<?> tree = robot.lookup("#tree").queryAs(TreeView.class);
        assertTrue(tree.getRoot().getChildren().size() > 1, "the tree shows the second ruleset's tables");

        forgetFiredEvents(robot);
        collect(first);
        assertNull(first.get(), "the first dump's text is still reachable from the window after a second load");
    }

    /**
     * Loads the first ruleset and uses it as a user would; returns a weak reference to its text after checking
     * that the window keeps it while it is shown (so that its release later means something).
     */
    private WeakReference<String> browseFirst(FxRobot robot, RulesViewModel rules) {
        String text = KubeRulesetGenerator.generate(RULES, 7, Family.IPV4).text();
        WeakReference<String> ref = new WeakReference<>(text);
        robot.interact(() -> rules.load("first", p -> text));
        idle("the first ruleset", () -> rules.loadedProperty().get().startsWith("first: "));
        robot.interact(() -> rules.open(new ChainRef("nat", "KUBE-SERVICES")));
        idle("KUBE-SERVICES", () -> !rows(robot).getItems().isEmpty());
        RuleRow jump = Fx.call(() -> (RuleRow) rows(robot).getItems().get(0));
        assertTrue(Fx.call(() -> rules.follow(jump)), "the first rule of KUBE-SERVICES jumps to a chain");
        robot.clickOn("#filter").write("KUBE");
        idle("the filter", () -> rules.filterNoteProperty().get() != null && !rows(robot).getItems().isEmpty());
        robot.interact(() -> rows(robot).getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(rules.selectedProperty().get(), "a row of the first ruleset is selected");
        assertFalse(rules.detailsProperty().get().isEmpty(), "its details are shown");
        collect(ref);
        assertNotNull(ref.get(), "the shown ruleset keeps its dump text");
        return ref;
    }

    /** The rule table (the command log has a #table too). */
    private static TableView<?> rows(FxRobot robot) {
        Node rulesRoot = robot.lookup("#filter").query().getParent().getParent().getParent();
        return robot.from(rulesRoot).lookup("#table").queryAs(TableView.class);
    }

    private void idle(String what, BooleanSupplier also) {
        Fx.waitFor(what, WAIT, () -> also.getAsBoolean() && window.model().tasks().running().isEmpty());
        Fx.settle();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * TestFX keeps the events fired at its stage, and a mouse event's pick result keeps the table row that was
     * under the pointer, with its cells and their rows of the first ruleset: registering the stage again starts
     * an empty record.
     */
    private static void forgetFiredEvents(FxRobot robot) {
        robot.interact(() -> {
            FxToolkitContext context = FxToolkit.toolkitContext();
            context.setRegisteredStage(context.getRegisteredStage());
        });
    }

    /** Full collections until the reference is cleared or a few rounds found it still reachable. */
    private static void collect(WeakReference<?> ref) {
        for (int i = 0; i < 10 && ref.get() != null; i++) {
            System.gc();
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
