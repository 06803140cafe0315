package io.iptscope.detect;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.Variant;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.Optional;

/**
 * iptscope's recommendation, per family, from what the netns really holds (the trusted readers): kubelet's hint
 * chains in mangle > other components' live canaries > the number of live rules > the system default. Leftovers of
 * a writer that has moved on (see {@link Staleness}) never outrank live evidence. Ties are named as ties, and
 * incomplete evidence is said to be incomplete.
 */
public final class IptscopeStrategy implements Strategy {

    @Override
    public StrategyId id() {
        return StrategyId.IPTSCOPE;
    }

    @Override
    public String title() {
        return "iptscope: kubelet hint > canaries > rule count > system default, per family";
    }

    @Override
    public Verdict decide(Observation obs, Family f) {
        BinaryInventory bins = obs.binaries();
        Trace trace = new Trace();
        BackendEvidence legacy = obs.truth().of(Backend.LEGACY, f);
        BackendEvidence nft = obs.truth().of(Backend.NFT, f);
        Staleness stale = obs.node().staleness();
        for (BackendEvidence e : new BackendEvidence[] {legacy, nft}) {
            if (!e.readable()) {
                trace.note(e.describe() + " is unknown (" + e.status().id() + (e.detail() == null ? "" : ": "
                        + e.detail()) + "); this verdict rests on the other backend alone");
            }
        }

        boolean hintL = legacy.readable() && legacy.hasMangleHint();
        boolean hintN = nft.readable() && nft.hasMangleHint();
        trace.observe("kubelet hint (" + Markers.KUBE_IPTABLES_HINT + "/" + Markers.KUBE_KUBELET_CANARY
                + ") in mangle: legacy " + yesNo(hintL) + ", nft " + yesNo(hintN));
        if (hintL != hintN) {
            Backend b = hintN ? Backend.NFT : Backend.LEGACY;
            trace.decide("kubelet marks the backend it uses: " + b.id());
            return Verdicts.choose(id(), f, b, bins, Basis.KUBELET_HINT, trace);
        }
        if (hintL) {
            trace.observe("both backends carry kubelet's hint: kubelet has run with both binaries at some time");
        }

        boolean canaryL = legacy.readable() && legacy.hasMarker(Markers.KUBE_PROXY_CANARY)
                && !stale.isStale(Backend.LEGACY, f, Markers.KUBE_PROXY_CANARY);
        boolean canaryN = nft.readable() && nft.hasMarker(Markers.KUBE_PROXY_CANARY)
                && !stale.isStale(Backend.NFT, f, Markers.KUBE_PROXY_CANARY);
        for (Backend b : Backend.values()) {
            if (stale.isStale(b, f, Markers.KUBE_PROXY_CANARY)) {
                trace.observe(Markers.KUBE_PROXY_CANARY + " in " + b.id() + " is a leftover: it does not count");
            }
        }
        if (canaryL != canaryN) {
            Backend b = canaryN ? Backend.NFT : Backend.LEGACY;
            trace.observe(Markers.KUBE_PROXY_CANARY + " only in " + b.id());
            trace.decide("kube-proxy marks the backend it uses: " + b.id());
            return Verdicts.choose(id(), f, b, bins, Basis.CANARY, trace);
        }

        int rl = obs.node().liveRules(legacy);
        int rn = obs.node().liveRules(nft);
        int sl = stale.staleRules(Backend.LEGACY, f);
        int sn = stale.staleRules(Backend.NFT, f);
        trace.observe("live rules (-A lines): legacy " + rl + ", nft " + rn
                + (sl + sn > 0 ? " (leftovers not counted: legacy " + sl + ", nft " + sn + ")" : ""));
        if (rl != rn) {
            Backend b = rn > rl ? Backend.NFT : Backend.LEGACY;
            if (Math.min(rl, rn) > 0) {
                trace.note("both backends hold rules; the one with more is chosen, but both run in the kernel");
            }
            trace.decide(b.id() + " holds more rules: " + b.id());
            return Verdicts.choose(id(), f, b, bins, Basis.RULES, trace);
        }
        Optional<Backend> def = bins.systemDefault(f);
        String tie = rl > 0 ? "tie: both hold " + Verdicts.rules(rl) : "neither backend holds rules";
        if (def.isPresent()) {
            trace.decide(tie + "; use the system default, " + f.toolPrefix() + " -> " + def.get().id());
            return Verdicts.choose(id(), f, def.get(), bins, rl > 0 ? Basis.TIE : Basis.DEFAULT, trace);
        }
        for (Backend b : new Backend[] {Backend.NFT, Backend.LEGACY}) {
            if (bins.hasAll(f, Variant.of(b))) {
                trace.decide(tie + " and " + f.toolPrefix() + " is missing: use " + b.id()
                        + ", the backend whose binaries the source has" + (b == Backend.NFT ? " (nft preferred)" : ""));
                return Verdicts.choose(id(), f, b, bins, rl > 0 ? Basis.TIE : Basis.DEFAULT, trace);
            }
        }
        trace.decide(tie + " and the binary source has no complete " + f.toolPrefix() + " set: nothing to use");
        return Verdicts.none(id(), f, Basis.FAILED, trace);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
