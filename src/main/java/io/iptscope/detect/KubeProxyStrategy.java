package io.iptscope.detect;

import io.iptscope.rules.Family;

/**
 * kube-proxy (kubernetes 1.33+, pkg/proxy): in nftables mode (KEP-3866, {@code table ip kube-proxy}) it writes no
 * iptables rule at all; in iptables or ipvs mode its image (kubernetes/release distroless-iptables, trixie) runs the
 * iptables-wrappers v2 installer script, so its backend is the v2 wrapper's choice. The mode comes from the evidence.
 */
public final class KubeProxyStrategy extends DerivedStrategy {

    private static final Strategy V2 = new WrappersStrategy(WrappersStrategy.Generation.V2);

    @Override
    public StrategyId id() {
        return StrategyId.KUBE_PROXY;
    }

    @Override
    public String title() {
        return "kube-proxy 1.33+: nftables mode uses no iptables; iptables/ipvs mode follows its image's wrappers v2";
    }

    @Override
    public Verdict decide(Observation obs, Family family) {
        String mode = obs.node().ownership().modes().get("kube-proxy");
        if (kubeProxyNftables(obs)) {
            Trace trace = new Trace();
            trace.observe("kube-proxy's native table (ip/ip6 kube-proxy) exists: it runs in nftables mode");
            trace.decide("kube-proxy writes no iptables rules in nftables mode: no iptables backend to choose");
            return Verdicts.none(id(), family, Basis.NFTABLES_MODE, trace);
        }
        return relabel(id(), "kube-proxy mode from the evidence: " + (mode == null ? "unknown (iptables is the default)"
                : mode) + "; its image's iptables-wrapper (v2 script) decides the backend", V2.decide(obs, family));
    }
}
