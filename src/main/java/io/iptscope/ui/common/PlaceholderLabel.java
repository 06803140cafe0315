package io.iptscope.ui.common;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

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

    /**
     * For what has no {@code setPlaceholder} (a tree, a box of cards): a label that follows {@code p}, put just above
     * {@code node} in its parent pane and shown only while {@code items} is empty. Above, not over it: a tree can
     * hold other rows meanwhile (the rule browser's native nftables tables).
     */
    public static Label above(Node node, Placeholder p, ObservableList<?> items) {
        Label l = of(p);
        l.getStyleClass().add(Styles.PLACEHOLDER_ABOVE);
        // Whole, also when wrapped: a tree below it wants all the height and would shrink it to one cut line.
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.visibleProperty().bind(Bindings.isEmpty(items));
        l.managedProperty().bind(l.visibleProperty());
        Pane parent = (Pane) node.getParent();
        parent.getChildren().add(parent.getChildren().indexOf(node), l);
        return l;
    }

    private static void style(Label l, Placeholder.State s) {
        Styles.exclusive(l.getStyleClass(), s == Placeholder.State.FAILED ? Styles.PLACEHOLDER_FAILED : null,
                Styles.PLACEHOLDER_FAILED);
    }
}
