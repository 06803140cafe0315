package io.iptscope.ui;

import static io.iptscope.ui.WindowExtension.WAIT;
import static io.iptscope.ui.WindowExtension.rulesTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.Backend;
import io.iptscope.rules.ChainRef;
import io.iptscope.ui.restore.RestorePhase;
import io.iptscope.ui.restore.RestoreViewModel;
import io.iptscope.ui.rules.RuleRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * Clicks through the real window (headless Monocle by default) on a real netns with rules in both
 * backends: detection, jump navigation with back and forward, and a restore.
 */
class InspectorUiTest {

    @RegisterExtension
    static final WindowExtension UI = WindowExtension.on(() -> MismatchScenario.create(60));

    private IptscopeApp.Window window;

    @BeforeEach
    void window() {
        window = UI.window();
    }

    @Test
    void detectionOfARealNetnsShowsTheVerdictLargeWithTheMismatch(FxRobot robot) {
        UI.detect();
        Label v4 = robot.lookup("#verdict-ipv4").queryAs(Label.class);
        assertEquals("use NFT", v4.getText());
        assertTrue(v4.getFont().getSize() >= 30, "the verdict is large: " + v4.getFont().getSize());
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().startsWith("⚠ ERROR: ipv4: legacy holds"))
                .tryQuery().isPresent(), "the card names the mismatch in words");
        TableView<?> strategies = robot.lookup("#strategyTable").queryAs(TableView.class);
        assertEquals(io.iptscope.detect.Strategies.ALL.size(), strategies.getItems().size());
        Fx.waitFor("istio's differing row marked", WAIT, () -> robot.lookup(".ipts-row-differs").tryQuery().isPresent());
        assertFalse(window.view().commandLogTable().getItems().isEmpty(), "every command is in the log dock");
        TableView<?> binaries = robot.lookup("#binaryTable").queryAs(TableView.class);
        double columns = binaries.getColumns().stream().mapToDouble(c -> c.getWidth()).sum();
        assertTrue(columns >= binaries.getWidth() - 20, "the binaries' columns fill their table: " + columns + " of "
                + binaries.getWidth());

        // The strategy table may sit below the fold of the Detection tab: focus it without a click.
        robot.interact(strategies::requestFocus);
        robot.write("?");
        Fx.waitFor("the shortcut sheet", WAIT, () -> robot.lookup("#shortcut-sheet").tryQuery().isPresent());
        Label sheet = robot.lookup("#shortcut-sheet").lookup(".label").nth(0).queryAs(Label.class);
        assertTrue(sheet.getText().contains("F5") && sheet.getText().contains("Detect the target"), sheet.getText());
        robot.type(KeyCode.ESCAPE);
    }

    /** FXML resolves labelFor="$id" only for ids loaded before the label: every label of the FXML names its control. */
    @Test
    void everyLabelForOfTheFxmlNamesItsControl(FxRobot robot) throws IOException {
        Set<String> declared = new TreeSet<>();
        Pattern labelFor = Pattern.compile("labelFor=\"\\$(\\w+)\"");
        try (Stream<Path> files = Files.walk(Path.of("fxml"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".fxml")).toList()) {
                Matcher m = labelFor.matcher(Files.readString(f).replaceAll("(?s)<!--.*?-->", ""));
                while (m.find()) {
                    declared.add(m.group(1));
                }
            }
        }
        assertTrue(declared.size() >= 5, "the FXML labels controls: " + declared);
        Set<String> named = new TreeSet<>();
        for (int i = 0; i < window.view().tabs().getTabs().size(); i++) {
            int tab = i;
            robot.interact(() -> window.view().tabs().getSelectionModel().select(tab));
            // Labels inside controls may name parts without an id.
            robot.lookup((Label l) -> l.getLabelFor() != null && l.getLabelFor().getId() != null)
                    .queryAllAs(Label.class).forEach(l -> named.add(l.getLabelFor().getId()));
        }
        assertTrue(named.containsAll(declared), "labels without their control: " + declared.stream()
                .filter(id -> !named.contains(id)).toList());
    }

    @Test
    void jumpTargetsAreLinksWithBackAndForward(FxRobot robot) {
        UI.detect();
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
        UI.detect();
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
        assertTrue(UI.netns().exec("iptables-legacy-save", "-t", "filter").stdoutText().contains("192.0.2.0/24"));

        robot.clickOn("#confirm");
        Fx.waitFor("the confirmation", WAIT, () -> restore.phaseProperty().get() == RestorePhase.DONE);
        assertTrue(restore.messageProperty().get().startsWith("Confirmed"), restore.messageProperty().get());
        assertTrue(UI.netns().exec("iptables-legacy-save", "-t", "filter").stdoutText().contains("192.0.2.0/24"));
    }
}
