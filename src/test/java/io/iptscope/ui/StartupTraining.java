package io.iptscope.ui;

import io.iptscope.ui.task.ExecutorTaskRunner;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.stage.Stage;

/**
 * The GUI's training run for the class-data-sharing archive (packaging/appcds.sh, issue 13 "start fast"): opens
 * the window as {@link IptscopeApp} does, detects the local netns with an empty binary source (reads /proc, runs
 * no iptables tool), shows the result, then every tab, loads the desktop's glass and pipeline classes, and exits.
 * Run with {@code -XX:DumpLoadedClassList} on headless Monocle, so the build needs no display; the list names the
 * classes the archive is dumped with.
 */
public final class StartupTraining {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final List<String> DESKTOP_PACKAGES = List.of("com/sun/glass/ui/", "com/sun/glass/ui/gtk/",
            "com/sun/glass/ui/delegate/", "com/sun/prism/es2/");

    private StartupTraining() {
    }

    /**
     * Loads, without initializing, the classes of the GTK glass and the OpenGL (es2) pipeline that a window on a
     * desktop starts with and headless Monocle never loads, so the list names them too and the archive holds them.
     */
    private static void loadDesktopClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Class<?> glass = Class.forName("com.sun.glass.ui.Application", false, Platform.class.getClassLoader());
        Path jar = Path.of(glass.getProtectionDomain().getCodeSource().getLocation().toURI());
        ClassLoader loader = glass.getClassLoader();
        try (JarFile graphics = new JarFile(jar.toFile())) {
            for (String name : graphics.stream().map(JarEntry::getName).filter(StartupTraining::desktopClass)
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList()) {
                try {
                    Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    System.err.println("StartupTraining: not listed: " + name + ": " + e);
                }
            }
        }
    }

    private static boolean desktopClass(String entry) {
        return entry.endsWith(".class") && DESKTOP_PACKAGES.stream().anyMatch(p -> entry.startsWith(p)
                && entry.indexOf('/', p.length()) < 0);
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
        loadDesktopClasses();
        Platform.exit();
        System.exit(0);
    }
}
