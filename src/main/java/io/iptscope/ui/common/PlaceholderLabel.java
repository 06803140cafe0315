package io.iptscope.ui.common;

import javafx.scene.control.Label;

/** The one way a table or list shows its {@link Placeholder}: muted while unknown or empty, in red when failed. */
public final class PlaceholderLabel {

    private PlaceholderLabel() {
    }

    /** A label for {@code setPlaceholder} that follows {@code p}. */
    public static Label of(Placeholder p) {
        Label l = new Label();
        l.setWrapText(true);
        l.getStyleClass().add(Styles.PLACEHOLDER);
        l.textProperty().bind(p.textProperty());
        p.stateProperty().addListener((o, was, now) -> style(l, now));
        style(l, p.stateProperty().get());
        return l;
    }

    private static void style(Label l, Placeholder.State s) {
        Styles.exclusive(l.getStyleClass(), s == Placeholder.State.FAILED ? Styles.PLACEHOLDER_FAILED : null,
                Styles.PLACEHOLDER_FAILED);
    }
}
