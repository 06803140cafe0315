package io.iptscope.ui;

import io.iptscope.rules.ChainRef;
import io.iptscope.ui.rules.RulesViewModel;
import io.iptscope.ui.task.ExecutorTaskRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The window's resident set with big rulesets in the rule browser (issue 13: "GUI RSS with 500k rules loaded
 * ≤ 1 GB", "a second loaded ruleset releases the first"): opens the real window (no detection), shows the rules
 * tab, opens each save file given in turn as the user would, shows its nat table, then sits idle for
 * {@code -DidleSeconds} (default 15, no explicit collection: the JVM flags decide) and prints one line per file
 * with VmRSS and VmHWM of /proc/self/status. Run by bin/bench-detect on Xvfb with bin/iptscope's JVM flags.
 *   java ... io.iptscope.ui.GuiMemoryBench FILE [FILE...]
 */
public final class GuiMemoryBench {

    private static final Duration WAIT = Duration.ofMinutes(5);

    private GuiMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: GuiMemoryBench SAVE-FILE [SAVE-FILE...]");
            System.exit(2);
        }
        int idleSeconds = Integer.getInteger("idleSeconds", 15);
        ExecutorService background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-task");
            t.setDaemon(true);
            return t;
        });
        Platform.startup(() -> { });
        IptscopeApp.Window w = Fx.call(() -> IptscopeApp.Window.open(new Stage(),
                new ExecutorTaskRunner(background, Platform::runLater)));
        Fx.run(() -> w.view().tabs().getTabs().stream().filter(t -> t.getText().contains("Rules")).findFirst()
                .ifPresent(t -> w.view().tabs().getSelectionModel().select(t)));
        RulesViewModel rules = w.view().rulesModel();
        for (String file : args) {
            String name = Path.of(file).getFileName().toString();
            Fx.run(() -> rules.loadFile(Path.of(file)));
            Fx.waitFor(name + " loaded", WAIT, () -> rules.loadedProperty().get().startsWith(name + ":")
                    && w.model().tasks().running().isEmpty() || rules.errorProperty().get() != null);
            if (rules.errorProperty().get() != null) {
                throw new IllegalStateException(file + ": " + rules.errorProperty().get());
            }
            Fx.run(() -> rules.open(ChainRef.table("nat")));
            Fx.waitFor("the nat table", WAIT, () -> w.model().tasks().running().isEmpty());
            Fx.settle();
            Thread.sleep(idleSeconds * 1000L);
            System.out.printf("file=%s loaded=\"%s\" rss_mb=%d hwm_mb=%d%n", name, Fx.call(() -> rules.loadedProperty()
                    .get()), status("VmRSS") / 1024, status("VmHWM") / 1024);
        }
        Platform.exit();
        System.exit(0);
    }

    /** A kB field of /proc/self/status. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
            }
        }
        throw new IOException("no " + field + " in /proc/self/status");
    }
}
