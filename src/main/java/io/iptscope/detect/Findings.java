package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.discover.Version;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Derives the findings from an observation and the verdicts of every strategy. */
public final class Findings {

    private static final Version V1_8_0 = Version.of(1, 8, 0);
    private static final Version V1_8_2 = Version.of(1, 8, 2);
    private static final Version V1_8_3 = Version.of(1, 8, 3);

    private Findings() {
    }

    public static List<Finding> derive(Observation obs, List<Verdict> verdicts) {
        List<Finding> out = new ArrayList<>();
        Evidence ev = obs.truth();
        NodeView node = obs.node();
        for (Family f : Family.values()) {
            FamilyEvidence fe = ev.family(f);
            bothHoldRules(node, fe, out);
            legacyWarningFromEmptyTables(fe, out);
            hintInOtherBackend(node, fe, out);
            plainPointsToEmpty(obs, fe, verdicts, out);
            chosenBinariesMissing(verdicts, f, out);
            strategiesDisagree(verdicts, f, out);
            unreadable(fe, out);
            specials(fe, out);
        }
        familySplit(obs, verdicts, out);
        buggyVersions(obs, out);
        nativeTables(ev.nftTables(), out);
        NodeFindings.derive(obs, verdicts, out);
        if (Boolean.TRUE.equals(ev.ipv6Disabled())) {
            out.add(new Finding("ipv6-disabled", Severity.INFO, Family.IPV6,
                    "IPv6 is disabled in this netns (net.ipv6.conf.all.disable_ipv6 = 1)",
                    "ip6tables rules here have no traffic to act on; tools that treat an IPv6 failure as fatal may "
                            + "still stop",
                    "nothing, unless IPv6 is expected here"));
        }
        return List.copyOf(out);
    }

    private static void bothHoldRules(NodeView node, FamilyEvidence fe, List<Finding> out) {
        int live = node.liveRules(fe.legacy());
        int liveN = node.liveRules(fe.nft());
        if (live == 0 || liveN == 0) {
            return;
        }
        out.add(new Finding("both-backends-hold-rules", Severity.ERROR, fe.family(),
                fe.family().id() + ": legacy holds " + Verdicts.rules(live) + owners(fe.legacy())
                        + " and nft holds " + Verdicts.rules(liveN) + owners(fe.nft()) + " that are not leftovers",
                "both backends run in the kernel: every packet passes the hooks of both; a rule inserted first with one "
                        + "tool does not run before the other backend's rules, and 'iptables -L' shows only one half",
                "find the component that writes to the backend it should not (see the owners), fix its binary choice, "
                        + "then move or remove the stale rules (iptscope migrate / save + restore)"));
    }

    private static void legacyWarningFromEmptyTables(FamilyEvidence fe, List<Finding> out) {
        BackendEvidence legacy = fe.legacy();
        boolean policySet = legacy.tables().stream().flatMap(t -> t.builtinChains().stream())
                .anyMatch(c -> !"ACCEPT".equals(c.policy()));
        if (!legacy.onlyEmptyKernelTables() || policySet) {
            // A DROP policy is not probe debris: the hook pipeline judges it.
            return;
        }
        out.add(new Finding("legacy-warning-empty-tables", Severity.WARNING, fe.family(),
                fe.family().id() + ": legacy tables " + legacy.kernelTables() + " exist but hold no rule"
                        + (fe.nft().legacyWarning() ? "; iptables-nft-save warns 'iptables-legacy tables present' only "
                        + "because of them" : ""),
                "empty legacy tables are made by probes and module loads (iptables-legacy -L, legacy-save -t, Istio's "
                        + "capability probe); line-counting detectors such as Istio then choose legacy",
                "find what touches legacy here; in a pod netns recreate the pod, on a host unload the empty "
                        + "iptable_* modules once nothing uses them"));
    }

    private static void hintInOtherBackend(NodeView node, FamilyEvidence fe, List<Finding> out) {
        for (Backend b : Backend.values()) {
            BackendEvidence hinted = fe.of(b);
            BackendEvidence other = fe.of(b.other());
            int otherLive = node.liveRules(other);
            int hintedLive = node.liveRules(hinted);
            if (hinted.hasMangleHint() && !other.hasMangleHint() && otherLive > hintedLive) {
                out.add(new Finding("hint-rules-mismatch", Severity.ERROR, fe.family(),
                        fe.family().id() + ": kubelet's hint chain is in " + b.id() + " but most live rules ("
                                + otherLive + " against " + hintedLive + ") are in " + b.other().id(),
                        "tools that follow kubelet's hint (iptables-wrappers v2+, Calico, iptscope) write to " + b.id()
                                + " while the existing rules, e.g. kube-proxy's, live in " + b.other().id(),
                        "make kubelet and the rule writers use one backend; check the binaries in their images"));
            }
        }
    }

    private static void plainPointsToEmpty(Observation obs, FamilyEvidence fe, List<Verdict> verdicts,
                                           List<Finding> out) {
        Optional<Backend> def = obs.binaries().systemDefault(fe.family());
        if (def.isEmpty()) {
            return;
        }
        BackendEvidence chosen = fe.of(def.get());
        BackendEvidence other = fe.of(def.get().other());
        // Advice must follow the verdict: never point the plain name at a backend iptscope rejects or one that
        // holds only leftovers.
        boolean verdictAgrees = recommended(verdicts, fe.family()) == VerdictBackend.of(def.get().other());
        if (chosen.readable() && obs.node().liveRules(chosen) == 0 && obs.node().liveRules(other) > 0
                && verdictAgrees) {
            BinaryInfo plain = obs.binaries().get(fe.family(), Variant.PLAIN, ToolKind.BASE);
            out.add(new Finding("plain-points-to-empty", Severity.WARNING, fe.family(),
                    plain.name() + " resolves to " + def.get().id() + " (" + plain.resolved() + "), which holds no rule; "
                            + "the " + Verdicts.rules(other.ruleCount()) + " are in " + def.get().other().id(),
                    "'" + plain.name() + " -L' and '" + plain.name() + "-save' show an empty firewall, and anything "
                            + "that simply runs " + plain.name() + " writes to the backend nobody else uses",
                    "use " + fe.family().toolPrefix() + "-" + def.get().other().id() + " to look, or switch the "
                            + "alternative: update-alternatives --set " + fe.family().toolPrefix() + " "
                            + "/usr/sbin/" + fe.family().toolPrefix() + "-" + def.get().other().id()));
        }
    }

    private static void chosenBinariesMissing(List<Verdict> verdicts, Family f, List<Finding> out) {
        for (Verdict v : verdicts) {
            if (!v.strategy().equals(Strategies.RECOMMENDED) || v.family() != f || v.backend() == VerdictBackend.NONE) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (BinaryRef r : List.of(v.binary(), v.save(), v.restore())) {
                if (!r.present()) {
                    missing.add(r.name());
                }
            }
            if (!missing.isEmpty()) {
                out.add(new Finding("chosen-binaries-missing", Severity.ERROR, f,
                        f.id() + ": the rules are in " + v.backend().id() + " but the binary source lacks "
                                + String.join(", ", missing),
                        "a component using this binary source cannot read or write the rules that are in effect; it "
                                + "will write a second set into the other backend",
                        "ship the " + v.backend().id() + " binaries in this image (or use the iptables-wrappers "
                                + "approach), or move the rules"));
            }
        }
    }

    private static void strategiesDisagree(List<Verdict> verdicts, Family f, List<Finding> out) {
        Map<VerdictBackend, List<StrategyId>> by = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            // A writer in nftables mode chooses no iptables backend: that is no disagreement.
            if (v.family() == f && v.basis() != Basis.NFTABLES_MODE) {
                by.computeIfAbsent(v.backend(), k -> new ArrayList<>()).add(v.strategy());
            }
        }
        if (by.size() > 1) {
            String split = by.entrySet().stream().map(e -> e.getKey().id() + ": " + e.getValue().stream()
                    .map(StrategyId::id).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; "));
            out.add(new Finding("strategies-disagree", Severity.WARNING, f,
                    f.id() + ": the known strategies disagree (" + split + ")",
                    "components that detect their backend differently will write to different backends here",
                    "check which components run here and which strategy each uses; remove the ambiguity (e.g. empty "
                            + "the backend nothing should use, or make kubelet's hint chain present)"));
        }
    }

    static VerdictBackend recommended(List<Verdict> verdicts, Family f) {
        return verdicts.stream().filter(v -> v.strategy().equals(Strategies.RECOMMENDED) && v.family() == f)
                .map(Verdict::backend).findFirst().orElse(VerdictBackend.NONE);
    }

    private static void familySplit(Observation obs, List<Verdict> verdicts, List<Finding> out) {
        Map<Family, VerdictBackend> chosen = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            if (v.strategy().equals(Strategies.RECOMMENDED)) {
                chosen.put(v.family(), v.backend());
            }
        }
        VerdictBackend v4 = chosen.get(Family.IPV4);
        VerdictBackend v6 = chosen.get(Family.IPV6);
        // Only when both families hold live rules on the backends chosen: an empty family is on no backend.
        if (v4 != null && v6 != null && v4 != VerdictBackend.NONE && v6 != VerdictBackend.NONE && v4 != v6
                && obs.node().liveRules(obs.truth(), v4.backend().orElseThrow(), Family.IPV4) > 0
                && obs.node().liveRules(obs.truth(), v6.backend().orElseThrow(), Family.IPV6) > 0) {
            out.add(new Finding("family-split", Severity.WARNING, null,
                    "IPv4 is on " + v4.id() + ", IPv6 on " + v6.id(),
                    "tools that sum both families (iptables-wrappers, Calico) pick one backend for both and write one "
                            + "family into the wrong backend; per-family detectors (Istio) may end up split as well",
                    "bring both families to one backend"));
        }
    }

    private static void unreadable(FamilyEvidence fe, List<Finding> out) {
        for (Backend b : Backend.values()) {
            BackendEvidence e = fe.of(b);
            switch (e.status()) {
                case OK -> {
                }
                case UNSUPPORTED -> out.add(new Finding("family-unsupported", Severity.INFO, fe.family(),
                        e.describe() + " is not supported by the kernel here: " + e.detail(),
                        "no " + fe.family().id() + " rules can exist in " + b.id(),
                        "nothing, unless " + fe.family().id() + " filtering is expected"));
                case DENIED -> out.add(new Finding("read-denied", Severity.WARNING, fe.family(),
                        e.describe() + " could not be read: permission denied (" + e.detail() + ")",
                        "the verdicts cannot see this backend's rules",
                        "run iptscope as root, or choose sudo in the privilege mode"));
                default -> out.add(new Finding("read-incomplete", Severity.WARNING, fe.family(),
                        e.describe() + " could not be read (" + e.status().id() + "): " + e.detail(),
                        "the verdicts cannot see this backend's rules; a " + e.status().id()
                                + " is not the same as an empty backend",
                        e.status() == ReadStatus.TIMEOUT ? "check for a hung iptables (1.8.3 hangs without nft kernel "
                                + "modules), raise --timeout for very large rulesets"
                                : "add the missing binary to the binary source, or read the error above"));
            }
        }
    }

    private static void specials(FamilyEvidence fe, List<Finding> out) {
        Set<String> seen = new LinkedHashSet<>();
        for (Backend b : Backend.values()) {
            for (Special s : fe.of(b).specials()) {
                String key = s.kind() + "|" + s.text();
                if (!seen.add(key)) {
                    continue;
                }
                switch (s.kind()) {
                    case "incompatible-table", "incompatible-base-chains" -> out.add(new Finding("incompatible-table",
                            Severity.ERROR, fe.family(), b.id() + " " + fe.family().id() + ": " + s.text(),
                            "a table holds nft rules iptables cannot express; iptables-nft-save skips or truncates it and "
                                    + "a restore of that dump loses them",
                            "inspect it with 'nft list table', find its owner, never restore this dump over it"));
                    case "unsupported-revision" -> out.add(new Finding("unsupported-revision", Severity.ERROR,
                            fe.family(), b.id() + " " + fe.family().id() + ": a rule uses an extension revision this "
                            + "iptables does not know: " + s.text(),
                            "the userspace is older than what wrote the rule; its dump cannot be restored (kubernetes#95409)",
                            "read and write with an iptables at least as new as the writer"));
                    case "cant-find-library" -> out.add(new Finding("missing-extension", Severity.ERROR, fe.family(),
                            b.id() + " " + fe.family().id() + ": " + s.text(),
                            "the save fails as a whole: nothing of this backend can be read or backed up with this binary",
                            "install the iptables extension libraries (or use the binaries of the image that wrote "
                                    + "the rules)"));
                    default -> {
                        // The legacy-tables warning is covered by its own finding with the context it needs.
                    }
                }
            }
        }
    }

    private static void buggyVersions(Observation obs, List<Finding> out) {
        Set<String> reported = new LinkedHashSet<>();
        for (BinaryInfo b : obs.binaries().binaries()) {
            Optional<Version> v = b.parsedVersion();
            if (!b.found() || b.family() == null || v.isEmpty() || !v.get().between(V1_8_0, V1_8_3)
                    || !reported.add(b.resolved() + v.get())) {
                continue;
            }
            boolean broken = v.get().compareTo(V1_8_2) <= 0;
            out.add(new Finding("iptables-version-buggy", broken ? Severity.ERROR : Severity.WARNING, null,
                    b.name() + " is iptables " + v.get() + " (" + b.resolved() + ")",
                    broken ? "in nft mode '-C' never matches in 1.8.0-1.8.2: every EnsureRule appends a duplicate "
                            + "(kubernetes#82361)"
                            : "1.8.3 hangs when the nf_tables kernel modules are unavailable",
                    "upgrade iptables to 1.8.4 or later"));
        }
    }

    /** Native tables of a known owner are described in the ownership; an unknown one needs its owner found. */
    private static void nativeTables(NftTablesEvidence nft, List<Finding> out) {
        if (nft.status() != ReadStatus.OK) {
            return;
        }
        for (NftTablesEvidence.NftTable t : nft.nativeTables()) {
            if (Ownership.nativeOwner(t).isPresent() || t.baseChains().isEmpty()) {
                continue;
            }
            String chains = t.baseChains().stream().map(c -> c.name() + " (hook " + c.hook() + ", priority "
                    + c.priority() + ", policy " + c.policy() + ")").collect(Collectors.joining(", "));
            out.add(new Finding("native-nft-table-unknown-owner", Severity.WARNING, null,
                    "native nftables table '" + t.qualifiedName() + "' of no known writer: base chains " + chains,
                    "its base chains run on the same hooks as every iptables rule, and iptables tools never show it",
                    "inspect it with 'nft list table " + t.qualifiedName() + "' and find who creates it"));
        }
    }

    private static String owners(BackendEvidence e) {
        Map<String, Integer> rules = new LinkedHashMap<>();
        for (TableEvidence t : e.tables()) {
            for (TableEvidence.OwnerCount o : t.owners()) {
                rules.merge(o.owner(), o.rules(), Integer::sum);
            }
        }
        if (rules.isEmpty()) {
            return "";
        }
        return " (" + rules.entrySet().stream().map(en -> en.getKey() + " " + en.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }
}
