package io.iptscope.ui;

import io.iptscope.iptables.WatchEvent;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.ChainRef;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.Theme;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.restore.RestorePhase;
import io.iptscope.ui.restore.RestoreViewModel;
import io.iptscope.ui.rules.RulesViewModel;
import io.iptscope.ui.task.ExecutorTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
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

    /** The dialog window that is showing. */
    private static Window dialog() {
        return Fx.call(() -> Window.getWindows().stream().filter(win -> win.isShowing() && win instanceof Stage s
                && s.getScene().getRoot() instanceof DialogPane).findFirst().orElseThrow());
    }

    /** An image's sbin that holds only the legacy binaries, as some CNI images ship. */
    private static Path legacyOnlyImage() throws java.io.IOException {
        Path dir = Files.createTempDirectory("iptscope-image-");
        Path multi = Path.of(io.iptscope.testing.Requirements.which("xtables-legacy-multi"));
        for (io.iptscope.rules.Family f : io.iptscope.rules.Family.values()) {
            for (io.iptscope.discover.Variant v : java.util.List.of(io.iptscope.discover.Variant.PLAIN,
                    io.iptscope.discover.Variant.LEGACY)) {
                for (io.iptscope.discover.ToolKind k : io.iptscope.discover.ToolKind.values()) {
                    Files.createSymbolicLink(dir.resolve(io.iptscope.discover.Tool.of(f, v, k).name()), multi);
                }
            }
        }
        return dir;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        // The restore's backups go to a throw-away snapshot store.
        Path scratch = Files.createTempDirectory("iptscope-tour");
        System.setProperty(SnapshotStore.DATA_HOME_PROPERTY, scratch.toString());
        System.setProperty(io.iptscope.restore.RestoreTransaction.Options.STATE_ROOT_PROPERTY,
                scratch.resolve("txn").toString());
        ExecutorService background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tour-task");
            t.setDaemon(true);
            return t;
        });
        Platform.startup(() -> { });
        Path legacyOnlyImage = legacyOnlyImage();
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
                Fx.run(() -> ((javafx.scene.control.ScrollPane) w.scene().lookup("#scroll")).setVvalue(1));
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("detection-binaries" + suffix));
                Fx.run(() -> ((javafx.scene.control.ScrollPane) w.scene().lookup("#scroll")).setVvalue(0));

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
                    rules.filterTextProperty().set("comment:svc-000003 !target:KUBE-MARK-MASQ");
                });
                Fx.waitFor("the filter", WAIT, () -> w.model().tasks().running().isEmpty());
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("rules-filter" + suffix));
                Fx.run(() -> rules.filterTextProperty().set("comment:svc-000003 (target:DNAT or proto:tcp"));
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("rules-filter-error" + suffix));
                Fx.run(() -> rules.filterTextProperty().set(""));

                Fx.run(() -> {
                    w.view().tabs().getSelectionModel().select(2);
                    w.view().diffView().compare();
                });
                Fx.waitFor("the diff", WAIT, () -> w.model().tasks().running().isEmpty());
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("diff" + suffix));

                Fx.run(() -> {
                    w.view().tabs().getSelectionModel().select(3);
                    w.view().watchView().toggle();
                });
                Fx.waitFor("the watch", WAIT, () -> w.model().tasks().running().isEmpty()
                        && w.view().watchView().model().events().size() >= 4);
                ns.exec("iptables-nft", "-I", "INPUT", "-s", "203.0.113.7", "-j", "DROP");
                ns.exec("iptables-legacy", "-w", "10", "-I", "DOCKER-USER", "-s", "203.0.113.8", "-j", "DROP");
                ns.exec("iptables-nft", "-t", "nat", "-X", "KUBE-PROXY-CANARY");
                Fx.waitFor("the events", WAIT, () -> !w.view().watchView().model().alarmProperty().get().isEmpty()
                        && w.view().watchView().model().events().stream().anyMatch(e -> e.backend() == Backend.LEGACY
                        && e.type() == WatchEvent.Type.RULE_ADDED));
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("watch" + suffix));
                Fx.run(() -> {
                    w.view().watchView().toggle();
                    w.view().watchView().model().acknowledge();
                    w.view().watchView().model().clear();
                });
                ns.exec("iptables-nft", "-D", "INPUT", "-s", "203.0.113.7", "-j", "DROP");
                ns.exec("iptables-legacy", "-w", "10", "-D", "DOCKER-USER", "-s", "203.0.113.8", "-j", "DROP");
                ns.exec("iptables-nft", "-t", "nat", "-N", "KUBE-PROXY-CANARY");

                Fx.run(() -> {
                    w.view().tabs().getSelectionModel().select(4);
                    w.view().contextsView().model().extraSourcesProperty().set(legacyOnlyImage.toString());
                    w.view().contextsView().build();
                });
                Fx.waitFor("the matrix", WAIT, () -> w.model().tasks().running().isEmpty());
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("contexts" + suffix));

                String blocked = theme == Theme.LIGHT ? "192.0.2.0/24" : "198.51.100.0/24";
                RestoreViewModel restore = Fx.call(() -> w.view().restoreModel());
                Fx.run(() -> {
                    w.view().openRestore();
                    restore.backendProperty().set(Backend.LEGACY);
                    restore.choose("docker-plus-one.rules", MismatchScenario.DOCKER_LEGACY.replace(
                            "-A DOCKER-USER -j RETURN", "-A DOCKER-USER -s " + blocked + " -j DROP\n"
                                    + "-A DOCKER-USER -j RETURN"));
                    w.model().endpoint().ifPresent(restore::prepare);
                });
                Fx.waitFor("the preview", WAIT, () -> w.model().tasks().running().isEmpty());
                Fx.settle();
                Window dialog = dialog();
                Fx.savePng(dialog.getScene(), dir.resolve("restore-preview" + suffix));
                Fx.run(() -> {
                    w.model().readOnlyProperty().set(false);
                    restore.apply();
                });
                Fx.waitFor("the switch", WAIT, () -> w.model().tasks().running().isEmpty()
                        && restore.phaseProperty().get() == RestorePhase.ARMED);
                Thread.sleep(1500);
                Fx.settle();
                Fx.savePng(dialog.getScene(), dir.resolve("restore-armed" + suffix));
                Fx.run(restore::confirm);
                Fx.waitFor("the confirmation", WAIT, () -> restore.phaseProperty().get() == RestorePhase.DONE);
                Fx.run(() -> {
                    dialog.hide();
                    w.model().readOnlyProperty().set(true);
                });

                Fx.run(() -> w.view().showShortcuts());
                Fx.settle();
                Window sheet = dialog();
                Fx.savePng(sheet.getScene(), dir.resolve("shortcuts" + suffix));
                Fx.run(sheet::hide);

                Fx.run(() -> {
                    w.view().tabs().getSelectionModel().select(1);
                    w.model().openSample();
                });
                Fx.waitFor("the sample", WAIT, () -> w.model().tasks().running().isEmpty()
                        && w.model().reportProperty().get().origin() == ReportOrigin.SAMPLE);
                Fx.settle();
                Fx.savePng(w.scene(), dir.resolve("rules-sample" + suffix));
            }
            System.out.println("screenshots written to " + dir.toAbsolutePath());
        } finally {
            Platform.exit();
            background.shutdownNow();
        }
    }
}
