package io.iptscope.ui.common;

import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;

/**
 * Work that waits for a window's first frame (issue 13, start fast): what is not needed to paint it comes right
 * after it, so the window appears sooner.
 */
public final class FirstFrame {

    private FirstFrame() {
    }

    /**
     * Runs {@code work} once on the FX thread after the scene's next layout pulse has ended, which for a scene
     * not shown yet is its first frame.
     */
    public static void then(Scene scene, Runnable work) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                Platform.runLater(work);
            }
        });
    }

    /** As {@link #then(Scene, Runnable)}, for the scene {@code node} is or will be in. */
    public static void whenShown(Node node, Runnable work) {
        if (node.getScene() != null) {
            then(node.getScene(), work);
            return;
        }
        node.sceneProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Scene> o, Scene was, Scene now) {
                if (now != null) {
                    node.sceneProperty().removeListener(this);
                    then(now, work);
                }
            }
        });
    }
}
