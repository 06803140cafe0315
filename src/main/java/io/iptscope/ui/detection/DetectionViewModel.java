package io.iptscope.ui.detection;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.Evidence;
import io.iptscope.detect.Finding;
import io.iptscope.detect.FamilyEvidence;
import io.iptscope.detect.NftTablesEvidence;
import io.iptscope.detect.ReadStatus;
import io.iptscope.detect.Severity;
import io.iptscope.detect.Strategies;
import io.iptscope.detect.TableEvidence;
import io.iptscope.detect.Verdict;
import io.iptscope.discover.Variant;
import io.iptscope.report.DetectionReport;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.exec.PrivilegeMode;
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
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No detection yet: press F5 to detect, "
            + "Ctrl+O to open a saved report, or open the sample from the Help menu.");

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

    /** Said while the first detection runs, so an empty window never reads as "nothing detected". */
    public void detecting(String target) {
        if (verdicts.isEmpty()) {
            summary.set("detecting " + target + "…");
        }
    }

    /** A detection that ended without a report (failed, cancelled) leaves no "detecting…" behind. */
    public void detectionEnded() {
        if (verdicts.isEmpty()) {
            summary.set("No detection: it failed or was cancelled (see the status bar); press F5 to try again.");
        }
    }

    public void show(ShownReport shown) {
        if (shown == null) {
            return;
        }
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
        strategies.setAll(strategyRows(r.verdicts()));
        findings.setAll(r.findings().stream()
                .sorted(Comparator.comparing((Finding f) -> f.severity().ordinal()).reversed()).toList());
        pipeline.show(r.node());
        deniedReads.set(denied(r.evidence(), shown.privilege(), shown.elevationFailure()));
        summary.set(shown.title() + " · binaries from " + r.binaries().source());
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
            List<String> unread = List.of(r.evidence().of(Backend.LEGACY, f), r.evidence().of(Backend.NFT, f)).stream()
                    .filter(e -> !e.readable()).map(e -> e.backend().id()).toList();
            out.add(new FamilyVerdict(f, v.backend(), binary, v.basis(), v.trace(),
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
                    out.add(new BackendRow(backend, family, be.status(), "—", "?", "?", "", detail));
                    continue;
                }
                if (be.tables().isEmpty()) {
                    out.add(new BackendRow(backend, family, be.status(), "(no tables)", "0", "0", "",
                            be.legacyWarning() ? "legacy warning in the dump" : detail));
                }
                for (TableEvidence t : be.tables()) {
                    out.add(new BackendRow(backend, family, be.status(), t.name(), String.valueOf(t.chains()),
                            String.valueOf(t.rules()), String.join(", ", t.markerChains()), detail));
                }
            }
        }
        return out;
    }

    static List<StrategyRow> strategyRows(List<Verdict> verdicts) {
        List<StrategyRow> out = new ArrayList<>();
        for (String id : Strategies.ids()) {
            Verdict v4 = find(verdicts, id, Family.IPV4);
            Verdict v6 = find(verdicts, id, Family.IPV6);
            Verdict r4 = find(verdicts, Strategies.RECOMMENDED, Family.IPV4);
            Verdict r6 = find(verdicts, Strategies.RECOMMENDED, Family.IPV6);
            boolean differs = differs(v4, r4) || differs(v6, r6);
            out.add(new StrategyRow(id, v4, v6, differs));
        }
        return out;
    }

    private static boolean differs(Verdict v, Verdict recommended) {
        return v != null && recommended != null && v.backend() != recommended.backend();
    }

    private static Verdict find(List<Verdict> verdicts, String strategy, Family f) {
        return verdicts.stream().filter(v -> v.strategy().equals(strategy) && v.family() == f).findFirst()
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
