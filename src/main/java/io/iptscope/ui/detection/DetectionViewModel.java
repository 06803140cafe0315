package io.iptscope.ui.detection;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.Evidence;
import io.iptscope.detect.Finding;
import io.iptscope.detect.FamilyEvidence;
import io.iptscope.detect.NftTablesEvidence;
import io.iptscope.detect.ReadStatus;
import io.iptscope.detect.Severity;
import io.iptscope.detect.Strategies;
import io.iptscope.detect.Strategy;
import io.iptscope.detect.StrategyId;
import io.iptscope.detect.TableEvidence;
import io.iptscope.detect.TraceStep;
import io.iptscope.detect.Verdict;
import io.iptscope.discover.Variant;
import io.iptscope.report.DetectionReport;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.common.ShownReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Turns a detection report into what the Detection view shows; no JavaFX scene types, testable without a display. */
public final class DetectionViewModel {

    private final ObservableList<FamilyVerdict> verdicts = FXCollections.observableArrayList();
    private final ObservableList<BinaryRow> binaries = FXCollections.observableArrayList();
    private final ObservableList<BackendRow> backends = FXCollections.observableArrayList();
    private final ObservableList<NftTableRow> nftTables = FXCollections.observableArrayList();
    private final ObservableList<StrategyRow> strategies = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final PipelineStripModel pipeline = new PipelineStripModel();
    private final ReadOnlyStringWrapper deniedReads = new ReadOnlyStringWrapper();
    private static final String NO_REPORT = "No detection yet";
    private static final String RUNNING = "Detecting…";
    private static final String NOTHING_YET = "No detection yet: press F5 to detect, Ctrl+O to open a saved report, "
            + "or open the sample from the Help menu.";
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(NOTHING_YET);
    /** What each table says when empty: never "No findings" (or JavaFX's "No content") before a report says so. */
    private final Placeholder verdictsPlaceholder = tablePlaceholder("This report has no recommended backend");
    private final Placeholder findingsPlaceholder = tablePlaceholder("No findings");
    private final Placeholder strategiesPlaceholder = tablePlaceholder("This report has no strategy verdicts");
    private final Placeholder backendsPlaceholder = tablePlaceholder("This report has no backend evidence");
    private final Placeholder binariesPlaceholder = tablePlaceholder("This report has no binaries");
    private final Placeholder nftTablesPlaceholder = tablePlaceholder("No nftables tables in this netns");
    /** What the tables other than the findings say when the detection failed. */
    static final String NOT_READ_FAILED = Placeholder.failedAbove("the detection");
    private final List<Placeholder> placeholders = List.of(verdictsPlaceholder, findingsPlaceholder,
            strategiesPlaceholder, backendsPlaceholder, binariesPlaceholder, nftTablesPlaceholder,
            pipeline.placeholder());
    private ShownReport shown;

    static Placeholder tablePlaceholder(String empty) {
        return new Placeholder(NO_REPORT, RUNNING, empty);
    }

    public ObservableList<FamilyVerdict> verdicts() {
        return verdicts;
    }

    public ObservableList<BinaryRow> binaries() {
        return binaries;
    }

    public ObservableList<BackendRow> backends() {
        return backends;
    }

    public ObservableList<NftTableRow> nftTables() {
        return nftTables;
    }

    public ObservableList<StrategyRow> strategies() {
        return strategies;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public PipelineStripModel pipeline() {
        return pipeline;
    }

    /** Which reads were denied and how to get them; null when none was. */
    public ReadOnlyStringProperty deniedReadsProperty() {
        return deniedReads.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the verdict cards' place says while there are none: never an empty box before a report says so. */
    public Placeholder verdictsPlaceholder() {
        return verdictsPlaceholder;
    }

    public Placeholder findingsPlaceholder() {
        return findingsPlaceholder;
    }

    public Placeholder strategiesPlaceholder() {
        return strategiesPlaceholder;
    }

    public Placeholder backendsPlaceholder() {
        return backendsPlaceholder;
    }

    public Placeholder binariesPlaceholder() {
        return binariesPlaceholder;
    }

    public Placeholder nftTablesPlaceholder() {
        return nftTablesPlaceholder;
    }

    /** While a detection runs: says so instead of "no detection yet" (the last report stays below). */
    public void detecting(boolean running, String target) {
        if (shown == null) {
            pipeline.waiting();
            placeholders.forEach(running ? Placeholder::reading : Placeholder::notRead);
        }
        if (running) {
            summary.set("Detecting " + target + "…" + (verdicts.isEmpty() ? "" : "  (the last report stays below "
                    + "until it is done)"));
        } else if (shown != null) {
            summary.set(describe(shown));
        } else {
            summary.set(NOTHING_YET);
        }
    }

    /**
     * A detection ended in a failure: without a report the tables say so, with its reason, not "no detection yet";
     * with one it stays, and the summary says it is the last one.
     */
    public void failed(String target, String reason) {
        String why = "The detection of " + target + " failed: " + reason;
        if (shown == null) {
            pipeline.waiting();
            // The reason once, in the summary line and the findings; the other tables point to it, not repeat it.
            placeholders.forEach(p -> p.failed(p == findingsPlaceholder ? why : NOT_READ_FAILED));
            summary.set(why + ". Press F5 to detect again.");
        } else {
            summary.set(why + ". Still shown: " + describe(shown));
        }
    }

    private static String describe(ShownReport shown) {
        return shown.title() + " · binaries from " + shown.report().binaries().source();
    }

    public void show(ShownReport shown) {
        if (shown == null) {
            return;
        }
        this.shown = shown;
        DetectionReport r = shown.report();
        verdicts.setAll(familyVerdicts(r));
        List<BinaryRow> rows = new ArrayList<>();
        for (Family f : Family.values()) {
            for (Variant v : Variant.values()) {
                rows.add(BinaryRow.of(r.binaries(), f, v));
            }
        }
        binaries.setAll(rows);
        backends.setAll(backendRows(r.evidence()));
        nftTables.setAll(r.evidence().nftTables().tables().stream().map(NftTableRow::of).toList());
        strategies.setAll(strategyRows(r.verdicts(), r.evidence()));
        findings.setAll(r.findings().stream().map(DetectionViewModel::inThisWindow)
                .sorted(Comparator.comparing((Finding f) -> f.severity().ordinal()).reversed()).toList());
        pipeline.show(r.node());
        List.of(verdictsPlaceholder, findingsPlaceholder, strategiesPlaceholder, backendsPlaceholder,
                binariesPlaceholder).forEach(Placeholder::empty);
        nftTablesRead(r.evidence().nftTables(), nftTablesPlaceholder);
        deniedReads.set(denied(r.evidence(), shown.privilege(), shown.elevationFailure()));
        summary.set(describe(shown));
    }

    /** An unread table list is unknown, not "no tables": the placeholder says why it was not read. */
    static void nftTablesRead(NftTablesEvidence nft, Placeholder p) {
        if (nft.status() == ReadStatus.OK) {
            p.empty();
            return;
        }
        String what = "(" + nft.status().id() + (nft.detail() == null || nft.detail().isBlank() ? ""
                : ": " + nft.detail()) + "); its tables are unknown, not none";
        if (nft.status().leavesVerdictUnconfirmed()) {
            p.failed("The nftables table list could not be read " + what);
        } else {
            p.notRead("The nftables table list was not read " + what);
        }
    }

    /** Advice written for the CLI, pointed at the window's own setting. */
    static Finding inThisWindow(Finding f) {
        if (f.action() == null || !f.action().contains("--timeout")) {
            return f;
        }
        return new Finding(f.id(), f.severity(), f.family(), f.message(), f.impact(),
                f.action().replace("raise --timeout", "raise the Timeout in the toolbar (Alt+O; the CLI's --timeout)"));
    }

    static List<FamilyVerdict> familyVerdicts(DetectionReport r) {
        List<FamilyVerdict> out = new ArrayList<>();
        for (Family f : Family.values()) {
            Optional<Verdict> rec = r.verdicts().stream()
                    .filter(v -> v.family() == f && v.strategy().equals(Strategies.RECOMMENDED)).findFirst();
            if (rec.isEmpty()) {
                continue;
            }
            Verdict v = rec.get();
            List<Verdict> all = r.verdicts().stream().filter(x -> x.family() == f).toList();
            long agree = all.stream().filter(x -> x.backend() == v.backend()).count();
            String dissent = all.stream().filter(x -> x.backend() != v.backend())
                    .map(x -> x.strategy() + ": " + x.backend().id()).collect(Collectors.joining(", "));
            String binary = v.binary() == null ? "—"
                    : v.binary().name() + (v.binary().present() ? "  (" + v.binary().path() + ")" : "  (missing!)");
            Finding worst = r.findings().stream()
                    .filter(x -> (x.family() == null || x.family() == f) && x.severity() != Severity.INFO)
                    .max(Comparator.comparing(Finding::severity)).orElse(null);
            List<BackendEvidence> unreadable = List.of(r.evidence().of(Backend.LEGACY, f),
                    r.evidence().of(Backend.NFT, f)).stream().filter(e -> !e.readable()).toList();
            List<String> unread = unreadable.stream().map(e -> e.backend().id() + " (" + e.status().id() + ")")
                    .toList();
            List<TraceStep> trace = new ArrayList<>(v.trace());
            // The strategies count an unread backend as empty; the trace must not read as "0 rules, for sure".
            unreadable.forEach(e -> trace.add(new TraceStep(TraceStep.Kind.NOTE, e.describe() + " could not be read ("
                    + e.status().id() + "): its chains and rules above are unknown, not 0")));
            out.add(new FamilyVerdict(f, v.backend(), binary, v.basis(), trace,
                    agree + " of " + all.size() + " strategies agree" + (dissent.isEmpty() ? "" : " (" + dissent + ")"),
                    worst, unread));
        }
        return out;
    }

    static List<BackendRow> backendRows(Evidence ev) {
        List<BackendRow> out = new ArrayList<>();
        for (FamilyEvidence fe : ev.families()) {
            for (BackendEvidence be : List.of(fe.legacy(), fe.nft())) {
                String backend = be.backend().id();
                String family = be.family().id();
                String detail = be.detail() == null ? "" : be.detail();
                if (be.status() != ReadStatus.OK) {
                    out.add(new BackendRow(backend, family, be.status(), "—", "?", "?", "", detail, "unknown",
                            "unknown"));
                    continue;
                }
                if (be.tables().isEmpty()) {
                    out.add(new BackendRow(backend, family, be.status(), "(no tables)", "0", "0", "",
                            be.legacyWarning() ? "legacy warning in the dump" : detail, "", ""));
                }
                for (TableEvidence t : be.tables()) {
                    out.add(new BackendRow(backend, family, be.status(), t.name(), String.valueOf(t.chains()),
                            String.valueOf(t.rules()), String.join(", ", t.markerChains()), detail, policies(t),
                            owners(t)));
                }
            }
        }
        return out;
    }

    /** The base chains' policies as the CLI prints them: "INPUT ACCEPT, FORWARD DROP". */
    static String policies(TableEvidence t) {
        return t.builtinChains().stream().filter(c -> c.policy() != null && !c.policy().equals("-"))
                .map(c -> c.name() + " " + c.policy()).collect(Collectors.joining(", "));
    }

    /** Who wrote the rules: "kubernetes 120 rules / 14 chains, docker 4 rules / 2 chains". */
    static String owners(TableEvidence t) {
        return t.owners().stream().map(o -> o.owner() + " " + o.rules() + " rules / " + o.chains() + " chains")
                .collect(Collectors.joining(", "));
    }

    static List<StrategyRow> strategyRows(List<Verdict> verdicts, Evidence ev) {
        List<StrategyRow> out = new ArrayList<>();
        for (Strategy s : Strategies.ALL) {
            StrategyId id = s.id();
            Verdict v4 = find(verdicts, id, Family.IPV4);
            Verdict v6 = find(verdicts, id, Family.IPV6);
            Verdict r4 = find(verdicts, Strategies.RECOMMENDED, Family.IPV4);
            Verdict r6 = find(verdicts, Strategies.RECOMMENDED, Family.IPV6);
            boolean differs = differs(v4, r4) || differs(v6, r6);
            boolean unknown = (differs(v4, r4) && !readable(ev, Family.IPV4))
                    || (differs(v6, r6) && !readable(ev, Family.IPV6));
            out.add(new StrategyRow(id.id(), v4, v6, differs, unknown));
        }
        return out;
    }

    private static boolean readable(Evidence ev, Family f) {
        return ev.of(Backend.LEGACY, f).readable() && ev.of(Backend.NFT, f).readable();
    }

    private static boolean differs(Verdict v, Verdict recommended) {
        return v != null && recommended != null && v.backend() != recommended.backend();
    }

    private static Verdict find(List<Verdict> verdicts, StrategyId strategy, Family f) {
        return verdicts.stream().filter(v -> v.strategy() == strategy && v.family() == f).findFirst()
                .orElse(null);
    }

    static String denied(Evidence ev, PrivilegeMode mode, String elevationFailure) {
        List<String> reads = new ArrayList<>();
        for (FamilyEvidence fe : ev.families()) {
            for (BackendEvidence be : List.of(fe.legacy(), fe.nft())) {
                if (be.status() == ReadStatus.DENIED) {
                    reads.add(be.describe() + " rules");
                }
            }
        }
        NftTablesEvidence nft = ev.nftTables();
        if (nft.status() == ReadStatus.DENIED) {
            reads.add("the nftables table list");
        }
        String elevation = elevationFailure == null ? "" : elevationFailure + ", so this ran without privilege. ";
        if (reads.isEmpty()) {
            return elevation.isEmpty() ? null : elevation.strip();
        }
        String how = mode == null ? "run the detection live with a privilege mode that gets root (toolbar)"
                : mode.whenDenied();
        return elevation + "Denied: " + String.join(", ", reads) + ". Binaries and versions are shown; the rule "
                + "counts of these reads are unknown, not zero. To read them: " + how + ".";
    }
}
