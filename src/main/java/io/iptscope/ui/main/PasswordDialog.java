package io.iptscope.ui.main;

import io.iptscope.exec.PasswordPrompt;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for a sudo password (this machine's, or a remote host's) once per session; it is kept only in memory
 * (Ctrl+Shift+F forgets it). Shown on the FX thread; {@link FxPrompts#remotePassword} hands over to it.
 */
public final class PasswordDialog implements PasswordPrompt {

    private final Window owner;

    public PasswordDialog(Window owner) {
        this.owner = owner;
    }

    @Override
    public Optional<char[]> ask(String question) {
        Dialog<char[]> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(question);
        d.setHeaderText("iptscope runs the commands that need root with sudo -S.");
        PasswordField field = new PasswordField();
        field.setId("sudo-password");
        d.getDialogPane().setContent(new VBox(8, new Label(question + " (kept in memory for this session only):"),
                field));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.setOnShown(e -> field.requestFocus());
        d.setResultConverter(b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
        Optional<char[]> result = d.showAndWait();
        field.clear();
        return result;
    }
}
