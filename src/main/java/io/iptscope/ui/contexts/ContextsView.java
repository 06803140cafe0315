package io.iptscope.ui.contexts;

import io.iptscope.detect.Finding;
import io.iptscope.detect.Strategies;
import io.iptscope.iptables.Endpoint;
import io.iptscope.ui.common.Fxml;
import io.iptscope.ui.common.OfflineCover;
import io.iptscope.ui.common.PlaceholderLabel;
import io.iptscope.ui.common.Styles;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;

/** The context matrix: what each binary source would choose in each netns, and whether that is where the rules are. */
public final class ContextsView {

    private final ContextsViewModel model;
    private final Supplier<Optional<Endpoint>> live;

    @FXML private BorderPane root;
    @FXML private ChoiceBox<String> strategy;
    @FXML private CheckBox containers;
    @FXML private TextField sources;
    @FXML private Button build;
    @FXML private Label summary;
    @FXML private TableView<ContextRow> rows;
    @FXML private TableColumn<ContextRow, String> sourceColumn;
    @FXML private TableColumn<ContextRow, String> netnsColumn;
    @FXML private TableColumn<ContextRow, String> ipv4Column;
    @FXML private TableColumn<ContextRow, String> ipv6Column;
    @FXML private ListView<Finding> findings;
    private OfflineCover offlineCover;

    public ContextsView(ContextsViewModel model, Supplier<Optional<Endpoint>> live) {
        this.model = model;
        this.live = live;
        Fxml.load(this);
    }

    public Node node() {
        return root;
    }

    public ContextsViewModel model() {
        return model;
    }

    /**
     * {@code shown} names what the window shows instead of a live target ("The sample report"); null: a live target.
     * The matrix is always built on a live target, so it is covered meanwhile.
     */
    public void offline(String shown) {
        offlineCover.cover(shown == null ? null : shown + " is not a live target, and the context matrix is built on "
                + "one: detect a target (F5), then build the matrix (Ctrl+M).");
    }

    public void build() {
        model.build(live.get(), containers.isSelected());
    }

    @FXML
    private void initialize() {
        offlineCover = new OfflineCover(root);
        strategy.getItems().setAll(Strategies.ids());
        strategy.valueProperty().bindBidirectional(model.strategyProperty());
        build.setOnAction(e -> build());
        sources.textProperty().bindBidirectional(model.extraSourcesProperty());
        sources.setOnAction(e -> build());
        summary.textProperty().bind(model.summaryProperty());
        rows.setItems(model.rows());
        rows.setPlaceholder(PlaceholderLabel.of(model.rowsPlaceholder()));
        sourceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().source()));
        netnsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().netns()));
        ipv4Column.setCellValueFactory(c -> new ReadOnlyStringWrapper(ContextRow.describe(c.getValue().ipv4())));
        ipv6Column.setCellValueFactory(c -> new ReadOnlyStringWrapper(ContextRow.describe(c.getValue().ipv6())));
        rows.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ContextRow item, boolean empty) {
                super.updateItem(item, empty);
                Styles.exclusive(getStyleClass(), !empty && item != null && !item.agrees() ? Styles.ROW_DIFFERS : null,
                        Styles.ROW_DIFFERS);
            }
        });
        findings.setItems(model.findings());
        findings.setPlaceholder(PlaceholderLabel.of(model.findingsPlaceholder()));
        findings.setCellFactory(l -> new ListCell<>() {
            {
                // Wrapping needs a width: the list's, less its scroll bar.
                prefWidthProperty().bind(l.widthProperty().subtract(24));
                setWrapText(true);
            }

            @Override
            protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : f.severity().id().toUpperCase(Locale.ROOT) + "  " + f.message()
                        + "\n   what breaks: " + f.impact() + "\n   what to do: " + f.action());
                Styles.exclusive(getStyleClass(), empty || f == null ? null : f.severity().id().equals("error")
                        ? Styles.SEVERITY_ERROR : Styles.SEVERITY_WARNING, Styles.SEVERITY_ERROR, Styles.SEVERITY_WARNING);
            }
        });
    }
}
