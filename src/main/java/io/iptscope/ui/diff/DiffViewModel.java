package io.iptscope.ui.diff;

import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.RestoreException;
import io.iptscope.restore.Saver;
import io.iptscope.restore.Snapshot;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.DumpInput;
import io.iptscope.rules.Family;
import io.iptscope.rules.Ruleset;
import io.iptscope.rules.RulesetDiffer;
import io.iptscope.rules.SaveParser;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.task.TaskRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Compares two rulesets with the rules model's semantic diff, off the UI thread. */
public final class DiffViewModel {

    private final TaskRunner tasks;
    private final SnapshotStore snapshots;
    private final ObjectProperty<DiffMode> mode = new SimpleObjectProperty<>(DiffMode.LEGACY_VS_NFT);
    private final ObjectProperty<Family> family = new SimpleObjectProperty<>(Family.IPV4);
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>(Backend.NFT);
    private final ObjectProperty<Snapshot> snapshot = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> fileA = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> fileB = new SimpleObjectProperty<>();
    private final ObservableList<Snapshot> snapshotList = FXCollections.observableArrayList();
    private final ObservableList<DiffLine> lines = FXCollections.observableArrayList();
    private final ObservableList<DiffReport.Section> sections = FXCollections.observableArrayList();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<DiffReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Choose what to compare and press "
            + "Compare (Ctrl+D).");
    private final Placeholder snapshotsPlaceholder = new Placeholder("Snapshots not listed yet", "Listing snapshots…",
            "No snapshots yet: File › Save rules as a snapshot (Ctrl+Shift+S)");
    private static final String NO_COMPARISON = "No comparison yet";
    private static final String COMPARING = "Comparing…";
    private static final String SAME_RULES = "No differences: both sides hold the same rules";
    private final Placeholder sectionsPlaceholder = new Placeholder(NO_COMPARISON + ": choose what to compare and "
            + "press Compare (Ctrl+D)", COMPARING, SAME_RULES);
    /** Short: the table of differing chains above it says how to compare, and a failure's reason. */
    private final Placeholder linesPlaceholder = new Placeholder(NO_COMPARISON, COMPARING, SAME_RULES);

    public DiffViewModel(TaskRunner tasks, SnapshotStore snapshots) {
        this.tasks = tasks;
        this.snapshots = snapshots;
        filterText.addListener((o, was, now) -> refilter());
    }

    public ObjectProperty<DiffMode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Family> familyProperty() {
        return family;
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public ObjectProperty<Snapshot> snapshotProperty() {
        return snapshot;
    }

    public ObjectProperty<Path> fileAProperty() {
        return fileA;
    }

    public ObjectProperty<Path> fileBProperty() {
        return fileB;
    }

    public ObservableList<Snapshot> snapshots() {
        return snapshotList;
    }

    public ObservableList<DiffLine> lines() {
        return lines;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the empty snapshot list says: not listed yet, listing, the listing failed, or there are none. */
    public Placeholder snapshotsPlaceholder() {
        return snapshotsPlaceholder;
    }

    /** What the empty table of differing chains says: no comparison, comparing, it failed, or no difference. */
    public Placeholder sectionsPlaceholder() {
        return sectionsPlaceholder;
    }

    /** What the tree of lines says while it has none: no comparison, comparing, it failed, or nothing to list. */
    public Placeholder linesPlaceholder() {
        return linesPlaceholder;
    }

    public void refreshSnapshots() {
        snapshotsPlaceholder.reading();
        tasks.submit("List snapshots", p -> snapshots.list(), list -> {
            snapshotList.setAll(list);
            snapshotsPlaceholder.empty();
        }, e -> {
            String why = "cannot list snapshots in " + snapshots.root() + ": " + e.getMessage();
            summary.set("⚠ " + why);
            snapshotsPlaceholder.failed("The snapshots could not be listed: " + why);
        });
    }

    /**
     * Compares as the mode says.
     *
     * @param live the live target's endpoint, empty when the window shows a saved report
     */
    public void compare(Optional<Endpoint> live) {
        DiffMode m = mode.get();
        if (m.live() && live.isEmpty()) {
            summary.set("⚠ " + m + " needs a live detection: press F5 first (or compare two files)");
            return;
        }
        Family f = family.get();
        Backend b = backend.get();
        Snapshot snap = snapshot.get();
        Path a = fileA.get();
        Path z = fileB.get();
        if (m == DiffMode.SNAPSHOT_VS_LIVE && snap == null) {
            summary.set("⚠ choose a snapshot first");
            return;
        }
        if (m == DiffMode.FILE_VS_FILE && (a == null || z == null)) {
            summary.set("⚠ choose both files first");
            return;
        }
        sectionsPlaceholder.reading();
        linesPlaceholder.reading();
        tasks.submit("Compare " + m, p -> {
            DiffSide first;
            DiffSide second;
            switch (m) {
                case LEGACY_VS_NFT -> {
                    first = live(live.get(), Backend.LEGACY, f);
                    second = live(live.get(), Backend.NFT, f);
                }
                case IPV4_VS_IPV6 -> {
                    first = live(live.get(), b, Family.IPV4);
                    second = live(live.get(), b, Family.IPV6);
                }
                case SNAPSHOT_VS_LIVE -> {
                    first = new DiffSide("snapshot " + snap.meta().id(), snapshots.read(snap));
                    second = live(live.get(), snap.meta().backend(), snap.meta().family());
                }
                default -> {
                    first = new DiffSide(a.getFileName().toString(), DumpInput.read(a));
                    second = new DiffSide(z.getFileName().toString(), DumpInput.read(z));
                }
            }
            return diff(first, second);
        }, this::show, e -> {
            summary.set("⚠ compare failed: " + e.getMessage());
            sectionsPlaceholder.failed("The comparison failed: " + e.getMessage());
            linesPlaceholder.failed(Placeholder.failedAbove("the comparison"));
        });
    }

    static DiffReport diff(DiffSide first, DiffSide second) {
        Ruleset a = SaveParser.parse(first.text(), first.name()).ruleset();
        Ruleset b = SaveParser.parse(second.text(), second.name()).ruleset();
        return DiffReport.of(RulesetDiffer.diff(a, b, first.name(), second.name(), false), a, b);
    }

    private static DiffSide live(Endpoint ep, Backend b, Family f) throws RestoreException, IOException {
        if (ep.binaries().saveBinaryFor(b, f).isEmpty()) {
            throw new IOException("no " + b.id() + " save binary for " + f.id() + " in the binary source");
        }
        Saver.Saved saved = Saver.save(ep, b, f, List.of(), false);
        return new DiffSide(b.id() + " " + f.id() + " (live)", saved.text());
    }

    private void show(DiffReport r) {
        report.set(r);
        int onlyA = r.sections().stream().mapToInt(DiffReport.Section::onlyA).sum();
        int onlyB = r.sections().stream().mapToInt(DiffReport.Section::onlyB).sum();
        int changed = r.sections().stream().mapToInt(DiffReport.Section::changed).sum();
        int moved = r.sections().stream().mapToInt(DiffReport.Section::moved).sum();
        long chainsA = r.sections().stream().filter(x -> x.side() == DiffReport.Side.ONLY_A).count();
        long chainsB = r.sections().stream().filter(x -> x.side() == DiffReport.Side.ONLY_B).count();
        StringBuilder text = new StringBuilder();
        if (r.isEmpty()) {
            text.append(r.a()).append(" and ").append(r.b()).append(" hold the same rules");
        } else {
            text.append("A = ").append(r.a()).append(", B = ").append(r.b()).append(": ").append(onlyA)
                    .append(" rules only in A, ").append(onlyB).append(" only in B, ").append(changed)
                    .append(" changed, ").append(moved).append(" moved; ").append(chainsA).append(" chains only in A, ")
                    .append(chainsB).append(" only in B");
            for (DiffReport.OwnerTotal o : r.owners()) {
                text.append("\n  ").append(o.describe("A", "B"));
            }
        }
        summary.set(text.toString());
        refilter();
    }

    /** The filter's text: keeps the chains whose table, name, owner or rules hold it (ignoring case). */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** The whole comparison; the lines and sections show what the filter keeps of it. */
    public ReadOnlyObjectProperty<DiffReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The chains that differ, for the summary table (what the filter keeps). */
    public ObservableList<DiffReport.Section> sections() {
        return sections;
    }

    private void refilter() {
        DiffReport r = report.get();
        if (r == null) {
            lines.clear();
            sections.clear();
            return;
        }
        String needle = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(java.util.Locale.ROOT);
        List<DiffReport.Section> kept = r.sections().stream()
                .filter(x -> needle.isEmpty() || DiffReport.mentions(x, needle)).toList();
        sections.setAll(kept);
        String none = r.sections().isEmpty() ? r.a() + " and " + r.b() + " hold the same rules"
                : "No differing chain mentions ‘" + needle + "’ (" + r.sections().size()
                + " differ; clear the filter to see them)";
        sectionsPlaceholder.empty(none);
        linesPlaceholder.empty(none);
        java.util.List<DiffLine> out = new java.util.ArrayList<>();
        java.util.Set<String> tables = new java.util.LinkedHashSet<>();
        kept.forEach(x -> tables.add(x.table()));
        if (needle.isEmpty()) {
            tables.addAll(r.unchanged().keySet());
        }
        for (String table : tables) {
            out.add(new DiffLine(DiffLine.Kind.TABLE, table, null, "*" + table));
            for (DiffReport.Section x : kept) {
                if (!x.table().equals(table)) {
                    continue;
                }
                boolean one = x.side() != DiffReport.Side.BOTH;
                out.add(new DiffLine(one ? DiffLine.Kind.CHAIN_ONE_SIDED : DiffLine.Kind.CHAIN, table, x.chain(),
                        ":" + x.chain() + "  [" + x.owner() + "]  " + x.counts("A", "B")));
                boolean chainMentioned = needle.isEmpty() || DiffReport.contains(x.chain(), needle)
                        || DiffReport.contains(x.owner(), needle) || DiffReport.contains(table, needle);
                x.lines().stream().filter(l -> chainMentioned || DiffReport.contains(l.text(), needle))
                        .forEach(out::add);
            }
            List<String> alike = needle.isEmpty() ? r.unchanged().getOrDefault(table, List.of()) : List.of();
            if (!alike.isEmpty()) {
                out.add(new DiffLine(DiffLine.Kind.ALIKE, table, null, alike.size() + (alike.size() == 1
                        ? " chain holds" : " chains hold") + " the same rules on both sides"));
                alike.forEach(c -> out.add(new DiffLine(DiffLine.Kind.ALIKE_CHAIN, table, c, ":" + c)));
            }
        }
        lines.setAll(out);
    }

    /**
     * The next line after {@code from} that is a change to look at (F8): a rule or policy change of a chain
     * both sides hold, or a whole chain only one side holds (one stop, not one per rule); -1 after the last.
     */
    public int nextChange(int from) {
        for (int i = Math.max(-1, from) + 1; i < lines.size(); i++) {
            if (isStop(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The change before {@code from} (Shift+F8), or -1. */
    public int previousChange(int from) {
        for (int i = Math.min(from, lines.size()) - 1; i >= 0; i--) {
            if (isStop(i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean isStop(int i) {
        DiffLine l = lines.get(i);
        return switch (l.kind()) {
            case CHAIN_ONE_SIDED -> true;
            case POLICY, ADDED, REMOVED, MOVED, CHANGED -> chainKindOf(i) == DiffLine.Kind.CHAIN;
            default -> false;
        };
    }

    private DiffLine.Kind chainKindOf(int i) {
        for (int k = i; k >= 0; k--) {
            if (lines.get(k).kind().level() == 1) {
                return lines.get(k).kind();
            }
        }
        return null;
    }
}
