package io.iptscope.ui.detection;

import io.iptscope.detect.Finding;
import io.iptscope.detect.Severity;
import io.iptscope.detect.TraceStep;
import io.iptscope.ui.common.Columns;
import io.iptscope.ui.common.FirstFrame;
import io.iptscope.ui.common.Fxml;
import io.iptscope.ui.common.PlaceholderLabel;
import io.iptscope.ui.common.Styles;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The detection overview: verdict per family, then findings, strategies, backends, binary matrix and nftables
 * tables, which join the window right after its first frame (issue 13, start fast).
 */
public final class DetectionView {

    private final DetectionViewModel model;
    private final ScrollPane root;

    @FXML private Label summary;
    @FXML private Label denied;
    @FXML private HBox verdictBox;
    @FXML private TableView<StrategyRow> strategyTable;
    @FXML private javafx.scene.control.TextArea strategyDetail;
    @FXML private TableView<Finding> findingTable;
    @FXML private TableView<BinaryRow> binaryTable;
    @FXML private TableView<BackendRow> backendTable;
    @FXML private TableView<NftTableRow> nftTable;
    @FXML private VBox pipelineBox;
    @FXML private ScrollPane scroll;
    @FXML private VBox content;
    @FXML private VBox rest;

    public DetectionView(DetectionViewModel model) {
        this.model = model;
        this.root = Fxml.load(this);
    }

    public Node node() {
        return root;
    }

    @FXML
    private void initialize() {
        summary.textProperty().bind(model.summaryProperty());
        denied.textProperty().bind(model.deniedReadsProperty());
        denied.visibleProperty().bind(model.deniedReadsProperty().isNotNull());
        denied.managedProperty().bind(denied.visibleProperty());
        pipelineBox.getChildren().add(new PipelineStrip(model.pipeline()).node());
        PlaceholderLabel.above(verdictBox, model.verdictsPlaceholder(), model.verdicts()).setId("verdictsPlaceholder");
        model.verdicts().addListener((ListChangeListener<FamilyVerdict>) c -> showVerdicts());
        showVerdicts();

        strategyTable.setItems(model.strategies());
        strategyTable.getColumns().setAll(java.util.List.of(
                Columns.text("", 28, StrategyRow::mark),
                Columns.text("Strategy", 110, StrategyRow::strategy),
                Columns.styled("IPv4", 190, r -> StrategyRow.cell(r.ipv4()), r -> null,
                        r -> r.ipv4() == null ? null : trace(r.ipv4().trace())),
                Columns.styled("IPv6", 190, r -> StrategyRow.cell(r.ipv6()), r -> null,
                        r -> r.ipv6() == null ? null : trace(r.ipv6().trace()))));
        strategyTable.setRowFactory(t -> highlighted(StrategyRow::alarming));
        // Each strategy's reasoning in words, for the keyboard and for reading, not only in a tooltip.
        strategyDetail.textProperty().bind(strategyTable.getSelectionModel().selectedItemProperty()
                .map(StrategyRow::reasoning).orElse("Select a strategy to read its reasoning step by step."));
        strategyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        strategyTable.setPlaceholder(PlaceholderLabel.of(model.strategiesPlaceholder()));

        findingTable.setItems(model.findings());
        findingTable.getColumns().setAll(java.util.List.of(
                Columns.styled("Severity", 80, f -> f.severity().id().toUpperCase(java.util.Locale.ROOT),
                        f -> severityClass(f.severity()), f -> null),
                Columns.text("Family", 50, f -> f.family() == null ? "all" : f.family().id()),
                Columns.wrapped("Finding", 330, Finding::message),
                Columns.wrapped("What breaks", 330, Finding::impact),
                Columns.wrapped("What to do", 330, Finding::action)));
        findingTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        findingTable.setPlaceholder(PlaceholderLabel.of(model.findingsPlaceholder()));

        binaryTable.setItems(model.binaries());
        Function<BinaryCell, String> missing = c -> c.found() ? null : Styles.CELL_MISSING;
        binaryTable.getColumns().setAll(java.util.List.of(
                Columns.text("Name", 135, BinaryRow::name),
                Columns.text("Points at", 170, BinaryRow::pointsAt),
                Columns.styled("base", 240, r -> r.base().text(), r -> missing.apply(r.base()),
                        r -> r.base().tooltip()),
                Columns.styled("-save", 240, r -> r.save().text(), r -> missing.apply(r.save()),
                        r -> r.save().tooltip()),
                Columns.styled("-restore", 240, r -> r.restore().text(), r -> missing.apply(r.restore()),
                        r -> r.restore().tooltip())));
        // No empty filler column: the columns share the width.
        binaryTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        binaryTable.setPlaceholder(PlaceholderLabel.of(model.binariesPlaceholder()));

        backendTable.setItems(model.backends());
        // Every column fits the width (wrapped text, no horizontal scrolling), so the backend stays in view.
        backendTable.getColumns().setAll(java.util.List.of(
                Columns.text("Backend", 90, BackendRow::where),
                Columns.styled("Read", 80, BackendRow::statusText,
                        r -> r.status() == io.iptscope.detect.ReadStatus.OK ? null : Styles.CELL_PROBLEM,
                        BackendRow::detail),
                Columns.text("Table", 60, BackendRow::table),
                Columns.text("Chains", 50, BackendRow::chains),
                Columns.text("Rules", 50, BackendRow::rules),
                Columns.wrapped("Policies", 150, BackendRow::policies),
                Columns.wrapped("Owners", 190, BackendRow::owners),
                Columns.wrapped("Hint chains · detail", 150, r -> join(r.hints(), r.detail()))));
        backendTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        backendTable.setPlaceholder(PlaceholderLabel.of(model.backendsPlaceholder()));

        nftTable.setItems(model.nftTables());
        nftTable.getColumns().setAll(java.util.List.of(
                Columns.text("Family", 70, NftTableRow::family),
                Columns.text("Table", 160, NftTableRow::name),
                Columns.text("Managed by", 140, NftTableRow::managedBy),
                Columns.wrapped("Base chains", 700, NftTableRow::baseChains)));
        nftTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        nftTable.setPlaceholder(PlaceholderLabel.of(model.nftTablesPlaceholder()));
        FirstFrame.whenShown(scroll, () -> content.getChildren().add(rest));
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " · " + b;
    }

    private void showVerdicts() {
        verdictBox.getChildren().clear();
        for (FamilyVerdict v : model.verdicts()) {
            VBox card = new VBox();
            card.getStyleClass().addAll(Styles.VERDICT_CARD, backendClass(v), v.confidence().styleClass());
            card.setId("card-" + v.family().id());
            card.setAccessibleText(v.family().id() + ": " + v.badge() + ", " + v.headline() + ", " + v.binary());
            Label badge = new Label(v.badge());
            badge.setId("confidence-" + v.family().id());
            badge.setWrapText(true);
            badge.getStyleClass().addAll("ipts-confidence-badge", v.confidence().styleClass());
            Label title = new Label(v.family() == io.iptscope.rules.Family.IPV4 ? "IPv4 (iptables)"
                    : "IPv6 (ip6tables)");
            title.getStyleClass().add(Styles.VERDICT_TITLE);
            Label backend = new Label(v.headline());
            backend.getStyleClass().addAll(Styles.VERDICT_BACKEND, backendClass(v));
            backend.setId("verdict-" + v.family().id());
            Label caveat = new Label(v.caveat());
            caveat.getStyleClass().add(Styles.SEVERITY_WARNING);
            caveat.setVisible(v.caveat() != null);
            caveat.setManaged(v.caveat() != null);
            Label binary = new Label(v.binary());
            binary.getStyleClass().add(Styles.VERDICT_BINARY);
            Label basis = new Label("decided by " + v.basis() + " · " + v.agreement());
            basis.getStyleClass().add(Styles.VERDICT_BASIS);
            card.getChildren().addAll(title, badge, backend, caveat, binary, basis);
            if (v.alert() != null) {
                Label alert = new Label(v.alert());
                alert.setWrapText(true);
                alert.getStyleClass().add(severityClass(v.worst().severity()));
                card.getChildren().add(alert);
            }
            int n = 1;
            for (TraceStep s : v.trace()) {
                Label step = new Label(n++ + ". " + prefix(s.kind()) + s.text());
                step.setWrapText(true);
                step.getStyleClass().add(traceClass(s.kind()));
                card.getChildren().add(step);
            }
            HBox.setHgrow(card, Priority.ALWAYS);
            card.setMaxWidth(Double.MAX_VALUE);
            card.setPrefWidth(600);
            verdictBox.getChildren().add(card);
        }
    }

    private static String backendClass(FamilyVerdict v) {
        return switch (v.backend()) {
            case LEGACY -> Styles.BACKEND_LEGACY;
            case NFT -> Styles.BACKEND_NFT;
            case NONE -> Styles.BACKEND_NONE;
        };
    }

    private static String prefix(TraceStep.Kind kind) {
        return switch (kind) {
            case OBSERVE -> "saw: ";
            case DECIDE -> "⇒ ";
            case NOTE -> "note: ";
        };
    }

    private static String traceClass(TraceStep.Kind kind) {
        return switch (kind) {
            case OBSERVE -> Styles.TRACE_OBSERVE;
            case DECIDE -> Styles.TRACE_DECIDE;
            case NOTE -> Styles.TRACE_NOTE;
        };
    }

    private static String trace(java.util.List<TraceStep> steps) {
        StringBuilder b = new StringBuilder();
        steps.forEach(s -> b.append(prefix(s.kind())).append(s.text()).append('\n'));
        return b.toString().strip();
    }

    static String severityClass(Severity s) {
        return switch (s) {
            case ERROR -> Styles.SEVERITY_ERROR;
            case WARNING -> Styles.SEVERITY_WARNING;
            case INFO -> Styles.SEVERITY_INFO;
        };
    }

    private static <R> TableRow<R> highlighted(java.util.function.Predicate<R> differs) {
        return new TableRow<>() {
            @Override
            protected void updateItem(R item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(Styles.ROW_DIFFERS);
                if (!empty && item != null && differs.test(item)) {
                    getStyleClass().add(Styles.ROW_DIFFERS);
                }
            }
        };
    }
}
