package io.iptscope.ui;

import javafx.application.Application;

/**
 * Starts the window from the command line. A plain class (not the Application) is the entry point,
 * so JavaFX also starts when its jars are on the class path.
 */
public final class GuiLauncher {

    private GuiLauncher() {
    }

    /** Blocks until the window is closed. */
    public static void launch(GuiOptions options) {
        IptscopeApp.options = options;
        Application.launch(IptscopeApp.class);
    }
}
