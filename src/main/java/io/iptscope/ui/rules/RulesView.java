package io.iptscope.ui.rules;

import io.iptscope.detect.NftTablesEvidence;
import io.iptscope.rules.Backend;
import io.iptscope.rules.ChainRef;
import io.iptscope.rules.NftTableListing;
import io.iptscope.rules.Family;
import io.iptscope.ui.common.Columns;
import io.iptscope.ui.common.Fxml;
import io.iptscope.ui.common.PlaceholderLabel;
import io.iptscope.ui.common.Styles;
import io.iptscope.ui.task.TaskRunner;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;

/**
 * The rule browser: chain tree, virtualized rule table with filter bar, jump links, details. The window makes it
 * when it is first needed (issue 13, start fast), often after its model has read rules: it starts from the model's
 * state, then follows its changes.
 */
public final class RulesView {

    /** The style class of text the filter found. */
    public static final String HIGHLIGHT = "ipts-match";
    /** The style class of the counts after a name in the chain tree. */
    public static final String COUNTS = "ipts-tree-counts";

    private final RulesViewModel model;
    private final TaskRunner tasks;
    private final Runnable loadLiveAction;
    private boolean syncingTree;
    private int treeBuilds;

    @FXML private BorderPane root;
    @FXML private ChoiceBox<Backend> backend;
    @FXML private ChoiceBox<Family> family;
    @FXML private Button loadLive;
    @FXML private Button openFile;
    @FXML private Label loaded;
    @FXML private TextField filter;
    @FXML private Label count;
    @FXML private Label filterMessage;
    @FXML private HBox filterBar;
    @FXML private Label filterNote;
    @FXML private Button clearFilter;
    @FXML private FlowPane filterOn;
    @FXML private Button back;
    @FXML private Button forward;
    @FXML private Label breadcrumb;
    @FXML private Label error;
    @FXML private VBox treePane;
    @FXML private TreeView<Object> tree;
    @FXML private SplitPane rulesSplit;
    @FXML private TableView<RuleRow> table;
    @FXML private TextArea details;
    @FXML private Label referencedByTitle;
    @FXML private ListView<RuleRow> referencedBy;
    @FXML private VBox header;
    @FXML private SplitPane browser;
    @FXML private VBox offlinePane;
    @FXML private Label offlineText;
    @FXML private Button offlineOpenFile;
    @FXML private Label offlineError;
    /** The user chose a save file while offline: the next ruleset shown is that file's, and the browser returns. */
    private boolean fileChosenOffline;

    /**
     * @param tasks    runs the building of big chain trees off the FX thread
     * @param loadLive reads the chosen backend from the live target (the window knows target and privilege)
     */
    public RulesView(RulesViewModel model, TaskRunner tasks, Runnable loadLive) {
        this.model = model;
        this.tasks = tasks;
        this.loadLiveAction = loadLive;
        Fxml.load(this);
    }

    public Node node() {
        return root;
    }

    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    public void followSelected() {
        RuleRow row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            model.follow(row);
        }
    }

    public void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open an iptables-save file");
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            fileChosenOffline = isOffline();
            model.loadFile(f.toPath());
        }
    }

    /**
     * One target of truth: while the window shows a saved report or the sample ({@code shown}, e.g. "The sample
     * report"), which hold no rules, the rules read from the last live target are not shown; a save file the user
     * opens is. {@code null}: a live target is shown again and so is the browser.
     */
    public void offline(String shown) {
        fileChosenOffline = false;
        if (shown == null) {
            root.setTop(header);
            root.setCenter(browser);
            return;
        }
        offlineText.setText(shown + " holds no rules. This tab shows the rules of a live target (F5 detects it and "
                + "reads them) or of an iptables-save file, never those of a target the window no longer shows.");
        root.setTop(null);
        root.setCenter(offlinePane);
    }

    private boolean isOffline() {
        return root.getCenter() == offlinePane;
    }

    @FXML
    private void initialize() {
        backend.getItems().setAll(Backend.values());
        backend.valueProperty().bindBidirectional(model.backendProperty());
        family.getItems().setAll(Family.values());
        family.valueProperty().bindBidirectional(model.familyProperty());
        loadLive.setOnAction(e -> loadLiveAction.run());
        openFile.setOnAction(e -> openFile());
        loaded.textProperty().bind(model.loadedProperty());
        error.textProperty().bind(model.errorProperty());
        offlineError.textProperty().bind(model.errorProperty());
        offlineOpenFile.setOnAction(e -> openFile());
        model.rowsProperty().addListener((o, was, now) -> {
            if (fileChosenOffline && isOffline()) {
                offline(null);
            }
        });

        filter.textProperty().bindBidirectional(model.filterTextProperty());
        filter.setTooltip(new Tooltip(String.join("\n",
                "Terms next to each other must all hold; 'or' between them, ( ) to group, ! to negate.",
                "Fields: chain table target src dst proto iface comment module, e.g. chain:KUBE-SVC-*",
                "src/dst take an address or CIDR and match overlapping networks",
                "hits>N hits>=N hits<N hits<=N hits=N (packet counters)",
                "Anything else is text found anywhere in the rule line.")));
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !filter.getText().isEmpty()) {
                model.clearFilter();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                enterResults();
                e.consume();
            }
        });
        filterNote.textProperty().bind(model.filterNoteProperty());
        filterBar.visibleProperty().bind(model.filterNoteProperty().isNotNull());
        filterBar.managedProperty().bind(filterBar.visibleProperty());
        model.suspendedProperty().addListener((o, was, now) -> showSuspended(now));
        showSuspended(model.suspendedProperty().get());
        clearFilter.setOnAction(e -> model.clearFilter());
        model.filterProperty().addListener((o, was, q) -> showFilterState(q));
        showFilterState(model.filterProperty().get());
        count.textProperty().bind(model.countProperty());

        back.disableProperty().bind(model.canBackProperty().not());
        forward.disableProperty().bind(model.canForwardProperty().not());
        back.setOnAction(e -> model.back());
        forward.setOnAction(e -> model.forward());
        breadcrumb.textProperty().bind(Bindings.createStringBinding(() -> model.locationProperty().get() == null ? ""
                : model.locationProperty().get().toString(), model.locationProperty()));

        setUpTree();
        setUpTable();
        details.textProperty().bind(model.detailsProperty());
        model.selectedProperty().addListener((o, was, now) -> showFilterLinks(now));
        showFilterLinks(model.selectedProperty().get());

        referencedBy.setItems(model.referencedBy());
        referencedBy.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(RuleRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.chain() + " #" + item.number() + "  " + item.rule().body());
            }
        });
        referencedBy.setPlaceholder(PlaceholderLabel.of(model.referencedByPlaceholder()));
        referencedBy.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                revealReferencing();
            }
        });
        referencedBy.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                revealReferencing();
            }
        });
        // Short, so that it fits the narrow pane; how to open a rule is in the tooltip.
        referencedByTitle.textProperty().bind(Bindings.size(model.referencedBy()).asString("Referenced by (%d)"));
        Tooltip opens = new Tooltip("The rules that jump or go to this chain: Enter or a double click opens one");
        referencedByTitle.setTooltip(opens);
        referencedBy.setTooltip(opens);
    }

    private void showSuspended(boolean suspended) {
        Styles.exclusive(filterBar.getStyleClass(), suspended ? "ipts-banner-warning" : null, "ipts-banner-warning");
    }

    /** Down in the filter: into the results, on the first row unless one is selected already. */
    private void enterResults() {
        if (table.getItems().isEmpty()) {
            return;
        }
        if (table.getSelectionModel().isEmpty()) {
            table.getSelectionModel().clearAndSelect(0);
        }
        table.getFocusModel().focus(table.getSelectionModel().getSelectedIndex());
        table.requestFocus();
    }

    /** The detail pane's "filter on this value": one link per field of the selected rule. */
    private void showFilterLinks(RuleRow row) {
        filterOn.getChildren().clear();
        if (row == null) {
            return;
        }
        filterOn.getChildren().add(new Label("Filter on:"));
        for (RuleColumn c : RuleColumn.values()) {
            c.term(row).ifPresent(term -> {
                Hyperlink link = new Hyperlink(term);
                link.getStyleClass().add(Styles.LINK);
                link.setId("filter-on-" + c.name().toLowerCase(java.util.Locale.ROOT));
                link.setTooltip(new Tooltip(c.header() + ": keep only the rules with this value"
                        + " (added to the filter)"));
                link.setOnAction(e -> model.filterOn(term));
                filterOn.getChildren().add(link);
            });
        }
    }

    private void revealReferencing() {
        RuleRow r = referencedBy.getSelectionModel().getSelectedItem();
        if (r != null) {
            model.reveal(r);
            table.requestFocus();
        }
    }

    private void showFilterState(FilterQuery q) {
        if (q instanceof FilterQuery.Invalid bad) {
            Styles.exclusive(filter.getStyleClass(), Styles.FILTER_INVALID, Styles.FILTER_VALID, Styles.FILTER_INVALID);
            filterMessage.setText("✗ " + bad.message() + " at column " + (bad.position() + 1)
                    + " — still showing the last good result\n" + bad.text() + "\n" + " ".repeat(bad.position()) + "^");
            filterMessage.getStyleClass().add(Styles.MONO);
            filterMessage.setVisible(true);
        } else {
            boolean empty = q.text().isBlank();
            Styles.exclusive(filter.getStyleClass(), empty ? null : Styles.FILTER_VALID, Styles.FILTER_VALID,
                    Styles.FILTER_INVALID);
            filterMessage.setText(empty ? "" : "✓ valid");
            filterMessage.getStyleClass().remove(Styles.MONO);
            filterMessage.setVisible(!empty);
        }
        filterMessage.setManaged(filterMessage.isVisible());
    }

    private void setUpTree() {
        TreeItem<Object> rootItem = new TreeItem<>("tables");
        tree.setRoot(rootItem);
        tree.setCellFactory(t -> new ChainTreeCell());
        PlaceholderLabel.above(tree, model.treePlaceholder(), model.tree()).setId("treePlaceholder");
        // The tree keeps its width when the window grows; the rule table takes the rest.
        SplitPane.setResizableWithParent(treePane, false);
        model.tree().addListener((javafx.collections.ListChangeListener<TableNode>) c -> buildTree());
        model.nativeTables().addListener((javafx.collections.ListChangeListener<NftTablesEvidence.NftTable>) c
                -> showNativeTables());
        setUpNative();
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (syncingTree || now == null) {
                return;
            }
            if (now.getValue() instanceof TableNode tn) {
                model.open(ChainRef.table(tn.name()));
            } else if (now.getValue() instanceof TableNode.ChainNode cn) {
                model.open(cn.ref());
            } else if (now.getValue() instanceof NftTablesEvidence.NftTable nt) {
                model.openNative(nt);
            }
        });
        model.locationProperty().addListener((o, was, now) -> selectInTree(now));
        if (!model.nativeTables().isEmpty()) {
            showNativeTables();
        }
        if (!model.tree().isEmpty()) {
            buildTree();
        }
    }

    /**
     * Runs a change of the tree's items or selection that is not the user's choice. Replacing items makes the
     * tree's selection model move the selected index by the number of items added, onto an unrelated item; the
     * selection listener must not take that for a click and open it (issue 14: open(nat) after a file load
     * ended on some chain of nat once the rebuilt tree arrived).
     */
    private void syncing(Runnable change) {
        boolean was = syncingTree;
        syncingTree = true;
        try {
            change.run();
        } finally {
            syncingTree = was;
        }
    }

    private void selectInTree(ChainRef ref) {
        if (ref == null) {
            return;
        }
        syncing(() -> {
            for (TreeItem<Object> t : tree.getRoot().getChildren()) {
                if (t.getValue() instanceof TableNode tn && tn.name().equals(ref.table())) {
                    if (ref.wholeTable()) {
                        tree.getSelectionModel().select(t);
                    } else {
                        t.setExpanded(true);
                        t.getChildren().stream().filter(c -> ((TableNode.ChainNode) c.getValue()).name()
                                .equals(ref.chain())).findFirst().ifPresent(c -> tree.getSelectionModel().select(c));
                    }
                }
            }
            int i = tree.getSelectionModel().getSelectedIndex();
            if (i >= 0) {
                tree.scrollTo(Math.max(0, i - 3));
            }
        });
    }

    private void setUpTable() {
        table.itemsProperty().bind(model.rowsProperty());
        Label placeholder = PlaceholderLabel.of(model.rowsPlaceholder());
        placeholder.setId("rulesPlaceholder");
        table.setPlaceholder(placeholder);
        TableColumn<RuleRow, RuleRow> chain = column(RuleColumn.CHAIN);
        // The chain column only says something when a whole table is shown.
        chain.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.locationProperty().get() != null
                && model.locationProperty().get().wholeTable(), model.locationProperty()));
        table.getColumns().setAll(List.of(
                Columns.text("#", 45, r -> String.valueOf(r.number())),
                chain,
                Columns.text("Pkts", 55, RuleRow::packets),
                Columns.text("Bytes", 55, RuleRow::bytes),
                column(RuleColumn.TARGET),
                column(RuleColumn.TARGET_ARGUMENTS),
                column(RuleColumn.PROTOCOL),
                column(RuleColumn.SOURCE),
                column(RuleColumn.DESTINATION),
                column(RuleColumn.IN),
                column(RuleColumn.OUT),
                column(RuleColumn.MATCHES),
                column(RuleColumn.COMMENT)));
        // Every column keeps its width and the table scrolls sideways; the detail pane shows the whole rule.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        model.highlightsProperty().addListener((o, was, now) -> table.refresh());
        // All rows one height: the virtual flow then never measures rows it does not show.
        table.setFixedCellSize(24);
        table.getSelectionModel().selectedItemProperty()
                .addListener((o, was, now) -> model.selectedProperty().set(now));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                followSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && !filter.getText().isEmpty()) {
                model.clearFilter();
                e.consume();
            }
        });
        model.revealProperty().addListener((o, was, now) -> reveal(now.intValue()));
        reveal(model.revealProperty().get());
        model.rowsProperty().addListener((o, was, now) -> scrollTopIfEmptySelection(now));
    }

    private void reveal(int index) {
        if (index >= 0) {
            table.getSelectionModel().clearAndSelect(index);
            table.scrollTo(Math.max(0, index - 3));
        }
    }

    private void scrollTopIfEmptySelection(ObservableList<RuleRow> rows) {
        if (!rows.isEmpty() && table.getSelectionModel().isEmpty()) {
            table.scrollTo(0);
        }
    }

    /** The native nft tables, last in the tree, under their own heading. */
    private final TreeItem<Object> nativeGroup = new TreeItem<>("native nftables tables (read-only)");
    private final ListView<String> nativeList = new ListView<>();

    private void showNativeTables() {
        syncing(() -> {
            nativeGroup.getChildren().setAll(model.nativeTables().stream().map(t -> new TreeItem<Object>(t)).toList());
            nativeGroup.setExpanded(true);
            if (!tree.getRoot().getChildren().contains(nativeGroup)) {
                tree.getRoot().getChildren().add(nativeGroup);
            }
        });
    }

    /** A native table replaces the rule table while it is open; its rules are nft text, one per line. */
    private void setUpNative() {
        nativeList.setId("nativeTable");
        nativeList.getStyleClass().add(Styles.MONO);
        nativeList.setPlaceholder(new Label("This table has no chains"));
        model.nativeTableProperty().addListener((o, was, now) -> showNative(now));
        if (model.nativeTableProperty().get() != null) {
            showNative(model.nativeTableProperty().get());
        }
    }

    private void showNative(NftTableListing now) {
        SplitPane pane = rulesSplit;
        double[] dividers = pane.getDividerPositions();
        if (now == null) {
            pane.getItems().set(0, table);
            breadcrumb.textProperty().bind(Bindings.createStringBinding(() -> model.locationProperty().get()
                    == null ? "" : model.locationProperty().get().toString(), model.locationProperty()));
        } else {
            nativeList.getItems().setAll(now.lines());
            pane.getItems().set(0, nativeList);
            breadcrumb.textProperty().unbind();
            breadcrumb.setText("nft table " + now.family() + " " + now.name() + " · " + now.chains().size()
                    + " chains, " + now.ruleCount() + " rules · read-only");
        }
        pane.setDividerPositions(dividers);
    }

    /**
     * Makes the tree items in the background: a kube-proxy nat table has 100k chains, and items made
     * before they join the tree cost the FX thread nothing. Only the table being browsed starts expanded.
     */
    private void buildTree() {
        List<TableNode> nodes = List.copyOf(model.tree());
        int build = ++treeBuilds;
        String open = model.locationProperty().get() == null ? null : model.locationProperty().get().table();
        tasks.submit("Build the chain tree", p -> {
            List<TreeItem<Object>> tables = new java.util.ArrayList<>();
            for (TableNode t : nodes) {
                TreeItem<Object> item = new TreeItem<>(t);
                List<TreeItem<Object>> chains = new java.util.ArrayList<>(t.chains().size());
                t.chains().forEach(ch -> chains.add(new TreeItem<>(ch)));
                item.getChildren().setAll(chains);
                item.setExpanded(t.name().equals(open));
                tables.add(item);
            }
            return tables;
        }, tables -> {
            // A newer load or index may have replaced the tree meanwhile.
            if (build == treeBuilds) {
                syncing(() -> {
                    tree.getSelectionModel().clearSelection();
                    tree.getRoot().getChildren().setAll(tables);
                    tree.getRoot().getChildren().add(nativeGroup);
                });
                selectInTree(model.locationProperty().get());
            }
        }, e -> tasks.failed("Build the chain tree", e));
    }

    /**
     * A column of rule text: the filter's terms are marked, a right click offers "filter on this value", and
     * the target of a jump to a chain is a link that follows it.
     */
    private TableColumn<RuleRow, RuleRow> column(RuleColumn kind) {
        TableColumn<RuleRow, RuleRow> c = new TableColumn<>(kind.header());
        c.setPrefWidth(kind.width());
        c.setSortable(false);
        c.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new RuleCell(kind));
        return c;
    }

    /**
     * A table, chain or native table of the tree: its name, then its counts. The cell is as wide as the tree, not as
     * its text, so a long chain name is shortened in the middle and the counts after it stay in view.
     */
    private static final class ChainTreeCell extends TreeCell<Object> {
        private final Label name = new Label();
        private final Label counts = new Label();
        private final HBox box = new HBox(8, name, counts);

        ChainTreeCell() {
            setPrefWidth(0);
            name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
            name.setMinWidth(0);
            counts.setMinWidth(Region.USE_PREF_SIZE);
            counts.getStyleClass().add(COUNTS);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setMinWidth(0);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            setTooltip(null);
            if (empty || item == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            if (item instanceof TableNode tn) {
                show(tn.name(), tn.counts());
            } else if (item instanceof TableNode.ChainNode cn) {
                show(cn.name(), cn.counts());
                setTooltip(new Tooltip(cn.tooltip()));
            } else if (item instanceof NftTablesEvidence.NftTable nt) {
                show(nt.qualifiedName(), nt.dropsByPolicy() ? "(a base chain drops by policy)" : "");
                setTooltip(new Tooltip("nft -j list table " + nt.qualifiedName()
                        + ": read-only; iptables tools never show this table"));
            } else {
                show(item.toString(), "");
            }
            setGraphic(box);
        }

        private void show(String nameText, String countsText) {
            name.setText(nameText);
            counts.setText(countsText);
            counts.setVisible(!countsText.isEmpty());
            counts.setManaged(counts.isVisible());
            setAccessibleText(countsText.isEmpty() ? nameText : nameText + "  " + countsText);
        }
    }

    private final class RuleCell extends TableCell<RuleRow, RuleRow> {
        private final RuleColumn kind;
        private final Hyperlink link = new Hyperlink();
        private final HBox pieces = new HBox();

        RuleCell(RuleColumn kind) {
            this.kind = kind;
            link.getStyleClass().add(Styles.LINK);
            link.setOnAction(e -> {
                RuleRow row = getItem();
                if (row != null) {
                    model.follow(row);
                }
            });
            Rectangle clip = new Rectangle();
            clip.widthProperty().bind(widthProperty());
            clip.heightProperty().bind(heightProperty());
            setClip(clip);
            setOnContextMenuRequested(e -> {
                RuleRow row = getItem();
                if (row != null) {
                    menuFor(row).show(this, e.getScreenX(), e.getScreenY());
                    e.consume();
                }
            });
        }

        private ContextMenu menuFor(RuleRow row) {
            ContextMenu menu = new ContextMenu();
            kind.term(row).ifPresent(term -> {
                MenuItem keep = new MenuItem("Filter on this value: " + term);
                keep.setOnAction(e -> model.filterOn(term));
                MenuItem drop = new MenuItem("Exclude this value: !" + term);
                drop.setOnAction(e -> model.filterOn("!" + term));
                menu.getItems().addAll(keep, drop);
            });
            MenuItem copy = new MenuItem("Copy the rule line");
            copy.setOnAction(e -> javafx.scene.input.Clipboard.getSystemClipboard().setContent(
                    java.util.Map.of(javafx.scene.input.DataFormat.PLAIN_TEXT, row.rule().raw())));
            menu.getItems().add(copy);
            return menu;
        }

        @Override
        protected void updateItem(RuleRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            if (kind == RuleColumn.TARGET && row.jumpName() != null && model.isChain(row.table(), row.jumpName())) {
                // A jump is marked by the arrow and underline, not by colour alone.
                link.setText("→ " + row.target());
                setText(null);
                setGraphic(link);
                return;
            }
            String text = kind.of(row);
            List<Highlight.Piece> parts = Highlight.pieces(text, model.highlightsProperty().get());
            if (parts.size() == 1 && !parts.get(0).marked()) {
                setText(text);
                setGraphic(null);
                return;
            }
            pieces.getChildren().clear();
            for (Highlight.Piece p : parts) {
                Label l = new Label(p.text());
                l.setMinWidth(Label.USE_PREF_SIZE);
                if (p.marked()) {
                    l.getStyleClass().add(HIGHLIGHT);
                }
                pieces.getChildren().add(l);
            }
            setText(null);
            setGraphic(pieces);
        }
    }
}
