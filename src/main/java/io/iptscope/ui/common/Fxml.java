package io.iptscope.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;

/**
 * Loads the FXML of a view with the view object itself as controller (Scene Builder's habit): the
 * file is {@code <ViewClass>.fxml} in the same package under {@code fxml/}.
 */
public final class Fxml {

    private Fxml() {
    }

    public static <T> T load(Object view) {
        String name = view.getClass().getSimpleName() + ".fxml";
        URL url = view.getClass().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no " + name + " next to " + view.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(view);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + url, e);
        }
    }
}
