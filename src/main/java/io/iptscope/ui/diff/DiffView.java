package io.iptscope.ui.diff;

import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.Snapshot;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.ui.common.Columns;
import io.iptscope.ui.common.Fxml;
import io.iptscope.ui.common.PlaceholderLabel;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

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
    @FXML private javafx.scene.layout.VBox snapshotBox;
    @FXML private Label snapshotLabel;
    @FXML private ListView<Snapshot> snapshot;
    @FXML private Button fileA;
    @FXML private Button fileB;
    @FXML private Button compare;
    @FXML private Label diffSummary;
    @FXML private SplitPane diffSplit;
    @FXML private Label diffOffline;
    /** The comparison shown was read from the live target. */
    private boolean comparedLive;
    /** What the window shows instead of a live target ("The sample report"), or null. */
    private String offline;
    @FXML private TableView<DiffReport.Section> sectionTable;
    @FXML private TextField diffFilter;
    @FXML private Button previousChange;
    @FXML private Button nextChange;
    @FXML private TreeView<DiffLine> diffLines;
    private static final int MIN_SECTION_ROWS = 3;
    private static final int MAX_SECTION_ROWS = 12;
    /** Half the divider, which the split takes out of the table's share. */
    private static final double DIVIDER_ROOM = 4;
    /** The tree's items in the order of the model's lines, so a line's index finds its item. */
    private final List<TreeItem<DiffLine>> items = new ArrayList<>();

    /** @param live the live target's endpoint (asks for the sudo password when needed), empty offline */
    public DiffView(DiffViewModel model, Supplier<Optional<Endpoint>> live) {
        this.model = model;
        this.live = live;
        Fxml.load(this);
    }

    public Node node() {
        return root;
    }

    public DiffViewModel model() {
        return model;
    }

    public void compare() {
        DiffMode m = model.modeProperty().get();
        Optional<Endpoint> endpoint = m.live() ? live.get() : Optional.empty();
        if (!m.live() || endpoint.isPresent()) {
            comparedLive = m.live();
        }
        model.compare(endpoint);
    }

    /**
     * One target of truth: while the window shows a saved report or the sample ({@code shown}, e.g. "The sample
     * report"), a comparison read from the live target is not shown; one of two files is. {@code null}: a live
     * target is shown again.
     */
    public void offline(String shown) {
        offline = shown;
        showOrCover();
    }

    private void showOrCover() {
        boolean cover = offline != null && comparedLive && model.reportProperty().get() != null;
        if (cover) {
            diffOffline.setText(offline + " holds no rules, and the comparison on this tab was read from a live "
                    + "target the window no longer shows. Detect the target (F5) and compare again, or compare two "
                    + "files.");
        }
        root.setCenter(cover ? diffOffline : diffSplit);
        diffSummary.setVisible(!cover);
        diffSummary.setManaged(!cover);
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
        snapshot.setPlaceholder(PlaceholderLabel.of(model.snapshotsPlaceholder()));
        snapshot.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Snapshot s, boolean empty) {
                super.updateItem(s, empty);
                // Two lines, so origin and time are never cut off behind a scrollbar.
                setText(empty || s == null ? null : describe(s));
            }
        });
        snapshot.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.snapshotProperty().set(now);
            }
        });
        model.snapshotProperty().addListener((o, was, now) -> {
            if (now != null && snapshot.getSelectionModel().getSelectedItem() != now) {
                snapshot.getSelectionModel().select(now);
            }
        });
        fileA.setOnAction(e -> choose("First file").ifPresent(f -> model.fileAProperty().set(f.toPath())));
        fileB.setOnAction(e -> choose("Second file").ifPresent(f -> model.fileBProperty().set(f.toPath())));
        model.fileAProperty().addListener((o, was, now) -> fileA.setText("_First: " + now.getFileName()));
        model.fileBProperty().addListener((o, was, now) -> fileB.setText("_Second: " + now.getFileName()));
        compare.setOnAction(e -> compare());
        diffSummary.textProperty().bind(model.summaryProperty());
        model.reportProperty().addListener((o, was, now) -> showOrCover());
        model.modeProperty().addListener((o, was, now) -> {
            showInputsOf(now);
            if (now == DiffMode.SNAPSHOT_VS_LIVE) {
                model.refreshSnapshots();
            }
        });
        showInputsOf(model.modeProperty().get());

        setUpSections();
        diffFilter.textProperty().bindBidirectional(model.filterTextProperty());
        diffFilter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !diffFilter.getText().isEmpty()) {
                diffFilter.clear();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                diffLines.requestFocus();
                if (diffLines.getSelectionModel().isEmpty()) {
                    nextChange();
                }
                e.consume();
            }
        });
        nextChange.setOnAction(e -> nextChange());
        previousChange.setOnAction(e -> previousChange());
        diffLines.setOnKeyTyped(e -> {
            if ("n".equals(e.getCharacter())) {
                nextChange();
            } else if ("N".equals(e.getCharacter())) {
                previousChange();
            }
        });
        PlaceholderLabel.above(diffLines, model.linesPlaceholder(), model.lines()).setId("diffLinesPlaceholder");
        diffLines.setRoot(new TreeItem<>());
        diffLines.setCellFactory(t -> new TreeCell<>() {
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
                setText(item.kind().marker() + item.text());
                getStyleClass().add(item.kind().styleClass());
            }
        });
        model.lines().addListener((ListChangeListener<DiffLine>) c -> buildTree());
        buildTree();
    }

    /** Two lines per snapshot: what it holds, then where and when it was taken. */
    static String describe(Snapshot s) {
        return s.meta().id() + " · " + s.meta().backend().id() + " " + s.meta().family().id() + " · "
                + s.meta().kind().id()
                + (s.meta().note() == null || s.meta().note().isBlank() ? "" : " · " + s.meta().note()) + "\n"
                + s.meta().host() + " · netns " + s.meta().netns() + " · " + s.meta().createdAt();
    }

    private void setUpSections() {
        sectionTable.setItems(model.sections());
        sectionTable.setPlaceholder(PlaceholderLabel.of(model.sectionsPlaceholder()));
        sectionTable.getColumns().setAll(List.of(
                Columns.text("Owner", 110, DiffReport.Section::owner),
                Columns.text("Table", 70, DiffReport.Section::table),
                Columns.text("Chain", 230, DiffReport.Section::chain),
                Columns.text("Only in A", 80, s -> count(s.onlyA())),
                Columns.text("Only in B", 80, s -> count(s.onlyB())),
                Columns.text("Changed", 70, s -> count(s.changed())),
                Columns.text("Moved", 60, s -> count(s.moved())),
                Columns.text("Where", 330, s -> switch (s.side()) {
                    case ONLY_A -> "chain only in A";
                    case ONLY_B -> "chain only in B";
                    case BOTH -> s.policyChanged() ? "both; policy " + s.policyA() + " → " + s.policyB() : "both";
                })));
        sectionTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        sectionTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                reveal(indexOfChain(now), false);
            }
        });
        model.sections().addListener((ListChangeListener<DiffReport.Section>) c -> sizeSections());
        diffSplit.heightProperty().addListener((o, was, now) -> sizeSections());
    }

    /**
     * The per-chain table is as tall as its rows, at least {@value #MIN_SECTION_ROWS} and at most
     * {@value #MAX_SECTION_ROWS} of them and as many as fit in half the split; the rule diff below gets the rest.
     */
    private void sizeSections() {
        double total = diffSplit.getHeight();
        if (total <= 0) {
            return;
        }
        Node header = sectionTable.lookup(".column-header-background");
        double headerHeight = header == null ? sectionTable.getFixedCellSize() + 4 : header.getBoundsInLocal().getHeight();
        double frame = sectionTable.snappedTopInset() + headerHeight + sectionTable.snappedBottomInset() + DIVIDER_ROOM;
        double row = sectionTable.getFixedCellSize();
        // Whole rows only, so that the last one shown is not cut in half.
        int fit = (int) Math.floor((total / 2 - frame) / row);
        int rows = Math.max(MIN_SECTION_ROWS, Math.min(Math.min(MAX_SECTION_ROWS, fit), model.sections().size()));
        diffSplit.setDividerPositions((frame + rows * row) / total);
    }

    private static String count(int n) {
        return n == 0 ? "" : String.valueOf(n);
    }

    private int indexOfChain(DiffReport.Section s) {
        List<DiffLine> all = model.lines();
        for (int i = 0; i < all.size(); i++) {
            DiffLine l = all.get(i);
            if (l.kind().level() == 1 && s.table().equals(l.table()) && s.chain().equals(l.chain())) {
                return i;
            }
        }
        return -1;
    }

    /** Builds the tree from the model's lines by their levels; folded where the line kind says so. */
    private void buildTree() {
        items.clear();
        TreeItem<DiffLine> top = new TreeItem<>();
        List<TreeItem<DiffLine>> parents = new ArrayList<>(List.of(top));
        for (DiffLine l : model.lines()) {
            TreeItem<DiffLine> item = new TreeItem<>(l);
            int level = l.kind().level();
            while (parents.size() > level + 1) {
                parents.remove(parents.size() - 1);
            }
            parents.get(parents.size() - 1).getChildren().add(item);
            item.setExpanded(!l.kind().collapsed());
            parents.add(item);
            items.add(item);
        }
        diffLines.setRoot(top);
    }

    /** F8: selects the next change, unfolding its chain when needed. */
    public void nextChange() {
        reveal(model.nextChange(selectedIndex()), true);
    }

    /** Shift+F8. */
    public void previousChange() {
        int from = selectedIndex();
        reveal(model.previousChange(from < 0 ? items.size() : from), true);
    }

    private int selectedIndex() {
        TreeItem<DiffLine> sel = diffLines.getSelectionModel().getSelectedItem();
        return sel == null ? -1 : items.indexOf(sel);
    }

    private void reveal(int index, boolean focus) {
        if (index < 0 || index >= items.size()) {
            return;
        }
        TreeItem<DiffLine> item = items.get(index);
        for (TreeItem<DiffLine> p = item.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        diffLines.getSelectionModel().select(item);
        int row = diffLines.getRow(item);
        diffLines.scrollTo(Math.max(0, row - 3));
        if (focus) {
            diffLines.requestFocus();
        }
    }

    private void showInputsOf(DiffMode m) {
        show(m == DiffMode.LEGACY_VS_NFT, familyLabel, family);
        show(m == DiffMode.IPV4_VS_IPV6, backendLabel, backend);
        show(m == DiffMode.SNAPSHOT_VS_LIVE, snapshotBox);
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
