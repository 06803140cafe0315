package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;

/**
 * Calico felix with {@code NFTablesMode=Auto} (projectcalico/calico @ 87c15906, #11629): felix follows kube-proxy —
 * when kube-proxy's nft table exists it runs its nftables dataplane (native {@code ip calico}, no iptables);
 * otherwise its iptables backend detection ({@link CalicoStrategy}).
 */
public final class CalicoNftAutoStrategy extends DerivedStrategy {

    private static final Strategy CALICO = new CalicoStrategy();

    @Override
    public StrategyId id() {
        return StrategyId.CALICO_NFT_AUTO;
    }

    @Override
    public String title() {
        return "Calico NFTablesMode=Auto: kube-proxy nft table -> nftables dataplane, else felix auto backend";
    }

    @Override
    public Verdict decide(Observation obs, Family family) {
        if (kubeProxyNftables(obs)) {
            Trace trace = new Trace();
            trace.observe("kube-proxy's nft table exists");
            trace.decide("felix runs its nftables dataplane: native table " + (family == Family.IPV4 ? "ip" : "ip6")
                    + " calico, written with nft, not iptables-nft");
            return Verdicts.choose(id(), family, Backend.NFT, obs.binaries(), Basis.NFTABLES_MODE, trace);
        }
        return relabel(id(), "no kube-proxy nft table: felix keeps its iptables dataplane and detects the backend",
                CALICO.decide(obs, family));
    }
}
