package io.iptscope.ui.restore;

import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.Snapshot;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.ui.common.Fxml;
import io.iptscope.ui.common.PlaceholderLabel;
import io.iptscope.ui.diff.DiffLine;
import java.io.File;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The restore dialog: choose, test and preview, apply with a countdown, confirm or roll back. */
public final class RestoreView {

    private final RestoreViewModel model;
    private final Supplier<Optional<Endpoint>> live;

    @FXML private VBox root;
    @FXML private Button chooseFile;
    @FXML private ComboBox<Snapshot> snapshot;
    @FXML private Label inputName;
    @FXML private ChoiceBox<Family> family;
    @FXML private ChoiceBox<Backend> backend;
    @FXML private Spinner<Integer> seconds;
    @FXML private CheckBox force;
    @FXML private Button prepare;
    @FXML private ToggleButton lock;
    @FXML private Button apply;
    @FXML private Label applyBlocked;
    @FXML private Label targetLine;
    @FXML private Label danger;
    @FXML private Label message;
    @FXML private ListView<DiffLine> preview;
    @FXML private TextArea testOutput;
    @FXML private HBox armedBox;
    @FXML private Label countdown;
    @FXML private Button confirm;
    @FXML private Button rollback;

    public RestoreView(RestoreViewModel model, Supplier<Optional<Endpoint>> live) {
        this.model = model;
        this.live = live;
        Fxml.load(this);
    }

    public Parent node() {
        return root;
    }

    /** Opens the dialog; the window ticks the countdown, shown here and in its status bar. */
    public void show(Window owner) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.titleProperty().bind(model.targetProperty().map(t -> "Restore rules into " + t));
        d.setResizable(true);
        // Not modal: the window stays usable while a restore waits for its confirmation.
        d.initModality(Modality.NONE);
        d.getDialogPane().setContent(root);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        d.show();
    }

    /** True only when the snapshot is this target's, or the operator says in words to restore it anyway. */
    private boolean confirmForeign(Snapshot s) {
        String why = model.foreign(s);
        if (why == null) {
            return false;
        }
        ButtonType anyway = new ButtonType("Restore it here anyway", ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.WARNING, why + "\n\nRestore it into " + model.targetProperty().get()
                + "?", anyway, ButtonType.CANCEL);
        ask.initOwner(root.getScene().getWindow());
        ask.setTitle("Snapshot from another target");
        ask.setHeaderText("This snapshot was taken on another target");
        ask.getDialogPane().setId("foreign-snapshot");
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        ((Button) ask.getDialogPane().lookupButton(anyway)).setDefaultButton(false);
        boolean yes = ask.showAndWait().filter(anyway::equals).isPresent();
        if (!yes) {
            snapshot.setValue(null);
        }
        return yes;
    }

    @FXML
    private void initialize() {
        chooseFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Rules to restore (iptables-save format)");
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                model.chooseFile(f.toPath());
            }
        });
        snapshot.setConverter(new StringConverter<>() {
            @Override
            public String toString(Snapshot s) {
                return s == null ? "" : s.meta().id() + " · " + s.meta().backend().id() + " " + s.meta().family().id()
                        + " · " + s.meta().kind().id() + " · " + RestoreViewModel.origin(s)
                        + (model.foreign(s) == null ? "" : " ⚠ another target");
            }

            @Override
            public Snapshot fromString(String text) {
                return null;
            }
        });
        snapshot.setItems(model.snapshots());
        snapshot.setOnShowing(e -> model.refreshSnapshots());
        snapshot.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.chooseSnapshot(now, confirmForeign(now));
            }
        });
        inputName.textProperty().bind(model.inputNameProperty());
        family.getItems().setAll(Family.values());
        family.valueProperty().bindBidirectional(model.familyProperty());
        backend.getItems().setAll(Backend.values());
        backend.valueProperty().bindBidirectional(model.backendProperty());
        seconds.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(10, 3600,
                model.confirmSecondsProperty().get(), 10));
        seconds.valueProperty().addListener((o, was, now) -> model.confirmSecondsProperty().set(now));
        force.selectedProperty().bindBidirectional(model.forceProperty());

        prepare.setOnAction(e -> live.get().ifPresent(model::prepare));
        prepare.disableProperty().bind(model.phaseProperty().isEqualTo(RestorePhase.ARMED));
        lock.selectedProperty().bindBidirectional(model.readOnlyProperty());
        lock.textProperty().bind(javafx.beans.binding.Bindings.when(model.readOnlyProperty())
                .then("Read-only: on (click to unlock)").otherwise("Read-only: OFF"));
        apply.setOnAction(e -> model.apply());
        apply.textProperty().bind(model.targetProperty().map(t -> "3. _Apply to " + t));
        targetLine.textProperty().bind(model.targetProperty().map(t -> "Writes to " + t
                + " (the window's target; choose another there)"));
        danger.textProperty().bind(model.dangerProperty());
        danger.visibleProperty().bind(model.dangerProperty().isNotNull());
        danger.managedProperty().bind(danger.visibleProperty());
        apply.disableProperty().bind(model.applyBlockedReason().isNotNull());
        applyBlocked.textProperty().bind(model.applyBlockedReason());
        message.textProperty().bind(model.messageProperty());
        testOutput.textProperty().bind(model.testOutputProperty());
        preview.setItems(model.preview());
        preview.setPlaceholder(PlaceholderLabel.of(model.previewPlaceholder()));
        preview.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(DiffLine item, boolean empty) {
                super.updateItem(item, empty);
                for (DiffLine.Kind k : DiffLine.Kind.values()) {
                    getStyleClass().remove(k.styleClass());
                }
                setText(empty || item == null ? null : item.display());
                if (!empty && item != null) {
                    getStyleClass().add(item.kind().styleClass());
                }
            }
        });
        armedBox.visibleProperty().bind(model.phaseProperty().isEqualTo(RestorePhase.ARMED));
        armedBox.managedProperty().bind(armedBox.visibleProperty());
        countdown.textProperty().bind(model.countdownProperty());
        confirm.setOnAction(e -> model.confirm());
        rollback.setOnAction(e -> model.rollbackNow());
        confirm.disableProperty().bind(model.pastDeadlineProperty());
        rollback.disableProperty().bind(model.pastDeadlineProperty());
    }
}
