package io.iptscope.ui.common;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * Covers a tab whose content comes from a live target while the window shows a saved report or the sample
 * (one target of truth, issue 14): the tab says what it would show and how to get there, never another target's data.
 */
public final class OfflineCover {

    private final BorderPane root;
    private final Node content;
    private final Label text = new Label();
    private final VBox cover = new VBox(10, text);

    public OfflineCover(BorderPane root) {
        this.root = root;
        this.content = root.getCenter();
        text.setWrapText(true);
        text.getStyleClass().add(Styles.SECTION_TITLE);
        cover.setPadding(new Insets(24));
    }

    /** Shows {@code why} in place of the content, or the content again when {@code why} is null. */
    public void cover(String why) {
        text.setText(why);
        root.setCenter(why == null ? content : cover);
    }

    public boolean covered() {
        return root.getCenter() == cover;
    }
}
