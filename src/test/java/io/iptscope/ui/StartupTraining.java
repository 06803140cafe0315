package io.iptscope.ui;

import io.iptscope.ui.task.ExecutorTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.stage.Stage;

/**
 * The GUI's training run for the class-data-sharing archive (packaging/appcds.sh, issue 13 "start fast"): opens
 * the window as {@link IptscopeApp} does, detects the local netns with an empty binary source (reads /proc, runs
 * no iptables tool), shows the result, then every tab, and exits. Run with {@code -XX:DumpLoadedClassList} on
 * headless Monocle, so the build needs no display; the list names the classes the archive is dumped with.
 */
public final class StartupTraining {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "training-task");
            t.setDaemon(true);
            return t;
        });
        Path empty = Files.createTempDirectory("iptscope-training");
        try {
            Platform.startup(() -> { });
            IptscopeApp.Window w = Fx.call(() -> IptscopeApp.Window.open(new Stage(),
                    new ExecutorTaskRunner(background, Platform::runLater)));
            Fx.settle();
            Fx.run(() -> {
                w.model().binarySourceProperty().set(empty.toString());
                w.model().detect();
            });
            Fx.waitFor("the detection", WAIT, () -> !w.model().detectingProperty().get()
                    && w.model().tasks().running().isEmpty());
            Fx.settle();
            for (Tab tab : Fx.call(() -> w.view().tabs().getTabs())) {
                Fx.run(() -> w.view().tabs().getSelectionModel().select(tab));
                Fx.settle();
            }
        } finally {
            Files.deleteIfExists(empty);
        }
        Platform.exit();
        System.exit(0);
    }
}
