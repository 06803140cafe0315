package io.iptscope.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * A bare JavaFX hello-world window of the window's size: the reference bin/bench-detect times the first window
 * of iptscope against (both until their window is mapped on the same Xvfb display).
 */
public final class HelloWindow extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("hello-world-bench");
        stage.setScene(new Scene(new Label("Hello, world"), 1280, 800));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
