package io.iptscope.detect;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.Optional;

/**
 * k3s-root's {@code iptables-detect.sh} (k3s-io/k3s-root, bundled with k3s): '-' line counts of both backends,
 * more wins; on a tie, a container means legacy; then what {@code /etc/alternatives/iptables} points to; then the
 * OS guess (nft). iptscope inspects from the host, so "running in a container" is taken as false.
 */
public final class K3sRootStrategy implements Strategy {

    @Override
    public StrategyId id() {
        return StrategyId.K3S_ROOT;
    }

    @Override
    public String title() {
        return "k3s-root iptables-detect: counts > container means legacy > /etc/alternatives > nft";
    }

    @Override
    public Verdict decide(Observation obs, Family family) {
        BinaryInventory bins = obs.binaries();
        Trace trace = new Trace();
        int legacy = 0;
        int nft = 0;
        for (Family f : Family.values()) {
            legacy += Verdicts.rulesSeen(obs.evidence().of(Backend.LEGACY, f), trace, "iptables-detect");
            nft += Verdicts.rulesSeen(obs.evidence().of(Backend.NFT, f), trace, "iptables-detect");
        }
        trace.observe("'-' lines of both families: legacy " + legacy + ", nft " + nft);
        if (legacy != nft) {
            Backend b = legacy > nft ? Backend.LEGACY : Backend.NFT;
            trace.decide(b.id() + " has more rules: " + b.id());
            return Verdicts.choose(id(), family, b, bins, Basis.RULES, trace);
        }
        trace.observe("tie; not running in a container (iptscope inspects from the host)");
        Optional<Backend> alt = bins.systemDefault(family);
        if (alt.isPresent()) {
            trace.decide("/etc/alternatives points " + family.toolPrefix() + " at " + alt.get().id());
            return Verdicts.choose(id(), family, alt.get(), bins, Basis.DEFAULT, trace);
        }
        trace.decide("no alternatives: the OS guess, nft");
        return Verdicts.choose(id(), family, Backend.NFT, bins, Basis.DEFAULT, trace);
    }
}
