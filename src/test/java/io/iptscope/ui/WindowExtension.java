package io.iptscope.ui;

import io.iptscope.exec.PrivilegeMode;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.rules.RuleRow;
import io.iptscope.ui.task.ExecutorTaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationAdapter;
import org.testfx.framework.junit5.ApplicationFixture;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on real netns for a TestFX class, set up and torn down in one place. Register it as a static
 * field with {@code @RegisterExtension}. Before all tests it creates the netns (deleted after all, also on failure)
 * and a throw-away snapshot store; before each test it opens a new window on the first netns with privilege
 * DIRECT (choosing the netns detects it); after each it closes the dialogs a failed test may have left open.
 * Test methods take the {@link FxRobot} as a parameter.
 */
public final class WindowExtension extends FxRobot implements BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver, ApplicationFixture {

    /** How long one step on real netns may take while several builds share two cores; no speed is checked. */
    public static final Duration WAIT = Duration.ofSeconds(90);

    static {
        // Opening the window takes more than TestFX's 10 s when several builds share two cores; FxToolkit reads it once.
        System.setProperty("testfx.setup.timeout", "60000");
    }

    private final List<Supplier<TestNetns>> scenarios;
    private final List<TestNetns> netns = new ArrayList<>();
    private ExecutorService background;
    private Path dataHome;
    private Application application;
    private IptscopeApp.Window window;

    private WindowExtension(List<Supplier<TestNetns>> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    /** The window opens on the first netns; the others are there for a test to switch to. */
    @SafeVarargs
    public static WindowExtension on(Supplier<TestNetns> first, Supplier<TestNetns>... more) {
        List<Supplier<TestNetns>> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return new WindowExtension(all);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        // Backups of restores go to a temporary snapshot store, not the user's.
        dataHome = Files.createTempDirectory("iptscope-ui-test-");
        System.setProperty(SnapshotStore.DATA_HOME_PROPERTY, dataHome.toString());
        background = Executors.newCachedThreadPool();
        for (Supplier<TestNetns> s : scenarios) {
            netns.add(s.get());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        RuntimeException failed = null;
        // Every netns is deleted even when one of them fails to be.
        for (TestNetns ns : netns) {
            try {
                ns.close();
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        netns.clear();
        if (background != null) {
            background.shutdownNow();
        }
        System.clearProperty(SnapshotStore.DATA_HOME_PROPERTY);
        deleteTree(dataHome);
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(() -> new ApplicationAdapter(this));
    }

    /** A dialog left open by a failed test would block the next test's start. */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (window != null) {
                Fx.run(() -> new ArrayList<>(Window.getWindows()).stream()
                        .filter(w -> w != window.scene().getWindow()).forEach(Window::hide));
            }
        } finally {
            FxToolkit.cleanupAfterTest(this, application);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Override
    public void init() {
    }

    @Override
    public void start(Stage stage) {
        window = IptscopeApp.Window.open(stage, new ExecutorTaskRunner(background, Platform::runLater));
        window.model().privilegeProperty().set(PrivilegeMode.DIRECT);
        window.model().select(netns().target());
    }

    @Override
    public void stop() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType().isAssignableFrom(FxRobot.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** The window of the running test. */
    public IptscopeApp.Window window() {
        return window;
    }

    /** The first netns, the one the window opens on. */
    public TestNetns netns() {
        return netns(0);
    }

    public TestNetns netns(int index) {
        return netns.get(index);
    }

    /** Waits until {@code also} holds and no task runs, then lets layout and CSS settle. */
    public void idle(String what, BooleanSupplier also) {
        Fx.waitFor(what, WAIT, () -> also.getAsBoolean() && window.model().tasks().running().isEmpty());
        // New nodes get their CSS on the next pulse.
        Fx.settle();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks Detect and waits for the live report of the first netns. */
    public void detect() {
        clickOn("#detectButton");
        detected(netns());
    }

    /** Waits for the live report of {@code ns}, read for the window's target, with nothing running. */
    public void detected(TestNetns ns) {
        idle("the live report of " + ns.name(), () -> {
            ShownReport shown = window.model().reportProperty().get();
            return shown != null && shown.origin() == ReportOrigin.LIVE && shown.takenFor() != null
                    && shown.takenFor().netns().equals(ns.target()) && !window.model().detectingProperty().get();
        });
    }

    /** The rule table of the Rules tab (other tabs have tables too). */
    @SuppressWarnings("unchecked")
    public static TableView<RuleRow> rulesTable(FxRobot robot) {
        Node rulesRoot = robot.lookup("#filter").query().getParent().getParent().getParent();
        return robot.from(rulesRoot).lookup("#table").queryAs(TableView.class);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
