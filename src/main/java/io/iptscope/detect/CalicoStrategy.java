package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.Optional;

/**
 * Calico felix {@code DetectBackend} (FelixConfiguration iptablesBackend: Auto): kubelet hint in nft
 * mangle (v6, v4) > hint in legacy mangle > '-' line counts with ties to legacy. One answer for both
 * families. {@code FindBestBinary} falls back from {@code iptables-<mode>-save} to the plain
 * {@code iptables-save}, whatever backend that is.
 */
public final class CalicoStrategy implements Strategy {

    private static final Family[] CALICO_ORDER = {Family.IPV6, Family.IPV4};

    @Override
    public StrategyId id() {
        return StrategyId.CALICO;
    }

    @Override
    public String title() {
        return "Calico felix auto: hint nft > hint legacy > counts, tie -> legacy";
    }

    @Override
    public Verdict decide(Observation obs, Family family) {
        BinaryInventory bins = obs.binaries();
        Trace trace = new Trace();
        trace.observe("felix decides once for both families");
        for (Family f : CALICO_ORDER) {
            if (!bins.get(f, Variant.NFT, ToolKind.SAVE).found() && !bins.get(f, Variant.PLAIN, ToolKind.SAVE).found()) {
                trace.decide("neither " + f.toolPrefix() + "-nft-save nor " + f.toolPrefix()
                        + "-save is in the binary source: FindBestBinary panics and felix exits");
                return Verdicts.none(id(), family, Basis.FAILED, trace);
            }
        }
        for (Family f : CALICO_ORDER) {
            Optional<BackendEvidence> seen = read(obs, Backend.NFT, f, trace);
            if (seen.isPresent() && seen.get().table("mangle").map(TableEvidence::mentionsHint).orElse(false)) {
                trace.observe("'" + Markers.KUBE_IPTABLES_HINT + "' or '" + Markers.KUBE_KUBELET_CANARY
                        + "' appears in the " + seen.get().describe() + " mangle table");
                trace.decide("use nft");
                return choose(bins, family, Backend.NFT, Basis.KUBELET_HINT, trace);
            }
        }
        for (Family f : CALICO_ORDER) {
            Optional<BackendEvidence> seen = read(obs, Backend.LEGACY, f, trace);
            if (seen.isPresent() && seen.get().table("mangle").map(TableEvidence::mentionsHint).orElse(false)) {
                trace.observe("a kubelet hint appears in the " + seen.get().describe() + " mangle table");
                trace.decide("use legacy");
                return choose(bins, family, Backend.LEGACY, Basis.KUBELET_HINT, trace);
            }
        }
        int legacy = 0;
        int nft = 0;
        for (Family f : CALICO_ORDER) {
            legacy += read(obs, Backend.LEGACY, f, trace).map(e -> Verdicts.rulesSeen(e, trace, "felix")).orElse(0);
            nft += read(obs, Backend.NFT, f, trace).map(e -> Verdicts.rulesSeen(e, trace, "felix")).orElse(0);
        }
        trace.observe("'-' lines: legacy " + legacy + ", nft " + nft);
        if (legacy >= nft) {
            trace.decide(legacy == nft ? "tie (" + legacy + " = " + nft + "): felix defaults to legacy" : "use legacy");
            return choose(bins, family, Backend.LEGACY, legacy == nft ? Basis.TIE : Basis.RULES, trace);
        }
        trace.decide("nft has more rules: use nft");
        return choose(bins, family, Backend.NFT, Basis.RULES, trace);
    }

    /**
     * What felix's save(mode, family) returns: nothing for legacy when the /proc file is absent; else the
     * dump of the backend that the binary FindBestBinary picks really talks to.
     */
    private static Optional<BackendEvidence> read(Observation obs, Backend mode, Family f, Trace trace) {
        BackendEvidence own = obs.evidence().of(mode, f);
        if (mode == Backend.LEGACY && Boolean.FALSE.equals(own.kernelTablesFile())) {
            return Optional.empty();
        }
        BinaryInventory bins = obs.binaries();
        if (bins.get(f, Variant.of(mode), ToolKind.SAVE).found()) {
            if (mode == Backend.LEGACY && own.readable() && own.hasRules()) {
                trace.note("felix would run " + f.toolPrefix() + "-legacy-save -t mangle, which creates the legacy "
                        + "mangle table when it is missing; iptscope read the full dump instead");
            }
            return Optional.of(own);
        }
        BinaryInfo plain = bins.get(f, Variant.PLAIN, ToolKind.SAVE);
        Optional<Backend> really = plain.effectiveBackend();
        if (!plain.found() || really.isEmpty()) {
            return Optional.empty();
        }
        if (really.get() != mode) {
            trace.note(f.toolPrefix() + "-" + mode.id() + "-save is missing: felix falls back to " + plain.name()
                    + ", which is " + really.get().id() + ", so its '" + mode.id() + "' read really sees "
                    + really.get().id());
        }
        return Optional.of(obs.evidence().of(really.get(), f));
    }

    private Verdict choose(BinaryInventory bins, Family family, Backend backend, Basis basis, Trace trace) {
        boolean own = bins.get(family, Variant.of(backend), ToolKind.SAVE).found();
        return Verdicts.choose(id(), family, backend, own ? Variant.of(backend) : Variant.PLAIN, bins, basis, trace);
    }
}
