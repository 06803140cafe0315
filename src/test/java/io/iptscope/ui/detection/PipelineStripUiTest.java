package io.iptscope.ui.detection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.ui.Fx;
import io.iptscope.ui.common.ShownReport;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Detection tab's pipeline strip in a real scene (headless Monocle), on a real podman-like netns. */
@ExtendWith(ApplicationExtension.class)
class PipelineStripUiTest {

    private DetectionViewModel model;

    @Start
    void start(Stage stage) {
        model = new DetectionViewModel();
        stage.setScene(new Scene((javafx.scene.Parent) new DetectionView(model).node(), 1000, 700));
        stage.show();
    }

    @Test
    void theLegacyForwardDropShowsAsBlockingWhileNetavarkForwardsInNft(FxRobot robot) throws Exception {
        ShownReport shown = PipelineScenario.detect();
        robot.interact(() -> model.show(shown));
        WaitForAsyncUtils.waitForFxEvents();
        Label drop = robot.lookup("#pipeline-ipv4-forward-legacy-filter-FORWARD").queryAs(Label.class);
        assertTrue(drop.getStyleClass().contains(PipelineStrip.BLOCKING), drop.getStyleClass().toString());
        assertTrue(drop.getText().contains("BLOCKS: policy drop"), drop.getText());
        assertTrue(drop.getText().contains("policy DROP") && drop.getText().contains("0 rules"), drop.getText());
        Label netavark = robot.lookup((Label l) -> l.getId() != null && l.getId().startsWith("pipeline-ipv4-forward-native-inet-netavark"))
                .queryAs(Label.class);
        assertTrue(!netavark.getStyleClass().contains(PipelineStrip.BLOCKING) && netavark.getText().contains("netavark"),
                netavark.getText());
        Fx.settle();
    }
}
