package io.iptscope.ui.restore;

import io.iptscope.iptables.Endpoint;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.ui.common.Fxml;
import java.io.File;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The save dialog: a snapshot of the live rules (reading only). */
public final class SaveView {

    private final SaveViewModel model;
    private final Supplier<Optional<Endpoint>> live;

    @FXML private VBox root;
    @FXML private ChoiceBox<Backend> backend;
    @FXML private ChoiceBox<Family> family;
    @FXML private Button toStore;
    @FXML private Button toFile;
    @FXML private Label message;

    public SaveView(SaveViewModel model, Supplier<Optional<Endpoint>> live) {
        this.model = model;
        this.live = live;
        Fxml.load(this);
    }

    public void show(Window owner) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Save rules");
        d.initModality(javafx.stage.Modality.NONE);
        d.getDialogPane().setContent(root);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        d.show();
    }

    @FXML
    private void initialize() {
        backend.getItems().setAll(Backend.values());
        backend.valueProperty().bindBidirectional(model.backendProperty());
        family.getItems().setAll(Family.values());
        family.valueProperty().bindBidirectional(model.familyProperty());
        message.textProperty().bind(model.messageProperty());
        toStore.setOnAction(e -> live.get().ifPresent(ep -> model.save(ep, Optional.empty())));
        toFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save rules to a file");
            chooser.setInitialFileName(model.backendProperty().get().id() + "-" + model.familyProperty().get().id()
                    + ".rules");
            File f = chooser.showSaveDialog(root.getScene().getWindow());
            if (f != null) {
                live.get().ifPresent(ep -> model.save(ep, Optional.of(f.toPath())));
            }
        });
    }
}
