package io.iptscope.ui;

import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.Theme;
import io.iptscope.ui.main.PrivilegeMode;
import io.iptscope.ui.main.ReportOrigin;
import io.iptscope.ui.rules.ChainRef;
import io.iptscope.ui.rules.RulesViewModel;
import io.iptscope.ui.task.ExecutorTaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Regenerates docs/screenshots (bin/screenshots): opens the window on a real netns with rules in
 * both backends, as a user would, and saves each view at 1280x800 in the light and the dark theme.
 */
public final class ScreenshotTour {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        ExecutorService background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tour-task");
            t.setDaemon(true);
            return t;
        });
        Platform.startup(() -> { });
        try (TestNetns ns = MismatchScenario.create(400)) {
            IptscopeApp.Window w = Fx.call(() -> IptscopeApp.Window.open(new Stage(),
                    new ExecutorTaskRunner(background, Platform::runLater)));
            for (Theme theme : Theme.values()) {
                String suffix = "-" + theme.name().toLowerCase(java.util.Locale.ROOT) + ".png";
                Fx.run(() -> {
                    w.model().themeProperty().set(theme);
                    w.model().privilegeProperty().set(PrivilegeMode.DIRECT);
                    w.model().select(ns.target());
                    w.view().tabs().getSelectionModel().select(0);
                    w.model().detect();
                });
                Fx.waitFor("a live report", WAIT, () -> w.model().reportProperty().get() != null
                        && w.model().reportProperty().get().origin() == ReportOrigin.LIVE
                        && w.model().tasks().running().isEmpty());
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("detection" + suffix));

                RulesViewModel rules = w.view().rulesModel();
                Fx.waitFor("rules loaded", WAIT, () -> rules.countProperty().get().contains("rules shown")
                        && w.model().tasks().running().isEmpty());
                Fx.run(() -> {
                    w.view().tabs().getSelectionModel().select(1);
                    rules.open(new ChainRef("nat", "KUBE-SERVICES"));
                });
                Fx.waitFor("KUBE-SERVICES", WAIT, () -> w.model().tasks().running().isEmpty());
                Fx.run(() -> rules.follow(rules.rowsProperty().get().get(0)));
                Fx.waitFor("the jump", WAIT, () -> w.model().tasks().running().isEmpty()
                        && !rules.rowsProperty().get().isEmpty());
                Fx.run(() -> rules.reveal(rules.rowsProperty().get().get(1)));
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("rules-jump" + suffix));

                Fx.run(() -> {
                    rules.open(ChainRef.table("nat"));
                    rules.filterTextProperty().set("svc-000003 !KUBE-MARK-MASQ");
                });
                Fx.waitFor("the filter", WAIT, () -> w.model().tasks().running().isEmpty());
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("rules-filter" + suffix));
                Fx.run(() -> rules.filterTextProperty().set("svc-000003 \"http"));
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("rules-filter-error" + suffix));
                Fx.run(() -> rules.filterTextProperty().set(""));

                Fx.run(() -> w.view().showShortcuts());
                Fx.settle();
                Window sheet = Fx.call(() -> Window.getWindows().stream()
                        .filter(win -> win instanceof Stage s && s.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                        .findFirst().orElseThrow());
                Fx.savePng(sheet.getScene(), dir.resolve("shortcuts" + suffix));
                Fx.run(sheet::hide);
            }
            System.out.println("screenshots written to " + dir.toAbsolutePath());
        } finally {
            Platform.exit();
            background.shutdownNow();
        }
    }
}
