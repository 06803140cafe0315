package io.iptscope.ui.rules;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.NftTablesEvidence;
import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.ToolKind;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.iptables.Endpoint;
import io.iptscope.iptables.Quirks;
import io.iptscope.iptables.Read;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Chain;
import io.iptscope.rules.ChainGraph;
import io.iptscope.rules.ChainRef;
import io.iptscope.rules.DumpInput;
import io.iptscope.rules.Family;
import io.iptscope.rules.NftTableListing;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.SaveParser;
import io.iptscope.rules.Table;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.task.TaskHandle;
import io.iptscope.ui.task.TaskRunner;
import io.iptscope.ui.task.Work;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rule browser: a dump of one backend and family parsed off the UI thread, a tree of tables and
 * chains, the filtered rows of the current chain, jump navigation with history, and the details of
 * the selected rule.
 */
public final class RulesViewModel {

    private static final Duration SAVE_TIMEOUT = Duration.ofSeconds(60);

    private final TaskRunner tasks;
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(Backend.NFT);
    private final ObjectProperty<Family> family = new SimpleObjectProperty<>(Family.IPV4);
    private final ReadOnlyStringWrapper loaded = new ReadOnlyStringWrapper("No rules loaded: load the backend "
            + "of a live detection (Ctrl+Shift+R) or open a save file (Ctrl+Shift+O).");
    private final ObservableList<TableNode> tree = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ChainRef> location = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ObservableList<RuleRow>> rows =
            new ReadOnlyObjectWrapper<>(FXCollections.observableArrayList());
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<FilterQuery> filter = new ReadOnlyObjectWrapper<>(FilterQuery.compile(""));
    private final ReadOnlyStringWrapper count = new ReadOnlyStringWrapper("");
    private final ObjectProperty<RuleRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ObservableList<RuleRow> referencedBy = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper reveal = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper canBack = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canForward = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final History<ChainRef> history = new History<>();

    private final ReadOnlyObjectWrapper<List<String>> highlights = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyStringWrapper filterNote = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper suspended = new ReadOnlyBooleanWrapper();
    private static final String NOT_READ = "No rules read yet";
    private static final String READING = "Reading rules…";
    private final Placeholder rowsPlaceholder = new Placeholder(NOT_READ + ": read the backend of a live "
            + "detection (Ctrl+Shift+R) or open a save file (Ctrl+Shift+O).", READING, "No rules");
    /** Short: the rule table beside it says how to read rules, and a failure's reason. */
    private final Placeholder treePlaceholder = new Placeholder(NOT_READ, READING, "No table");
    private final Placeholder referencedByPlaceholder = new Placeholder("Open a chain to see the rules that jump to it",
            "Indexing the jumps…", "No rule jumps here");
    /** Whether the jumps of the ruleset shown are indexed: until then "no rule jumps here" would be a guess. */
    private boolean jumpsIndexed;

    private final ObservableList<NftTablesEvidence.NftTable> nativeTables = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<NftTableListing> nativeTable = new ReadOnlyObjectWrapper<>();
    /** The live target the rules were last read from, for opening its native tables. */
    private Endpoint live;

    private LoadedRules rules;
    private Hits hits;
    private FilterQuery.Valid applied = (FilterQuery.Valid) FilterQuery.compile("");
    private TaskHandle filtering;
    private RuleRows current;
    private int revealLine = -1;

    public RulesViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        filterText.addListener((o, was, now) -> applyFilter(now));
        selected.addListener((o, was, now) -> details.set(now == null ? "" : now.details()));
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public ObjectProperty<Family> familyProperty() {
        return family;
    }

    public ReadOnlyStringProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ObservableList<TableNode> tree() {
        return tree;
    }

    public ReadOnlyObjectProperty<ChainRef> locationProperty() {
        return location.getReadOnlyProperty();
    }

    /** Replaced as a whole on every change, so 500k rows never pass through a change list. */
    public ReadOnlyObjectProperty<ObservableList<RuleRow>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** The query as last typed: valid (green) or invalid with its error position (red). */
    public ReadOnlyObjectProperty<FilterQuery> filterProperty() {
        return filter.getReadOnlyProperty();
    }

    /** The text the filter looks for, to mark in the cells; empty without a filter. */
    public ReadOnlyObjectProperty<List<String>> highlightsProperty() {
        return highlights.getReadOnlyProperty();
    }

    /**
     * While a filter is on: what it matches in the whole ruleset and how to leave it; null without a filter.
     */
    public ReadOnlyStringProperty filterNoteProperty() {
        return filterNote.getReadOnlyProperty();
    }

    /** Whether the chain on screen is shown whole because the filter hid all of it after a jump. */
    public ReadOnlyBooleanProperty suspendedProperty() {
        return suspended.getReadOnlyProperty();
    }

    /** What an empty rule table says: not read, reading, failed, or why it is empty and where filter matches are. */
    public Placeholder rowsPlaceholder() {
        return rowsPlaceholder;
    }

    /** What the chain tree says while it has no table: not read, reading, failed, or the ruleset holds none. */
    public Placeholder treePlaceholder() {
        return treePlaceholder;
    }

    /** What the empty "referenced by" list says: no chain open, jumps still being indexed, or none. */
    public Placeholder referencedByPlaceholder() {
        return referencedByPlaceholder;
    }

    /** The native nftables tables of the live target (iptables tools never show them), read-only. */
    public ObservableList<NftTablesEvidence.NftTable> nativeTables() {
        return nativeTables;
    }

    /** The native table on screen instead of the iptables rules, or null. */
    public ReadOnlyObjectProperty<NftTableListing> nativeTableProperty() {
        return nativeTable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public ObjectProperty<RuleRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ObservableList<RuleRow> referencedBy() {
        return referencedBy;
    }

    /** A row index the view should select and scroll to after a navigation, or -1. */
    public ReadOnlyIntegerProperty revealProperty() {
        return reveal.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canBackProperty() {
        return canBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canForwardProperty() {
        return canForward.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * Reads the chosen backend and family from the netns of a live report with its save binary
     * ({@code -c} for counters). Legacy is read only when /proc listed legacy tables, because a legacy
     * save where none exist could load the kernel module.
     */
    public void loadLive(ShownReport shown, CommandRunner runner) {
        Backend b = backend.get();
        Family f = family.get();
        if (shown == null || !shown.live()) {
            refuse("rules can only be read from a live detection: press F5 first, or open a save file");
            return;
        }
        BackendEvidence ev = shown.report().evidence().of(b, f);
        if (b == Backend.LEGACY && (ev.kernelTables() == null || ev.kernelTables().isEmpty())) {
            refuse("legacy " + f.id() + " has no tables in the kernel (/proc): there are no rules to read");
            return;
        }
        // The runner enters the binary source's mount namespace too: container:PID binaries run in the container.
        Endpoint ep = new Endpoint(runner, shown.target(), shown.report().binaries(), SAVE_TIMEOUT);
        Optional<BinaryInfo> save = ep.binary(b, f, ToolKind.SAVE);
        if (save.isEmpty()) {
            refuse("no " + b.id() + " save binary for " + f.id() + " in the binary source");
            return;
        }
        live = ep;
        NftTablesEvidence nft = shown.report().evidence().nftTables();
        nativeTables.setAll(nft == null ? List.of() : nft.nativeTables());
        String name = b.id() + " " + f.id() + " of " + shown.target().spec();
        load(name, p -> {
            p.update("running " + save.get().name(), -1);
            Read read = ep.read(b, f, true);
            if (read.noLegacyTables()) {
                throw new IOException("legacy " + f.id() + " has no tables in the kernel any more ("
                        + Quirks.legacyNamesFile(f) + "): there are no rules to read");
            }
            if (read.result() == null) {
                throw new IOException("cannot read " + Quirks.legacyNamesFile(f) + ": " + read.legacy().read().summary());
            }
            CommandResult r = read.result();
            if (!r.ok()) {
                throw new IOException(read.save().name() + ": " + r.summary() + (r.denied()
                        ? " (permission denied: choose a privilege mode that gets root)" : ""));
            }
            return r.stdoutText();
        });
    }

    /**
     * A live read refused before it starts: the error line says why, and so does the empty rule table while no ruleset
     * is shown or read, instead of how to read rules, which the operator has just tried.
     */
    private void refuse(String why) {
        error.set(why);
        if (rules == null && rowsPlaceholder.stateProperty().get() != Placeholder.State.READING) {
            rowsPlaceholder.notRead("Not read: " + why);
        }
    }

    /**
     * Reads one native table of the live target with {@code nft -j list table FAMILY NAME} (that table only)
     * and shows it instead of the iptables rules until a table or chain of those is opened again.
     */
    public void openNative(NftTablesEvidence.NftTable table) {
        Endpoint ep = live;
        if (ep == null) {
            error.set("native tables are read from a live target: read its rules first (Ctrl+Shift+R)");
            return;
        }
        if (ep.nft().isEmpty()) {
            error.set("nft is not in the binary source: cannot list " + table.qualifiedName());
            return;
        }
        tasks.submit("List nft table " + table.qualifiedName(), p -> {
            p.update("running nft -j list table " + table.qualifiedName(), -1);
            CommandResult r = ep.run(ep.nftListTable(table.family(), table.name()));
            if (!r.ok()) {
                throw new IOException("nft -j list table " + table.qualifiedName() + ": " + r.summary());
            }
            return NftTableListing.parse(r.stdoutText());
        }, listing -> {
            error.set(null);
            nativeTable.set(listing);
        }, e -> error.set("listing nft table " + table.qualifiedName() + " failed: " + e.getMessage()));
    }

    /** Opens an iptables-save file (read off the UI thread). */
    public void loadFile(Path file) {
        load(file.getFileName().toString(), p -> DumpInput.read(file));
    }

    /**
     * Parses text from {@code reader} in the background and shows it; the chain graph (which reads every
     * rule's target, the slow part at 500k rules) follows in a second task, so the rules appear first.
     */
    public void load(String name, Work<String> reader) {
        rowsPlaceholder.reading();
        treePlaceholder.reading();
        tasks.submit("Load rules: " + name, p -> {
            String text = reader.run(p);
            p.update("parsing " + text.length() / 1024 + " KiB", -1);
            ParseResult parsed = SaveParser.parse(text, name);
            p.update("indexing for the filter", -1);
            return LoadedRules.parsed(name, parsed.ruleset(), parsed.errors().size());
        }, parsed -> {
            show(parsed);
            tasks.submit("Index jumps: " + name, p -> parsed.withJumps(ChainGraph.of(parsed.ruleset())), done -> {
                if (rules == parsed) {
                    indexed(done);
                    // The previous ruleset is unreachable now, but the heap a 500k-rule parse grew (1-4 GB
                    // committed for ~0.4 GB live) goes back to the system only after a collection that compacts:
                    // an idle window waits 15-30 s for G1's periodic one, and that concurrent cycle still leaves
                    // the old ruleset's regions committed. A full collection once per load (a pause of ~0.5-3 s at
                    // 500k rules, after a load that took longer) brings the window back near its live size.
                    System.gc();
                }
            }, e -> {
                error.set("indexing jumps of " + name + " failed: " + e.getMessage());
                referencedByPlaceholder.failed("Indexing the jumps of " + name + " failed: " + e.getMessage());
            });
        }, e -> {
            error.set("loading " + name + " failed: " + e.getMessage());
            rowsPlaceholder.failed("Loading " + name + " failed: " + e.getMessage());
            treePlaceholder.failed(Placeholder.failedAbove("loading the rules"));
        });
    }

    private void show(LoadedRules loadedRules) {
        rules = loadedRules;
        hits = null;
        error.set(loadedRules.parseErrors() == 0 ? null
                : loadedRules.parseErrors() + " lines of " + loadedRules.name() + " could not be parsed");
        loaded.set(loadedRules.name() + ": " + loadedRules.ruleset().ruleCount() + " rules in "
                + loadedRules.ruleset().tables().size() + " tables");
        history.clear();
        location.set(null);
        // Nothing of the previous ruleset stays reachable (every rule points into its whole dump text), also
        // when the new one has no table to open.
        selected.set(null);
        referencedBy.clear();
        current = null;
        revealLine = -1;
        rows.set(FXCollections.observableArrayList());
        jumpsIndexed = false;
        referencedByPlaceholder.notRead();
        tree.setAll(applied.everything() ? loadedRules.tree() : List.of());
        Optional<Table> first = loadedRules.ruleset().table("filter").or(() -> loadedRules.ruleset().tables().stream()
                .findFirst());
        // The rows of the first table follow from a filter task: till then the placeholder still says "Reading".
        first.ifPresentOrElse(t -> go(ChainRef.table(t.name())), () -> {
            String none = loadedRules.name() + " holds no table";
            rowsPlaceholder.empty(none);
            treePlaceholder.empty(none);
        });
        updateHistory();
    }

    private void indexed(LoadedRules withJumps) {
        LoadedRules before = rules;
        rules = withJumps;
        jumpsIndexed = true;
        // The hits stay valid: the jumps do not change which rules there are.
        if (hits != null && hits.rules().ruleset() == before.ruleset()) {
            hits = new Hits(hits.query(), withJumps, hits.bits());
        }
        tree.setAll(withJumps.tree(hits));
        ChainRef here = location.get();
        if (here != null) {
            referencedBy.setAll(referencesOf(here));
            describeReferences(here);
        }
    }

    /** Shows a table or chain and remembers where we came from. */
    public void open(ChainRef ref) {
        if (ref.equals(location.get())) {
            nativeTable.set(null);
            return;
        }
        history.visit(location.get());
        go(ref);
        updateHistory();
    }

    /** Follows the jump of a rule to its chain (when the target is a chain of the same table). */
    public boolean follow(RuleRow row) {
        String jump = row.jumpName();
        if (rules == null || jump == null || !isChain(row.table(), jump)) {
            return false;
        }
        open(new ChainRef(row.table(), jump));
        return true;
    }

    public boolean isChain(String table, String chain) {
        return rules != null && rules.ruleset().table(table).flatMap(t -> t.chain(chain)).isPresent();
    }

    /** Opens the chain a referencing rule is in, with that rule selected. */
    public void reveal(RuleRow row) {
        revealLine = row.rule().line();
        ChainRef target = new ChainRef(row.table(), row.chain());
        if (target.equals(location.get())) {
            revealPending();
        } else {
            open(target);
        }
    }

    public void back() {
        history.back(location.get()).ifPresent(this::go);
        updateHistory();
    }

    public void forward() {
        history.forward(location.get()).ifPresent(this::go);
        updateHistory();
    }

    private void updateHistory() {
        canBack.set(history.canGoBack());
        canForward.set(history.canGoForward());
    }

    private void go(ChainRef ref) {
        nativeTable.set(null);
        location.set(ref);
        selected.set(null);
        referencedBy.setAll(referencesOf(ref));
        describeReferences(ref);
        refilter(true);
    }

    private void describeReferences(ChainRef ref) {
        if (ref.wholeTable()) {
            referencedByPlaceholder.notRead();
        } else if (jumpsIndexed) {
            referencedByPlaceholder.empty();
        } else if (referencedByPlaceholder.stateProperty().get() != Placeholder.State.FAILED) {
            referencedByPlaceholder.reading();
        }
    }

    /** The rules that jump or go to a chain, from the chain graph (none until it is built). */
    private List<RuleRow> referencesOf(ChainRef ref) {
        if (rules == null || ref.wholeTable()) {
            return List.of();
        }
        Table t = rules.ruleset().table(ref.table()).orElseThrow();
        return rules.jumps().referencedBy(ref.table(), ref.chain()).stream().map(e -> new RuleRow(ref.table(),
                t.chain(e.from()).orElseThrow().rules().get(e.position() - 1), e.position())).toList();
    }

    private void applyFilter(String text) {
        FilterQuery q = FilterQuery.compile(text == null ? "" : text);
        filter.set(q);
        if (q instanceof FilterQuery.Valid v) {
            // An invalid query leaves the last good result on screen.
            applied = v;
            highlights.set(v.everything() ? List.of() : v.filter().highlights());
            refilter(false);
        }
    }

    /** Esc: shows every rule again. */
    public void clearFilter() {
        filterText.set("");
    }

    /** Adds a term to the filter ("filter on this value"): the rules shown must match it too. */
    public void filterOn(String term) {
        String now = filterText.get() == null ? "" : filterText.get().strip();
        filterText.set(now.isEmpty() ? term : now + " " + term);
    }

    /**
     * Shows the rows of the current place. The filter runs over the whole ruleset once per query; its hits
     * give the counts of every table and chain in the tree. After a navigation ({@code navigated}) to a chain
     * the filter hides entirely (or that hides the rule to reveal), the chain is shown whole and the filter
     * note says so, rather than "no rules here".
     */
    private void refilter(boolean navigated) {
        ChainRef ref = location.get();
        if (rules == null || ref == null) {
            return;
        }
        LoadedRules loaded = rules;
        Table t = loaded.ruleset().table(ref.table()).orElseThrow();
        List<Chain> scope = ref.wholeTable() ? t.chains() : List.of(t.chain(ref.chain()).orElseThrow());
        FilterQuery.Valid query = applied;
        Hits known = hits;
        int wanted = revealLine;
        if (filtering != null) {
            filtering.cancel();
        }
        int total = scope.stream().mapToInt(Chain::ruleCount).sum();
        filtering = tasks.submit("Filter " + ref, p -> {
            Hits h = query.everything() ? null : known != null && known.query().equals(query)
                    && known.rules().ruleset() == loaded.ruleset() ? known : Hits.of(loaded, query);
            List<TableNode> newTree = h == known ? null : loaded.tree(h);
            RuleRows shown = select(loaded, t.name(), scope, h, total, p);
            boolean suspend = h != null && navigated && !ref.wholeTable()
                    && (shown.size() == 0 || wanted >= 0 && shown.indexOfLine(wanted) < 0);
            return new Shown(h, newTree, suspend ? select(loaded, t.name(), scope, null, total, p) : shown, suspend);
        }, result -> {
            if (rules.ruleset() != loaded.ruleset()) {
                return;
            }
            if (result.tree() != null) {
                hits = result.hits();
                // The jump index may have arrived meanwhile: then the tree shows its reference counts too.
                tree.setAll(rules == loaded ? result.tree() : rules.tree(hits));
            }
            current = result.rows();
            rows.set(FXCollections.observableList(result.rows()));
            suspended.set(result.suspended());
            describe(ref, result.rows().size(), total, result.suspended());
            revealPending();
        }, e -> {
            error.set("filter failed: " + e.getMessage());
            rowsPlaceholder.failed("The filter failed: " + e.getMessage());
            // Right after a load the filtered tree was still to come.
            if (tree.isEmpty()) {
                treePlaceholder.failed(Placeholder.failedAbove("the filter"));
            }
        });
    }

    /** What one filter run gives: its hits (null without a filter), the tree if it changed, the rows. */
    private record Shown(Hits hits, List<TableNode> tree, RuleRows rows, boolean suspended) {
    }

    private void describe(ChainRef ref, int shown, int total, boolean suspendedHere) {
        Hits h = hits;
        count.set(shown + " of " + total + " rules shown");
        if (h == null) {
            filterNote.set(null);
            rowsPlaceholder.empty("No rules in " + ref);
            return;
        }
        int all = h.total();
        List<TableNode> nodes = tree;
        long chains = nodes.stream().mapToLong(n -> n.chains().size()).sum();
        String perTable = nodes.stream().filter(n -> n.matching() > 0).map(n -> n.name() + " " + n.matching())
                .collect(java.util.stream.Collectors.joining(" · "));
        String q = "‘" + h.query().text().strip() + "’";
        if (suspendedHere) {
            filterNote.set("The filter " + q + " matches none of the " + total + " rules of " + ref
                    + " (or not the rule you came for): showing the whole chain. It matches " + all
                    + " rules elsewhere; Esc clears it.");
        } else {
            filterNote.set("Filter " + q + ": " + all + " of " + rules.index().size() + " rules match, in " + chains
                    + (chains == 1 ? " chain" : " chains") + (perTable.isEmpty() ? "" : " (" + perTable + ")")
                    + ". Esc clears it.");
        }
        rowsPlaceholder.empty(all == 0 ? "The filter " + q + " matches no rule of the whole ruleset (Esc clears it)"
                : "No rule of " + ref + " matches " + q + "; " + all + " rules match elsewhere: the tree lists "
                + "their chains with counts (Esc clears the filter)");
    }

    /** The rows of {@code scope} that {@code hits} holds (all of them for null). */
    private static RuleRows select(LoadedRules loaded, String table, List<Chain> scope, Hits hits, int total,
                                   Work.Progress p) {
        int[] chainOf = new int[total];
        int[] ruleOf = new int[total];
        int n = 0;
        for (int c = 0; c < scope.size(); c++) {
            if (p.cancelled()) {
                throw new java.util.concurrent.CancellationException();
            }
            int offset = loaded.offsetOf(table, scope.get(c).name());
            int size = scope.get(c).ruleCount();
            for (int i = 0; i < size; i++) {
                if (hits == null || hits.get(offset + i)) {
                    chainOf[n] = c;
                    ruleOf[n] = i;
                    n++;
                }
            }
        }
        return new RuleRows(table, scope, Arrays.copyOf(chainOf, n), Arrays.copyOf(ruleOf, n), n);
    }

    private void revealPending() {
        if (revealLine < 0 || current == null) {
            return;
        }
        int index = current.indexOfLine(revealLine);
        revealLine = -1;
        // Reset first so that revealing the same row twice still notifies the view.
        reveal.set(-1);
        reveal.set(index);
    }
}
