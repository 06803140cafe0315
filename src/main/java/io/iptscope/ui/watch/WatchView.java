package io.iptscope.ui.watch;

import io.iptscope.iptables.Endpoint;
import io.iptscope.iptables.WatchEvent;
import io.iptscope.ui.common.Fxml;
import io.iptscope.ui.common.OfflineCover;
import io.iptscope.ui.common.PlaceholderLabel;
import io.iptscope.ui.common.Styles;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The event timeline of a live watch, with a flush alarm that needs acknowledging. */
public final class WatchView {

    private final WatchViewModel model;
    private final Supplier<Optional<Endpoint>> live;

    @FXML private BorderPane root;
    private OfflineCover offlineCover;
    private String offline;
    @FXML private Button toggle;
    @FXML private CheckBox counters;
    @FXML private Button clear;
    @FXML private Label status;
    @FXML private TextField watchFilter;
    @FXML private TextArea eventDetail;
    @FXML private HBox alarmBox;
    @FXML private Label alarm;
    @FXML private Button acknowledge;
    @FXML private TableView<WatchRow> events;
    @FXML private TableColumn<WatchRow, String> timeColumn;
    @FXML private TableColumn<WatchRow, String> typeColumn;
    @FXML private TableColumn<WatchRow, String> backendColumn;
    @FXML private TableColumn<WatchRow, String> familyColumn;
    @FXML private TableColumn<WatchRow, String> whereColumn;
    @FXML private TableColumn<WatchRow, String> ruleColumn;
    @FXML private TableColumn<WatchRow, String> writerColumn;

    public WatchView(WatchViewModel model, Supplier<Optional<Endpoint>> live) {
        this.model = model;
        this.live = live;
        Fxml.load(this);
    }

    public Node node() {
        return root;
    }

    public WatchViewModel model() {
        return model;
    }

    /** Start or stop watching the live target. */
    /**
     * {@code shown} names what the window shows instead of a live target ("The sample report"); null: a live target.
     * Events of an earlier watch are covered meanwhile; a watch still running keeps its events and alarm in view.
     */
    public void offline(String shown) {
        offline = shown;
        coverIfIdle();
    }

    private void coverIfIdle() {
        offlineCover.cover(offline == null || model.watchingProperty().get() ? null : offline
                + " is not a live target, and a watch follows one: detect a target (F5), then watch it (Ctrl+W).");
    }

    public void toggle() {
        model.toggle(model.watchingProperty().get() ? Optional.empty() : live.get());
    }

    @FXML
    private void initialize() {
        offlineCover = new OfflineCover(root);
        model.watchingProperty().addListener((o, was, now) -> coverIfIdle());
        toggle.textProperty().bind(model.watchingProperty().map(w -> w ? "Stop watching (Ctrl+W)"
                : "Start watching (Ctrl+W)"));
        toggle.setOnAction(e -> toggle());
        counters.selectedProperty().bindBidirectional(model.countersProperty());
        counters.disableProperty().bind(model.watchingProperty());
        clear.setOnAction(e -> model.clear());
        status.textProperty().bind(model.statusProperty());
        alarm.textProperty().bind(model.alarmProperty());
        alarmBox.visibleProperty().bind(model.alarmProperty().isNotEmpty());
        alarmBox.managedProperty().bind(alarmBox.visibleProperty());
        acknowledge.setOnAction(e -> model.acknowledge());
        events.setItems(model.rows());
        events.setPlaceholder(PlaceholderLabel.of(model.eventsPlaceholder()));
        watchFilter.textProperty().bindBidirectional(model.filterProperty());
        // Down in the filter goes to the events, Esc clears it, as in the rule browser.
        watchFilter.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DOWN && !events.getItems().isEmpty()) {
                e.consume();
                events.requestFocus();
                if (events.getSelectionModel().isEmpty()) {
                    events.getSelectionModel().select(0);
                }
            } else if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && !watchFilter.getText().isEmpty()) {
                e.consume();
                watchFilter.clear();
            }
        });
        eventDetail.textProperty().bind(events.getSelectionModel().selectedItemProperty().map(WatchRow::detail)
                .orElse(""));
        column(timeColumn, WatchRow::time);
        column(typeColumn, WatchRow::type);
        column(backendColumn, r -> r.first().backend() == null ? null : r.first().backend().id());
        column(familyColumn, r -> r.first().family() == null ? null : r.first().family().id());
        column(whereColumn, WatchRow::where);
        column(ruleColumn, WatchRow::text);
        column(writerColumn, r -> r.first().writer());
        ruleColumn.getStyleClass().add(Styles.MONO);
        typeColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // Not colour alone: the text says FLUSH or error too.
                Styles.exclusive(getStyleClass(), empty || item == null ? null
                        : item.contains("FLUSH") ? Styles.SEVERITY_ERROR
                        : item.equals(WatchEvent.Type.ERROR.id()) ? Styles.SEVERITY_WARNING : null,
                        Styles.SEVERITY_ERROR, Styles.SEVERITY_WARNING);
            }
        });
    }

    private static void column(TableColumn<WatchRow, String> c, Function<WatchRow, String> value) {
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
    }
}
