package io.iptscope.ui;

import static io.iptscope.ui.WindowExtension.rulesTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.CommandResult;
import io.iptscope.rules.ChainRef;
import io.iptscope.rules.Family;
import io.iptscope.rules.KubeRulesetGenerator;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.diff.DiffLine;
import io.iptscope.ui.diff.DiffMode;
import io.iptscope.ui.rules.RuleRow;
import io.iptscope.ui.rules.RulesViewModel;
import io.iptscope.ui.rules.TableNode;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The rule browser and the diff on a real netns (Docker in legacy, Kubernetes in nft, a native nft table):
 * the filter over every table, validated as it is typed, Esc, Down, a jump with the filter on, the target arguments
 * column, the native table, a 500k-rule file opened at its nat table and filtered, and the diff paired by identity
 * with its next-change key.
 */
class RulesAndDiffUiTest {

    @RegisterExtension
    static final WindowExtension UI = WindowExtension.on(RulesAndDiffUiTest::scenario);

    private IptscopeApp.Window window;

    /** The mismatch plus a native nft table, which iptables tools never show. */
    private static TestNetns scenario() {
        TestNetns netns = MismatchScenario.create(60);
        try {
            CommandResult fw = netns.execWithInput("""
                    table inet fw {
                      chain input { type filter hook input priority 10; policy accept;
                        tcp dport { 22, 443 } counter accept comment "ssh and https"
                      }
                    }
                    """, "nft", "-f", "-");
            assertTrue(fw.ok(), fw.summary());
            return netns;
        } catch (RuntimeException | Error e) {
            netns.close();
            throw e;
        }
    }

    @BeforeEach
    void window() {
        window = UI.window();
    }

    private void idle(String what, java.util.function.BooleanSupplier also) {
        UI.idle(what, also);
    }

    private RulesViewModel detectAndOpenRules(FxRobot robot) {
        UI.detect();
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        RulesViewModel rules = window.view().rulesModel();
        idle("the rules", () -> rules.countProperty().get().contains("rules shown"));
        return rules;
    }

    @Test
    void theFilterCoversEveryTableWithCountsEscClearsItAndDownEntersTheResults(FxRobot robot) {
        RulesViewModel rules = detectAndOpenRules(robot);
        robot.interact(() -> rules.open(new ChainRef("filter", "INPUT")));
        idle("filter INPUT", () -> true);
        robot.clickOn("#filter").write("svc-000001");
        idle("the filter", () -> rules.filterNoteProperty().get() != null);
        TableView<?> table = rulesTable(robot);
        assertTrue(table.getItems().isEmpty(), "INPUT holds none of the service's rules");
        Label placeholder = robot.lookup("#rulesPlaceholder").queryAs(Label.class);
        assertTrue(placeholder.getText().contains("rules match elsewhere"), placeholder.getText());
        TreeView<?> tree = robot.lookup("#tree").queryAs(TreeView.class);
        TreeItem<?> nat = tree.getRoot().getChildren().stream().filter(i -> i.getValue() instanceof TableNode t
                && t.name().equals("nat")).findFirst().orElseThrow();
        TableNode natNode = (TableNode) nat.getValue();
        assertTrue(natNode.matching() > 0 && natNode.label().contains(" match)"), natNode.label());
        assertFalse(nat.getChildren().isEmpty(), "the tree lists the chains that match");
        Label note = robot.lookup("#filterNote").queryAs(Label.class);
        assertTrue(note.isVisible() && note.getText().contains("nat " + natNode.matching()), note.getText());

        robot.interact(() -> rules.open(ChainRef.table("nat")));
        idle("nat", () -> !rulesTable(robot).getItems().isEmpty());
        assertTrue(robot.lookup(".ipts-match").tryQuery().isPresent(), "the matched text is marked in the cells");
        robot.clickOn("#filter").type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(rulesTable(robot).isFocused(), "Down moves into the results");
        assertEquals(0, rulesTable(robot).getSelectionModel().getSelectedIndex());

        robot.clickOn("#filter").type(KeyCode.ESCAPE);
        idle("no filter", () -> rules.filterNoteProperty().get() == null);
        assertEquals("", robot.lookup("#filter").queryAs(TextField.class).getText());
        assertFalse(robot.lookup("#filterBar").query().isVisible());
    }

    @Test
    void theFilterBarValidatesAsYouTypeAndKeepsTheLastGoodResult(FxRobot robot) {
        RulesViewModel rules = detectAndOpenRules(robot);
        robot.interact(() -> rules.open(ChainRef.table("nat")));
        idle("nat", () -> ChainRef.table("nat").equals(rules.locationProperty().get()));
        robot.clickOn("#filter").write("svc-000001");
        idle("the filter", () -> rules.filterNoteProperty().get() != null);
        assertEquals(ChainRef.table("nat"), rules.locationProperty().get(), "typing keeps the place");
        int good = rulesTable(robot).getItems().size();
        assertTrue(good > 0 && good < 20, "svc-000001 has a few rules: " + good);
        TextField filter = robot.lookup("#filter").queryAs(TextField.class);
        assertTrue(filter.getStyleClass().contains("ipts-filter-valid"));

        robot.write(" \"http");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(filter.getStyleClass().contains("ipts-filter-invalid"));
        assertEquals(good, rulesTable(robot).getItems().size(), "the last good result stays");
        Label message = robot.lookup("#filterMessage").queryAs(Label.class);
        assertTrue(message.getText().contains("unterminated quote at column 12"), message.getText());
    }

    /**
     * A large file, then a table opened right away: the chain tree is rebuilt in the background after the jump
     * index arrives, and that rebuild must not move the place back to the table that was open before.
     */
    @Test
    void halfAMillionRulesFromAFileOpenTheNatTableAndFilter(FxRobot robot, @TempDir Path dir) throws Exception {
        Path dump = java.nio.file.Files.writeString(dir.resolve("big.rules"),
                KubeRulesetGenerator.generate(500_000, 3, Family.IPV4).text());
        RulesViewModel rules = window.view().rulesModel();
        robot.interact(() -> {
            window.view().tabs().getSelectionModel().select(1);
            rules.loadFile(dump);
        });
        idle("big.rules", () -> rules.loadedProperty().get().startsWith("big.rules"));
        robot.interact(() -> rules.open(ChainRef.table("nat")));
        idle("nat", () -> rules.countProperty().get().matches("\\d{6} of \\d{6} rules shown"));
        assertEquals(ChainRef.table("nat"), rules.locationProperty().get());
        TreeView<?> tree = robot.lookup("#tree").queryAs(TreeView.class);
        Object selected = tree.getSelectionModel().getSelectedItem().getValue();
        assertTrue(selected instanceof TableNode t && t.name().equals("nat"), String.valueOf(selected));

        robot.interact(() -> rules.filterTextProperty().set("chain:KUBE-SVC-* target:KUBE-SEP-*"));
        idle("the filter", () -> rules.filterNoteProperty().get() != null);
        assertEquals(ChainRef.table("nat"), rules.locationProperty().get(), "filtering keeps the place");
        String[] shownOfAll = rules.countProperty().get().split(" ");
        int shown = Integer.parseInt(shownOfAll[0]);
        assertTrue(shown > 0 && shown < Integer.parseInt(shownOfAll[2]), rules.countProperty().get());
        assertEquals(shown, rules.rowsProperty().get().size());
        assertTrue(rules.rowsProperty().get().stream().allMatch(r -> r.chain().startsWith("KUBE-SVC-")
                && r.jumpName().startsWith("KUBE-SEP-")));
    }

    @Test
    void aJumpWithTheFilterOnShowsTheChainAndTheWayOut(FxRobot robot) {
        RulesViewModel rules = detectAndOpenRules(robot);
        robot.interact(() -> {
            rules.open(new ChainRef("nat", "KUBE-SERVICES"));
            rules.filterTextProperty().set("target:KUBE-SVC-*");
        });
        idle("the filter", () -> rules.filterNoteProperty().get() != null);
        RuleRow first = (RuleRow) rulesTable(robot).getItems().get(0);
        robot.clickOn(robot.lookup((Hyperlink h) -> h.getText().equals("→ " + first.jumpName()))
                .queryAs(Hyperlink.class));
        idle("the jump", () -> rules.locationProperty().get().chain().equals(first.jumpName()));
        assertFalse(rulesTable(robot).getItems().isEmpty(), "not 'No rules here'");
        Label note = robot.lookup("#filterNote").queryAs(Label.class);
        assertTrue(note.getText().contains("showing the whole chain"), note.getText());
        assertTrue(robot.lookup("#filterBar").query().getStyleClass().contains("ipts-banner-warning"));
        robot.clickOn("#clearFilter");
        idle("no filter", () -> rules.filterNoteProperty().get() == null);
        assertFalse(rules.suspendedProperty().get());
    }

    /** At the default window size the chain tree's counts, the jump targets and the detail titles are whole. */
    @Test
    void theChainTreeTheJumpTargetsAndTheDetailTitlesAreNotCutOff(FxRobot robot) {
        RulesViewModel rules = detectAndOpenRules(robot);
        robot.interact(() -> rules.open(new ChainRef("nat", "KUBE-SERVICES")));
        idle("KUBE-SERVICES", () -> !rulesTable(robot).getItems().isEmpty());
        RuleRow first = rulesTable(robot).getItems().get(0);
        robot.interact(() -> rules.follow(first));
        idle("the jump", () -> rules.locationProperty().get().chain().equals(first.jumpName()));

        Region tree = robot.lookup("#tree").queryAs(Region.class);
        List<Label> counts = robot.from(tree).lookup(".ipts-tree-counts").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).filter(l -> l.getText() != null && !l.getText().isEmpty()).toList();
        assertTrue(counts.size() >= 5, "the tree shows chains with their counts: " + counts.size());
        for (Label l : counts) {
            assertWhole(l, tree);
        }
        Label title = robot.lookup("#referencedByTitle").queryAs(Label.class);
        assertTrue(title.getText().matches("Referenced by \\(\\d+\\)"), title.getText());
        assertWhole(title, (Region) title.getParent());
        List<Hyperlink> jumps = robot.lookup((Hyperlink h) -> h.getText().startsWith("→ KUBE-")).queryAllAs(Hyperlink.class)
                .stream().filter(Node::isVisible).toList();
        assertFalse(jumps.isEmpty(), "the chain's rules jump to kube chains");
        for (Hyperlink h : jumps) {
            assertWhole(h, (Region) h.getParent());
        }
    }

    /** The text of {@code node} is not shortened and it lies inside {@code within}, horizontally. */
    private static void assertWhole(Region node, Region within) {
        Fx.run(() -> {
            String what = node instanceof javafx.scene.control.Labeled l ? l.getText() : node.toString();
            assertTrue(node.getWidth() >= node.prefWidth(-1) - 0.5, what + " is cut: " + node.getWidth() + " of "
                    + node.prefWidth(-1));
            Bounds b = node.localToScene(node.getLayoutBounds());
            Bounds in = within.localToScene(within.getLayoutBounds());
            assertTrue(b.getMinX() >= in.getMinX() - 0.5 && b.getMaxX() <= in.getMaxX() + 0.5,
                    what + " is outside its pane: " + b + " in " + in);
        });
    }

    @Test
    void dnatRulesShowWhereTheyTranslateToAndTheDetailPaneFiltersOnAValue(FxRobot robot) {
        RulesViewModel rules = detectAndOpenRules(robot);
        robot.interact(() -> {
            rules.open(ChainRef.table("nat"));
            rules.filterTextProperty().set("target:DNAT");
        });
        idle("DNAT rules", () -> rules.filterNoteProperty().get() != null);
        TableView<RuleRow> table = rulesTable(robot);
        TableColumn<RuleRow, ?> args = table.getColumns().stream().filter(c -> c.getText().equals("Target arguments"))
                .findFirst().orElseThrow();
        Object cell = args.getCellData(0);
        String text = cell instanceof RuleRow r ? r.targetArguments() : String.valueOf(cell);
        assertTrue(text.startsWith("--to-destination "), text);
        assertTrue(table.getColumns().stream().anyMatch(c -> c.getText().equals("In")));
        assertTrue(table.getColumns().stream().anyMatch(c -> c.getText().equals("Out")));
        TableColumn<RuleRow, ?> comment = table.getColumns().stream().filter(c -> c.getText().equals("Comment"))
                .findFirst().orElseThrow();
        assertTrue(comment.getWidth() >= 200, "the comment has room: " + comment.getWidth());

        robot.interact(() -> table.getSelectionModel().select(0));
        Hyperlink chainLink = robot.lookup("#filter-on-chain").queryAs(Hyperlink.class);
        String term = chainLink.getText();
        robot.clickOn(chainLink);
        idle("the added term", () -> rules.filterTextProperty().get().endsWith(term));
        assertEquals("target:DNAT " + term, rules.filterTextProperty().get());
        assertTrue(rulesTable(robot).getItems().stream().allMatch(r -> r.targetArguments().startsWith("--to-")));
    }

    @Test
    void aNativeNftTableOpensReadOnly(FxRobot robot) {
        RulesViewModel rules = detectAndOpenRules(robot);
        idle("the native tables", () -> !rules.nativeTables().isEmpty());
        @SuppressWarnings("unchecked")
        TreeView<Object> tree = robot.lookup("#tree").queryAs(TreeView.class);
        TreeItem<Object> group = tree.getRoot().getChildren().get(tree.getRoot().getChildren().size() - 1);
        assertEquals("native nftables tables (read-only)", group.getValue());
        robot.interact(() -> tree.getSelectionModel().select(group.getChildren().get(0)));
        idle("the native table", () -> rules.nativeTableProperty().get() != null);
        ListView<?> listing = robot.lookup("#nativeTable").queryAs(ListView.class);
        assertTrue(listing.isVisible());
        assertEquals("table inet fw {", listing.getItems().get(0));
        assertTrue(listing.getItems().stream().anyMatch(l -> l.toString().contains("tcp dport { 22, 443 }")
                && l.toString().contains("comment \"ssh and https\"")), listing.getItems().toString());
        assertTrue(robot.lookup("#breadcrumb").queryAs(Label.class).getText().contains("read-only"));
        robot.interact(() -> rules.open(ChainRef.table("filter")));
        idle("back to iptables", () -> rules.nativeTableProperty().get() == null);
        assertTrue(rulesTable(robot).isVisible());
    }

    @Test
    void legacyVersusNftPairsByIdentityWithASummaryAndNextChange(FxRobot robot) {
        detectAndOpenRules(robot);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        robot.interact(() -> window.view().diffView().model().modeProperty().set(DiffMode.LEGACY_VS_NFT));
        robot.clickOn("#compare");
        idle("the diff", () -> window.view().diffView().model().reportProperty().get() != null);
        String summary = robot.lookup("#diffSummary").queryAs(Label.class).getText();
        assertTrue(summary.contains("docker: 3 chains and 6 rules only in A"), summary);
        assertTrue(summary.contains("kube-proxy: "), summary);
        assertTrue(window.view().diffView().model().lines().stream().noneMatch(l -> l.kind() == DiffLine.Kind.CHANGED),
                "nothing is paired by place");
        TableView<?> sections = robot.lookup("#sectionTable").queryAs(TableView.class);
        assertTrue(sections.getItems().size() >= 8, "the diff has chains enough: " + sections.getItems().size());
        int shown = Fx.call(() -> wholeRows(sections));
        // It showed 3 rows before it was sized by its content; the command log dock below keeps its 3 rows.
        assertTrue(shown >= 5, "the per-chain table shows a useful number of rows: " + shown);

        @SuppressWarnings("unchecked")
        TreeView<DiffLine> lines = robot.lookup("#diffLines").queryAs(TreeView.class);
        TreeItem<DiffLine> docker = find(lines.getRoot(), l -> l.kind() == DiffLine.Kind.CHAIN_ONE_SIDED
                && "DOCKER-USER".equals(l.chain()));
        assertFalse(docker.isExpanded(), "a chain only one side holds starts folded");
        robot.clickOn(lines);
        robot.type(KeyCode.F8);
        WaitForAsyncUtils.waitForFxEvents();
        TreeItem<DiffLine> firstStop = lines.getSelectionModel().getSelectedItem();
        assertTrue(firstStop != null && firstStop.getValue().kind() != DiffLine.Kind.TABLE, String.valueOf(firstStop));
        robot.type(KeyCode.F8);
        WaitForAsyncUtils.waitForFxEvents();
        TreeItem<DiffLine> second = lines.getSelectionModel().getSelectedItem();
        assertNotEquals(firstStop, second);
        robot.press(KeyCode.SHIFT).type(KeyCode.F8).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(firstStop, lines.getSelectionModel().getSelectedItem(), "Shift+F8 goes back");
    }

    /** The rows of {@code table} that hold an item and are entirely in its viewport. */
    private static int wholeRows(TableView<?> table) {
        Bounds viewport = table.lookup(".clipped-container").localToScene(
                table.lookup(".clipped-container").getLayoutBounds());
        int n = 0;
        for (Node row : table.lookupAll(".table-row-cell")) {
            Bounds b = row.localToScene(row.getLayoutBounds());
            if (row.isVisible() && !((TableRow<?>) row).isEmpty() && b.getMinY() >= viewport.getMinY() - 0.5
                    && b.getMaxY() <= viewport.getMaxY() + 0.5) {
                n++;
            }
        }
        return n;
    }

    private static TreeItem<DiffLine> find(TreeItem<DiffLine> item, java.util.function.Predicate<DiffLine> p) {
        if (item.getValue() != null && p.test(item.getValue())) {
            return item;
        }
        for (TreeItem<DiffLine> c : item.getChildren()) {
            TreeItem<DiffLine> f = find(c, p);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
