package io.iptscope.ui.restore;

import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.Snapshot;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.ui.common.Fxml;
import io.iptscope.ui.diff.DiffLine;
import java.io.File;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
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
import javafx.util.Duration;
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

    /** Opens the dialog; the countdown ticks while it is shown. */
    public void show(Window owner) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Restore rules");
        d.setResizable(true);
        // Not modal: the window stays usable while a restore waits for its confirmation.
        d.initModality(Modality.NONE);
        d.getDialogPane().setContent(root);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick(Instant.now())));
        ticker.setCycleCount(Timeline.INDEFINITE);
        d.setOnShown(e -> ticker.play());
        d.setOnHidden(e -> ticker.stop());
        d.show();
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
                return s == null ? "" : s.meta().id() + " · " + s.meta().backend() + " " + s.meta().family() + " · "
                        + s.meta().kind();
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
                model.chooseSnapshot(now);
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
        apply.disableProperty().bind(model.applyBlockedReason().isNotNull());
        applyBlocked.textProperty().bind(model.applyBlockedReason());
        message.textProperty().bind(model.messageProperty());
        testOutput.textProperty().bind(model.testOutputProperty());
        preview.setItems(model.preview());
        preview.setPlaceholder(new Label("Prepare to see what would change"));
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
    }
}
