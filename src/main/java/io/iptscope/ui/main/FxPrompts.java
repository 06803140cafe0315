package io.iptscope.ui.main;

import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.PasswordPrompt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/**
 * The questions an SSH connection asks while it connects, on a background thread: answered in
 * dialogs on the FX thread, the connecting thread waiting for the answer.
 */
public final class FxPrompts {

    private FxPrompts() {
    }

    /** Shows an unknown host's fingerprints; only an explicit "Trust this host" adds them to known_hosts. */
    public static HostKeyPrompt hostKeys(Window owner) {
        return key -> onFxThread(() -> {
            ButtonType trust = new ButtonType("Trust this host", ButtonBar.ButtonData.OK_DONE);
            ButtonType refuse = new ButtonType("Refuse", ButtonBar.ButtonData.CANCEL_CLOSE);
            Alert a = new Alert(Alert.AlertType.WARNING, null, refuse, trust);
            a.initOwner(owner);
            a.setTitle("Unknown host key");
            a.setHeaderText(key.destination() + " is not in " + key.knownHostsFile()
                    + ".\nCompare the fingerprint with the one the host's administrator gives you.");
            TextArea text = new TextArea(key.describe());
            text.setEditable(false);
            text.setWrapText(true);
            a.getDialogPane().setContent(text);
            return a.showAndWait().filter(trust::equals).isPresent();
        });
    }

    /** The remote sudo password, asked once per host and session, through the same dialog as the local one. */
    public static PasswordPrompt remotePassword(PasswordDialog dialog) {
        return question -> onFxThread(() -> dialog.ask(question));
    }

    private static <T> T onFxThread(Supplier<T> ask) {
        if (Platform.isFxApplicationThread()) {
            return ask.get();
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(ask.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

}
