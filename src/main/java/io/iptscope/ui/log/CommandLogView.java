package io.iptscope.ui.log;

import io.iptscope.exec.CommandRecord;
import io.iptscope.ui.common.Columns;
import io.iptscope.ui.common.Fxml;
import io.iptscope.ui.common.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;

/** The command log dock. */
public final class CommandLogView {

    /** The operator's local time, as the window's title gives it. */
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final double LOG_ROW_HEIGHT = 24;
    private static final int LOG_MIN_ROWS = 3;

    private final CommandLogViewModel model;
    private final VBox root;

    @FXML private TableView<CommandRecord> table;
    @FXML private Label count;

    public CommandLogView(CommandLogViewModel model) {
        this.model = model;
        this.root = Fxml.load(this);
    }

    public Node node() {
        return root;
    }

    public TableView<CommandRecord> table() {
        return table;
    }

    @FXML
    private void initialize() {
        table.setItems(model.records());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().setAll(List.of(
                Columns.text("Started", 110, r -> STARTED.format(r.startedAt())),
                Columns.styled("Outcome", 110, CommandRecord::outcome,
                        r -> r.exitCode() == 0 && !r.timedOut() ? null : Styles.CELL_PROBLEM, r -> r.launchError()),
                Columns.text("ms", 60, r -> String.valueOf(r.durationMillis())),
                Columns.text("Output", 110, r -> r.stdoutBytes() + " B / " + r.stderrBytes() + " B"),
                Columns.styled("Command", 800, CommandRecord::commandLine, r -> Styles.MONO,
                        CommandRecord::commandLine)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No command has run yet"));
        // The split gives the log what is left of a small window: at least the column header and three whole rows,
        // or the dock is a sliver that shows half a command.
        table.setFixedCellSize(LOG_ROW_HEIGHT);
        table.setMinHeight(LOG_ROW_HEIGHT * (LOG_MIN_ROWS + 1) + 4);
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.C && e.isShortcutDown()) {
                copySelected();
                e.consume();
            }
        });
        count.textProperty().bind(javafx.beans.binding.Bindings.size(model.records()).asString("%d commands"));
        model.records().addListener((javafx.collections.ListChangeListener<CommandRecord>) c ->
                table.scrollTo(model.records().size() - 1));
    }

    @FXML
    private void copySelected() {
        copy(table.getSelectionModel().getSelectedItems());
    }

    @FXML
    public void copyAll() {
        copy(model.records());
    }

    private static void copy(List<CommandRecord> records) {
        ClipboardContent content = new ClipboardContent();
        content.putString(CommandLogViewModel.asText(records));
        Clipboard.getSystemClipboard().setContent(content);
    }
}
