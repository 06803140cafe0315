package io.iptscope.ui.diff;

import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.Snapshot;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.ui.common.Fxml;
import java.io.File;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** Legacy vs nft, IPv4 vs IPv6, snapshot vs live, file vs file; per table and chain, marked and coloured. */
public final class DiffView {

    private final DiffViewModel model;
    private final Supplier<Optional<Endpoint>> live;

    @FXML private BorderPane root;
    @FXML private ChoiceBox<DiffMode> mode;
    @FXML private Label familyLabel;
    @FXML private ChoiceBox<Family> family;
    @FXML private Label backendLabel;
    @FXML private ChoiceBox<Backend> backend;
    @FXML private Label snapshotLabel;
    @FXML private ComboBox<Snapshot> snapshot;
    @FXML private Button fileA;
    @FXML private Button fileB;
    @FXML private Button compare;
    @FXML private Label summary;
    @FXML private ListView<DiffLine> lines;

    /** @param live the live target's endpoint (asks for the sudo password when needed), empty offline */
    public DiffView(DiffViewModel model, Supplier<Optional<Endpoint>> live) {
        this.model = model;
        this.live = live;
        Fxml.load(this);
    }

    public Node node() {
        return root;
    }

    public void compare() {
        DiffMode m = model.modeProperty().get();
        model.compare(m.live() ? live.get() : Optional.empty());
    }

    @FXML
    private void initialize() {
        mode.getItems().setAll(DiffMode.values());
        mode.valueProperty().bindBidirectional(model.modeProperty());
        family.getItems().setAll(Family.values());
        family.valueProperty().bindBidirectional(model.familyProperty());
        backend.getItems().setAll(Backend.values());
        backend.valueProperty().bindBidirectional(model.backendProperty());
        snapshot.setItems(model.snapshots());
        snapshot.valueProperty().bindBidirectional(model.snapshotProperty());
        snapshot.setConverter(new StringConverter<>() {
            @Override
            public String toString(Snapshot s) {
                return s == null ? "" : s.meta().id() + " · " + s.meta().backend() + " " + s.meta().family() + " · "
                        + s.meta().netns() + " · " + s.meta().kind();
            }

            @Override
            public Snapshot fromString(String text) {
                return null;
            }
        });
        snapshot.setOnShowing(e -> model.refreshSnapshots());
        fileA.setOnAction(e -> choose("First file").ifPresent(f -> model.fileAProperty().set(f.toPath())));
        fileB.setOnAction(e -> choose("Second file").ifPresent(f -> model.fileBProperty().set(f.toPath())));
        model.fileAProperty().addListener((o, was, now) -> fileA.setText("_First: " + now.getFileName()));
        model.fileBProperty().addListener((o, was, now) -> fileB.setText("_Second: " + now.getFileName()));
        compare.setOnAction(e -> compare());
        summary.textProperty().bind(model.summaryProperty());
        model.modeProperty().addListener((o, was, now) -> showInputsOf(now));
        showInputsOf(model.modeProperty().get());

        lines.setItems(model.lines());
        lines.setPlaceholder(new Label("No differences to show"));
        lines.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(DiffLine item, boolean empty) {
                super.updateItem(item, empty);
                for (DiffLine.Kind k : DiffLine.Kind.values()) {
                    getStyleClass().remove(k.styleClass());
                }
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(item.display());
                getStyleClass().add(item.kind().styleClass());
            }
        });
    }

    private void showInputsOf(DiffMode m) {
        show(m == DiffMode.LEGACY_VS_NFT, familyLabel, family);
        show(m == DiffMode.IPV4_VS_IPV6, backendLabel, backend);
        show(m == DiffMode.SNAPSHOT_VS_LIVE, snapshotLabel, snapshot);
        show(m == DiffMode.FILE_VS_FILE, fileA, fileB);
    }

    private static void show(boolean visible, Node... nodes) {
        for (Node n : nodes) {
            n.setVisible(visible);
            n.setManaged(visible);
        }
    }

    private Optional<File> choose(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title + " (iptables-save format)");
        return Optional.ofNullable(chooser.showOpenDialog(root.getScene().getWindow()));
    }
}
