package io.iptscope.ui.main;

import javafx.scene.input.KeyCombination;

/**
 * A user action with its menu, label and shortcut; the menu bar and the {@code ?} sheet are built
 * from the same list, so no action lacks a shortcut and the sheet never goes stale.
 */
public record AppAction(String menu, String label, KeyCombination key, Runnable handler) {

    public String keyText() {
        return key.getDisplayText();
    }
}
