package io.iptscope.ui.rules;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.ToolKind;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.iptables.Endpoint;
import io.iptscope.iptables.Quirks;
import io.iptscope.iptables.Read;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Chain;
import io.iptscope.rules.DumpInput;
import io.iptscope.rules.Family;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.Rule;
import io.iptscope.rules.Ruleset;
import io.iptscope.rules.SaveParser;
import io.iptscope.rules.Table;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.task.TaskHandle;
import io.iptscope.ui.task.TaskRunner;
import io.iptscope.ui.task.Work;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final int CANCEL_CHECK = 4096;

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

    private LoadedRules rules;
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
            error.set("rules can only be read from a live detection: press F5 first, or open a save file");
            return;
        }
        BackendEvidence ev = shown.report().evidence().of(b, f);
        if (b == Backend.LEGACY && (ev.kernelTables() == null || ev.kernelTables().isEmpty())) {
            error.set("legacy " + f.id() + " has no tables in the kernel (/proc): there are no rules to read");
            return;
        }
        // The runner enters the binary source's mount namespace too: container:PID binaries run in the container.
        Endpoint ep = new Endpoint(runner, shown.target(), shown.report().binaries(), SAVE_TIMEOUT);
        Optional<BinaryInfo> save = ep.binary(b, f, ToolKind.SAVE);
        if (save.isEmpty()) {
            error.set("no " + b.id() + " save binary for " + f.id() + " in the binary source");
            return;
        }
        String name = b.id() + " " + f.id() + " of " + shown.target().spec();
        load(name, p -> {
            p.update("running " + save.get().name(), -1);
            Read read = ep.read(b, f, true);
            if (read.noLegacyTables()) {
                throw new IOException("legacy " + f.id() + " has no tables in the kernel any more ("
                        + Quirks.legacyNamesFile(f) + "): there are no rules to read");
            }
            CommandResult r = read.result() != null ? read.result() : read.legacy().read();
            if (!r.ok()) {
                throw new IOException(read.save().name() + ": " + r.summary() + (r.denied()
                        ? " (permission denied: choose a privilege mode that gets root)" : ""));
            }
            return r.stdoutText();
        });
    }

    /** Opens an iptables-save file (read off the UI thread). */
    public void loadFile(Path file) {
        load(file.getFileName().toString(), p -> DumpInput.read(file));
    }

    /**
     * Parses text from {@code reader} in the background and shows it; the jump index (which reads every
     * rule's fields, the slow part at 500k rules) follows in a second task, so the rules appear first.
     */
    public void load(String name, Work<String> reader) {
        tasks.submit("Load rules: " + name, p -> {
            String text = reader.run(p);
            p.update("parsing " + text.length() / 1024 + " KiB", -1);
            ParseResult parsed = SaveParser.parse(text, name);
            p.update("indexing for the filter", -1);
            return LoadedRules.parsed(name, parsed.ruleset(), parsed.errors().size());
        }, parsed -> {
            show(parsed);
            tasks.submit("Index jumps: " + name, p -> parsed.withReferences(references(parsed.ruleset(), p)), done -> {
                if (rules == parsed) {
                    indexed(done);
                }
            }, e -> error.set("indexing jumps of " + name + " failed: " + e.getMessage()));
        }, e -> error.set("loading " + name + " failed: " + e.getMessage()));
    }

    private static Map<String, Map<String, List<RuleLocation>>> references(Ruleset rs, Work.Progress p) {
        Map<String, Map<String, List<RuleLocation>>> out = new HashMap<>();
        int seen = 0;
        for (Table t : rs.tables()) {
            Map<String, List<RuleLocation>> byTarget = new HashMap<>();
            for (Chain c : t.chains()) {
                List<Rule> list = c.rules();
                for (int i = 0; i < list.size(); i++) {
                    if (++seen % CANCEL_CHECK == 0 && p.cancelled()) {
                        throw new java.util.concurrent.CancellationException();
                    }
                    io.iptscope.rules.Target target = list.get(i).spec().target();
                    if (target != null && t.chain(target.name()).isPresent()) {
                        byTarget.computeIfAbsent(target.name(), k -> new ArrayList<>())
                                .add(new RuleLocation(c.name(), i));
                    }
                }
            }
            out.put(t.name(), byTarget);
        }
        return out;
    }

    private void show(LoadedRules loadedRules) {
        rules = loadedRules;
        error.set(loadedRules.parseErrors() == 0 ? null
                : loadedRules.parseErrors() + " lines of " + loadedRules.name() + " could not be parsed");
        loaded.set(loadedRules.name() + ": " + loadedRules.ruleset().ruleCount() + " rules in "
                + loadedRules.ruleset().tables().size() + " tables");
        history.clear();
        location.set(null);
        tree.setAll(loadedRules.tree());
        Optional<Table> first = loadedRules.ruleset().table("filter").or(() -> loadedRules.ruleset().tables().stream()
                .findFirst());
        first.ifPresent(t -> go(ChainRef.table(t.name())));
        updateHistory();
    }

    private void indexed(LoadedRules withReferences) {
        rules = withReferences;
        tree.setAll(withReferences.tree());
        ChainRef here = location.get();
        if (here != null) {
            referencedBy.setAll(referencesOf(here));
        }
    }

    /** Shows a table or chain and remembers where we came from. */
    public void open(ChainRef ref) {
        if (ref.equals(location.get())) {
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
        location.set(ref);
        selected.set(null);
        referencedBy.setAll(referencesOf(ref));
        refilter();
    }

    private List<RuleRow> referencesOf(ChainRef ref) {
        if (rules == null || ref.wholeTable()) {
            return List.of();
        }
        Table t = rules.ruleset().table(ref.table()).orElseThrow();
        List<RuleLocation> refs = rules.references().getOrDefault(ref.table(), Map.of()).getOrDefault(ref.chain(),
                List.of());
        return refs.stream().map(l -> new RuleRow(ref.table(), t.chain(l.chain()).orElseThrow().rules().get(l.index()),
                l.index() + 1)).toList();
    }

    private void applyFilter(String text) {
        FilterQuery q = FilterQuery.compile(text == null ? "" : text);
        filter.set(q);
        if (q instanceof FilterQuery.Valid v) {
            // An invalid query leaves the last good result on screen.
            applied = v;
            refilter();
        }
    }

    private void refilter() {
        ChainRef ref = location.get();
        if (rules == null || ref == null) {
            return;
        }
        LoadedRules loaded = rules;
        Table t = loaded.ruleset().table(ref.table()).orElseThrow();
        List<Chain> scope = ref.wholeTable() ? t.chains() : List.of(t.chain(ref.chain()).orElseThrow());
        FilterQuery.Valid query = applied;
        if (filtering != null) {
            filtering.cancel();
        }
        int total = scope.stream().mapToInt(Chain::ruleCount).sum();
        filtering = tasks.submit("Filter " + ref, p -> select(loaded, t.name(), scope, query, total, p), result -> {
            current = result;
            rows.set(FXCollections.observableList(result));
            count.set(result.size() + " of " + total + " rules shown");
            revealPending();
        }, e -> error.set("filter failed: " + e.getMessage()));
    }

    /** The rows of {@code scope} the query matches; the filter runs once over the whole index. */
    private static RuleRows select(LoadedRules loaded, String table, List<Chain> scope, FilterQuery.Valid query,
                                   int total, Work.Progress p) {
        BitSet hits = query.everything() ? null : query.filter().matches(loaded.index());
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
