package io.iptscope.report;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.Confidence;
import io.iptscope.detect.FamilyEvidence;
import io.iptscope.detect.HookPipeline;
import io.iptscope.detect.KernelCapabilities;
import io.iptscope.detect.NodeView;
import io.iptscope.detect.Ownership;
import io.iptscope.detect.Staleness;
import io.iptscope.detect.Finding;
import io.iptscope.detect.NftTablesEvidence;
import io.iptscope.detect.ReadStatus;
import io.iptscope.detect.StrategyId;
import io.iptscope.detect.TableEvidence;
import io.iptscope.detect.TraceStep;
import io.iptscope.detect.Verdict;
import io.iptscope.detect.VerdictBackend;
import io.iptscope.discover.Alternatives;
import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Tool;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The terminal view of a detection report: matrix, counts, verdict per family, why, findings. */
public final class DetectionText {

    private final StringBuilder out = new StringBuilder();
    private final boolean color;

    private DetectionText(boolean color) {
        this.color = color;
    }

    public static String render(DetectionReport report, StrategyId headline, boolean color) {
        DetectionText t = new DetectionText(color);
        t.header(report);
        t.binaries(report.binaries());
        t.backends(report);
        t.kernel(report.node());
        t.writers(report.node());
        t.pipeline(report.node());
        t.verdicts(report, headline);
        t.findings(report.findings());
        return t.out.toString();
    }

    private void header(DetectionReport r) {
        DetectionReport.TargetInfo t = r.target();
        line(bold("iptscope " + r.tool().version()) + "  target " + t.spec()
                + (t.inode() == null ? "" : " (netns inode " + t.inode() + ")") + " on " + r.host()
                + ", binaries from " + r.binaries().source());
        line("");
    }

    private void binaries(BinaryInventory bins) {
        line(bold("Binaries") + String.format("%-16s%-28s%-28s%s", "", "base", "save", "restore"));
        for (Family f : Family.values()) {
            for (Variant v : Variant.values()) {
                StringBuilder row = new StringBuilder(String.format("  %-22s", f.toolPrefix() + v.suffix()));
                for (ToolKind k : ToolKind.values()) {
                    row.append(String.format("%-28s", cell(bins.get(f, v, k))));
                }
                line(row.toString().stripTrailing());
            }
        }
        for (Tool extra : List.of(Tool.XTABLES_LEGACY_MULTI, Tool.XTABLES_NFT_MULTI, Tool.NFT)) {
            BinaryInfo b = bins.get(extra);
            line(String.format("  %-22s%s", extra.name(), b.found() ? b.path() + " " + nullToEmpty(b.version()) : "missing"));
        }
        for (Alternatives a : bins.alternatives()) {
            line("  alternatives: " + a.name() + " -> " + a.value() + " (" + a.status() + ")");
        }
        bins.binaries().stream().filter(b -> b.note() != null)
                .forEach(b -> line("  note: " + b.name() + ": " + b.note()));
        line("");
    }

    private static String cell(BinaryInfo b) {
        if (!b.found()) {
            return "-- missing";
        }
        String mode = switch (b.mode()) {
            case NF_TABLES -> "nft";
            case LEGACY -> "legacy";
            case UNKNOWN -> "?";
        };
        String arrow = b.variant() == Variant.PLAIN ? "-> " : "";
        return arrow + mode + " " + nullToEmpty(b.version());
    }

    private void backends(DetectionReport r) {
        line(bold("Backends"));
        for (FamilyEvidence fe : r.evidence().families()) {
            for (BackendEvidence e : List.of(fe.legacy(), fe.nft())) {
                line(String.format("  %-14s%s", e.describe(), summary(e)));
                for (TableEvidence t : e.tables()) {
                    String markers = t.markerChains().isEmpty() ? "" : "  markers: " + String.join(", ", t.markerChains());
                    String owners = t.owners().isEmpty() ? "" : "  owners: " + t.owners().stream()
                            .map(o -> o.owner() + " " + o.rules()).collect(Collectors.joining(", "));
                    String policies = t.builtinChains().stream().filter(c -> !"ACCEPT".equals(c.policy()))
                            .map(c -> c.name() + "=" + c.policy()).collect(Collectors.joining(" "));
                    line(String.format("      %-10s %5d chains %7d rules%s%s%s", t.name(), t.chains(), t.rules(),
                            policies.isEmpty() ? "" : "  policy " + policies, markers, owners));
                }
            }
        }
        NftTablesEvidence nft = r.evidence().nftTables();
        if (nft.status() == ReadStatus.OK) {
            String all = nft.tables().stream().map(t -> t.qualifiedName() + " [" + t.managedBy() + "]")
                    .collect(Collectors.joining(", "));
            line("  nft tables    " + (all.isEmpty() ? "none" : all));
        } else {
            line("  nft tables    " + nft.status().id() + ": " + nft.detail());
        }
        line("");
    }

    /** Unavailable, absent, empty and in use, per family and backend: never alike. */
    private void kernel(NodeView node) {
        if (node == null || node.capabilities() == null) {
            return;
        }
        KernelCapabilities k = node.capabilities();
        line(bold("Kernel") + " " + (k.release() == null ? "" : k.release()) + (k.sources().isEmpty() ? ""
                : "  (from " + String.join(", ", k.sources()) + ")"));
        for (KernelCapabilities.Capability c : k.capabilities()) {
            String state = c.state().id().toUpperCase(Locale.ROOT);
            line(String.format("  %-14s%-13s%s", c.backend().id() + " " + c.family().id(),
                    c.state() == KernelCapabilities.State.UNAVAILABLE ? red(state) : state, c.why()));
        }
        line("");
    }

    /** Who writes where, the modes the evidence proves, and what is left over. */
    private void writers(NodeView node) {
        if (node == null) {
            return;
        }
        line(bold("Writers"));
        Map<String, List<Ownership.Presence>> byOwner = new LinkedHashMap<>();
        node.ownership().writers().forEach(p -> byOwner.computeIfAbsent(p.owner(), k -> new ArrayList<>()).add(p));
        if (byOwner.isEmpty()) {
            line("  none recognised");
        }
        for (Map.Entry<String, List<Ownership.Presence>> e : byOwner.entrySet()) {
            String mode = node.ownership().modes().get(e.getKey());
            String where = e.getValue().stream().map(p -> {
                boolean stale = node.staleness().sets().stream().anyMatch(s -> s.owner().equals(p.owner())
                        && Ownership.writerOf(s.backend()).equals(p.writer()) && s.family() == p.family()
                        && s.table().equals(p.table()));
                return p.writer() + (p.family() == null ? "" : " " + p.family().id()) + " " + p.table() + " ("
                        + plural(p.rules(), "rule") + ")" + (stale ? " STALE" : "");
            }).collect(Collectors.joining(", "));
            line(String.format("  %-16s%s%s", e.getKey(), mode == null ? "" : "[" + mode + " mode] ", where));
        }
        for (Staleness.StaleSet s : node.staleness().sets()) {
            line("  leftovers: " + s.owner() + " in " + s.backend().id() + " " + s.family().id() + " " + s.table() + ", "
                    + plural(s.chains().size(), "chain") + ", " + plural(s.rules(), "rule")
                    + (s.kept() == null ? "" : "; " + s.kept()));
        }
        for (String c : node.staleness().contradictions()) {
            line("  contradictory: " + c);
        }
        line("");
    }

    /** Every base chain per family and hook in kernel order; a blocking one is marked (red on a terminal). */
    private void pipeline(NodeView node) {
        if (node == null || node.pipeline().hooks().isEmpty()) {
            return;
        }
        line(bold("Hook pipeline") + "  (kernel order; a packet passes only if every chain lets it through)");
        for (HookPipeline.Hook h : node.pipeline().hooks()) {
            String stages = h.stages().stream().map(st -> {
                String text = st.priority() + " " + st.describe() + " " + st.policy()
                        + (st.rules() == null ? "" : "/" + st.rules())
                        + (st.endsWith() == null ? "" : " ends " + st.endsWith())
                        + (st.owners().isEmpty() ? "" : " [" + String.join(",", st.owners()) + "]");
                String passed = st.passesText(h.hook()).map(p -> " (" + p + ")").orElse("");
                return st.blocks() ? red("BLOCKS " + text) + passed : text;
            }).collect(Collectors.joining("  |  "));
            line(String.format("  %-5s %-12s %s", h.family().id(), h.hook(), stages));
        }
        line("");
    }

    private String red(String s) {
        return color ? "\u001b[31m" + s + "\u001b[0m" : s;
    }

    private static String summary(BackendEvidence e) {
        if (e.status() != ReadStatus.OK) {
            return e.status().id().toUpperCase(Locale.ROOT) + ": " + e.detail();
        }
        if (e.tables().isEmpty()) {
            return "no tables" + (e.detail() == null ? "" : "  (" + e.detail() + ")");
        }
        return plural(e.tables().size(), "table") + ", " + plural(e.chainCount(), "chain") + ", "
                + plural(e.ruleCount(), "rule")
                + (e.legacyWarning() ? "  [legacy-tables warning]" : "")
                + (e.savedBy() == null ? "" : "  by " + e.savedBy());
    }

    private void verdicts(DetectionReport r, StrategyId headline) {
        line(bold("Verdict") + " (" + headline + ")");
        for (Verdict v : r.verdicts()) {
            if (!v.strategy().equals(headline)) {
                continue;
            }
            String binaries = v.backend() == VerdictBackend.NONE ? "" : "   " + v.binary().name() + " / "
                    + v.save().name() + " / " + v.restore().name();
            line("  " + v.family().id() + ": " + bold(v.backend().id().toUpperCase(Locale.ROOT)) + binaries
                    + (v.confidence() == Confidence.UNCONFIRMED ? "   UNCONFIRMED" : ""));
            if (v.confidence() == Confidence.UNCONFIRMED) {
                line("      unconfirmed: these reads did not complete: " + String.join(", ", v.unconfirmedBy()));
            }
            for (TraceStep s : v.trace()) {
                line("      " + String.format("%-8s", s.kind().id()) + s.text());
            }
        }
        line("");
        line(bold("All strategies") + String.format("%-10s%-10s%s", "", "ipv4", "ipv6"));
        Map<StrategyId, Map<Family, Verdict>> byStrategy = new LinkedHashMap<>();
        for (Verdict v : r.verdicts()) {
            byStrategy.computeIfAbsent(v.strategy(), k -> new LinkedHashMap<>()).put(v.family(), v);
        }
        Map<Family, VerdictBackend> reference = byStrategy.getOrDefault(headline, Map.of()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().backend()));
        for (Map.Entry<StrategyId, Map<Family, Verdict>> e : byStrategy.entrySet()) {
            StringBuilder row = new StringBuilder(String.format("  %-22s", e.getKey()));
            for (Family f : Family.values()) {
                Verdict v = e.getValue().get(f);
                boolean differs = v != null && reference.get(f) != null && v.backend() != reference.get(f);
                row.append(String.format("%-10s", v == null ? "" : v.backend().id() + (differs ? " *" : "")
                        + (v.confidence() == Confidence.UNCONFIRMED ? " ?" : "")));
            }
            line(row.toString().stripTrailing());
        }
        line("  (* differs from " + headline + (r.verdicts().stream().anyMatch(v -> v.confidence()
                == Confidence.UNCONFIRMED) ? "; ? unconfirmed: a read it depends on did not complete)" : ")"));
        line("");
    }

    private void findings(List<Finding> findings) {
        line(bold("Findings") + (findings.isEmpty() ? ": none" : ""));
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort((a, b) -> b.severity().compareTo(a.severity()));
        for (Finding f : sorted) {
            line("  " + String.format("%-8s", f.severity().id().toUpperCase(Locale.ROOT)) + f.id() + ": " + f.message());
            line("          impact: " + f.impact());
            line("          do:     " + f.action());
        }
    }

    /** {@code 1 rule}, {@code 2 rules}: a count with its noun, for every text shown to the operator. */
    public static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private String bold(String s) {
        return color ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
