package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Tool;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.discover.Version;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.Optional;

/**
 * The three generations of kubernetes-sigs/iptables-wrappers. They sum IPv4 and IPv6 and pick one
 * backend for both families, then point the plain names at {@code iptables-<mode>}.
 */
public final class WrappersStrategy implements Strategy {

    public enum Generation {
        V1(StrategyId.WRAPPERS_V1, "iptables-wrappers v1 (2020): count '-' lines, tie -> legacy, 1.8.3 special case"),
        V2(StrategyId.WRAPPERS_V2, "iptables-wrappers v2 (2022): kubelet hint nft > hint legacy > counts, tie -> nft"),
        V3(StrategyId.WRAPPERS_V3, "iptables-wrappers v3 (Go, tag v3 bfef9e50, 2026-04-20): hint nft v4/v6 "
                + "> hint legacy v4/v6 > nft, no counting");

        private final StrategyId id;
        private final String title;

        Generation(StrategyId id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    private static final Version V1_8_0 = Version.of(1, 8, 0);
    private static final Version V1_8_2 = Version.of(1, 8, 2);
    private static final Version V1_8_3 = Version.of(1, 8, 3);
    private static final int V1_LEGACY_SHORTCUT = 10;

    private final Generation generation;

    public WrappersStrategy(Generation generation) {
        this.generation = generation;
    }

    @Override
    public StrategyId id() {
        return generation.id;
    }

    @Override
    public String title() {
        return generation.title;
    }

    @Override
    public Verdict decide(Observation obs, Family family) {
        Trace trace = new Trace();
        trace.observe("the wrapper decides once for both families (IPv4 and IPv6 summed)");
        return switch (generation) {
            case V1 -> v1(obs, family, trace);
            case V2 -> v2(obs, family, trace);
            case V3 -> v3(obs, family, trace);
        };
    }

    private Verdict v1(Observation obs, Family family, Trace trace) {
        BinaryInventory bins = obs.binaries();
        Optional<Verdict> refused = sanity(bins, family, trace, V1_8_2);
        if (refused.isPresent()) {
            return refused.get();
        }
        int legacy = sum(obs, Backend.LEGACY, trace);
        Version nftVersion = bins.get(Family.IPV4, Variant.NFT, ToolKind.BASE).parsedVersion().orElse(null);
        if (V1_8_3.equals(nftVersion)) {
            trace.observe("iptables-nft is 1.8.3: the wrapper reads nft only under 'timeout 5' and skips it when "
                    + "legacy has >= " + V1_LEGACY_SHORTCUT + " rules");
            if (legacy >= V1_LEGACY_SHORTCUT) {
                trace.decide("legacy has " + Verdicts.rules(legacy) + " (>= 10): use legacy without reading nft");
                return Verdicts.choose(id(), family, Backend.LEGACY, bins, Basis.RULES, trace);
            }
        }
        int nft = sum(obs, Backend.NFT, trace);
        trace.observe("'-' lines: legacy " + legacy + ", nft " + nft);
        if (legacy >= nft) {
            trace.decide(legacy == nft ? "tie (" + legacy + " = " + nft + "): v1 breaks ties towards legacy (-ge)"
                    : "legacy has more rules: use legacy");
            return Verdicts.choose(id(), family, Backend.LEGACY, bins, legacy == nft ? Basis.TIE : Basis.RULES, trace);
        }
        trace.decide("nft has more rules: use nft");
        return Verdicts.choose(id(), family, Backend.NFT, bins, Basis.RULES, trace);
    }

    private Verdict v2(Observation obs, Family family, Trace trace) {
        BinaryInventory bins = obs.binaries();
        Optional<Verdict> refused = sanity(bins, family, trace, V1_8_3);
        if (refused.isPresent()) {
            return refused.get();
        }
        Evidence ev = obs.evidence();
        boolean nftHint = false;
        boolean legacyHint = false;
        for (Family f : Family.values()) {
            nftHint |= readableViaOwnSave(bins, Backend.NFT, f) && ev.of(Backend.NFT, f).hasMangleHint();
            legacyHint |= readableViaOwnSave(bins, Backend.LEGACY, f) && ev.of(Backend.LEGACY, f).hasHintAnywhere();
        }
        trace.observe("kubelet hint chain in nft mangle: " + yesNo(nftHint) + "; in the legacy dumps: " + yesNo(legacyHint));
        if (nftHint) {
            trace.decide("kubelet's hint is in nft: use nft");
            return Verdicts.choose(id(), family, Backend.NFT, bins, Basis.KUBELET_HINT, trace);
        }
        if (legacyHint) {
            trace.decide("kubelet's hint is in legacy: use legacy");
            return Verdicts.choose(id(), family, Backend.LEGACY, bins, Basis.KUBELET_HINT, trace);
        }
        int legacy = sum(obs, Backend.LEGACY, trace);
        int nft = sum(obs, Backend.NFT, trace);
        trace.observe("'-' lines: legacy " + legacy + ", nft " + nft);
        if (legacy > nft) {
            trace.decide("legacy has more rules: use legacy");
            return Verdicts.choose(id(), family, Backend.LEGACY, bins, Basis.RULES, trace);
        }
        trace.decide(legacy == nft ? "tie (" + legacy + " = " + nft + "): v2 breaks ties towards nft (-gt)"
                : "nft has more rules: use nft");
        return Verdicts.choose(id(), family, Backend.NFT, bins, legacy == nft ? Basis.TIE : Basis.RULES, trace);
    }

    private Verdict v3(Observation obs, Family family, Trace trace) {
        BinaryInventory bins = obs.binaries();
        if (!bins.get(Family.IPV4, Variant.PLAIN, ToolKind.BASE).found()) {
            trace.decide("iptables is not in the binary source: DetectBinaryDir fails and the wrapper exits");
            return Verdicts.none(id(), family, Basis.FAILED, trace);
        }
        Evidence ev = obs.evidence();
        boolean nftMulti = bins.get(Tool.XTABLES_NFT_MULTI).found();
        boolean legacyMulti = bins.get(Tool.XTABLES_LEGACY_MULTI).found();
        if (!nftMulti) {
            trace.observe("xtables-nft-multi is missing: its reads fail and the wrapper ignores the errors");
        }
        if (!legacyMulti) {
            trace.observe("xtables-legacy-multi is missing: its reads fail and the wrapper ignores the errors");
        }
        for (Family f : Family.values()) {
            BackendEvidence e = ev.of(Backend.NFT, f);
            noteUnreadable(e, trace);
            if (nftMulti && e.readable() && e.hasMangleHint()) {
                trace.observe("kubelet hint chain in nft " + f.id() + " mangle");
                trace.decide("use nft");
                return Verdicts.choose(id(), family, Backend.NFT, bins, Basis.KUBELET_HINT, trace);
            }
        }
        for (Family f : Family.values()) {
            BackendEvidence e = ev.of(Backend.LEGACY, f);
            noteUnreadable(e, trace);
            if (legacyMulti && e.readable() && e.hasHintAnywhere()) {
                trace.observe("kubelet hint chain in the legacy " + f.id() + " dump");
                trace.decide("use legacy");
                return Verdicts.choose(id(), family, Backend.LEGACY, bins, Basis.KUBELET_HINT, trace);
            }
        }
        trace.observe("no kubelet hint chain in either backend (v3 no longer counts rules)");
        trace.decide("default: nft");
        return Verdicts.choose(id(), family, Backend.NFT, bins, Basis.DEFAULT, trace);
    }

    /** The installers refuse iptables versions known to be broken; no wrapper is installed then. */
    private Optional<Verdict> sanity(BinaryInventory bins, Family family, Trace trace, Version lastRefused) {
        for (Variant v : new Variant[] {Variant.NFT, Variant.LEGACY}) {
            BinaryInfo b = bins.get(Family.IPV4, v, ToolKind.BASE);
            if (!b.found() || b.parsedVersion().isEmpty()) {
                trace.decide("installer sanity check: '" + b.name() + " --version' does not work here; the installer "
                        + "refuses to install (unless --no-sanity-check)");
                return Optional.of(Verdicts.none(id(), family, Basis.REFUSED, trace));
            }
            if (v == Variant.NFT && b.parsedVersion().get().between(V1_8_0, lastRefused)) {
                trace.decide("installer sanity check: iptables " + b.version() + " is refused (1.8.0-"
                        + lastRefused + " are broken in nft mode)");
                return Optional.of(Verdicts.none(id(), family, Basis.REFUSED, trace));
            }
        }
        return Optional.empty();
    }

    /** The wrapper's "(X-save || true) | grep '^-' | wc -l" over both families: missing or failing reads add 0. */
    private int sum(Observation obs, Backend backend, Trace trace) {
        int total = 0;
        for (Family f : Family.values()) {
            if (readableViaOwnSave(obs.binaries(), backend, f)) {
                total += Verdicts.rulesSeen(obs.evidence().of(backend, f), trace, "the wrapper");
            }
        }
        return total;
    }

    private static boolean readableViaOwnSave(BinaryInventory bins, Backend backend, Family f) {
        return bins.get(f, Variant.of(backend), ToolKind.SAVE).found();
    }

    private static void noteUnreadable(BackendEvidence e, Trace trace) {
        if (e.status() == ReadStatus.TIMEOUT) {
            trace.note(e.describe() + " timed out here; the Go wrapper reads with no timeout and would hang");
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
