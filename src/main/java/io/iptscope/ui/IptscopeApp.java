package io.iptscope.ui;

import io.iptscope.remote.HostStore;
import io.iptscope.remote.Hosts;
import io.iptscope.ui.common.FirstFrame;
import io.iptscope.ui.main.FxPrompts;
import io.iptscope.ui.main.MainView;
import io.iptscope.ui.main.MainViewModel;
import io.iptscope.ui.main.PasswordDialog;
import io.iptscope.ui.main.Session;
import io.iptscope.ui.task.ExecutorTaskRunner;
import io.iptscope.ui.task.TaskRunner;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: wires session, task runner, view models and views by hand. */
public final class IptscopeApp extends Application {

    static volatile GuiOptions options = GuiOptions.defaults();

    private ExecutorService background;

    @Override
    public void start(Stage stage) {
        // Listeners and handlers that throw on the FX thread are logged and shown, not only printed.
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> io.iptscope.ui.task.TaskFailures.report(
                "an action of the window", e));
        background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "iptscope-task");
            t.setDaemon(true);
            return t;
        });
        Window window = Window.open(stage, new ExecutorTaskRunner(background, Platform::runLater));
        if (options.openReport() != null) {
            window.model().openReport(options.openReport());
        } else {
            // The binaries first: choosing the target then detects it with them.
            window.model().binarySourceProperty().set(options.binaries());
            window.model().detectionComing(options.target());
            // The window paints first; on two busy cores a detection started at once would delay the first frame.
            FirstFrame.then(window.scene(), () -> {
                window.model().select(options.target());
                window.model().refreshTargets();
                window.model().detect();
            });
        }
    }

    @Override
    public void stop() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    /** One window with its model and view; tests and the screenshot tour open it the same way. */
    public record Window(MainViewModel model, MainView view, Scene scene) {

        public static Window open(Stage stage, TaskRunner tasks) {
            Session session = Session.local();
            boolean root = "root".equals(System.getProperty("user.name"));
            PasswordDialog password = new PasswordDialog(stage);
            MainViewModel model = new MainViewModel(session, tasks, password, root);
            model.useHosts(new Hosts(HostStore.forUser(), List.of(), FxPrompts.hostKeys(stage),
                    FxPrompts.remotePassword(password)));
            MainView view = new MainView(model);
            Scene scene = new Scene(view.node(), 1280, 800);
            view.attach(scene);
            stage.titleProperty().bind(model.windowTitleProperty());
            stage.setScene(scene);
            stage.show();
            return new Window(model, view, scene);
        }
    }
}
