package io.iptscope.detect;

import io.iptscope.rules.Family;

/**
 * kind's node entrypoint (kubernetes-sigs/kind images/base/files/usr/local/bin/entrypoint @ fed26882,
 * {@code select_iptables}): the wrappers v1 count, nft read under {@code timeout 5}, ties to legacy, then
 * {@code update-alternatives --set iptables|ip6tables}.
 */
public final class KindStrategy extends DerivedStrategy {

    private static final Strategy V1 = new WrappersStrategy(WrappersStrategy.Generation.V1);

    @Override
    public StrategyId id() {
        return StrategyId.KIND;
    }

    @Override
    public String title() {
        return "kind entrypoint (fed26882): wrappers v1 counts, tie -> legacy";
    }

    @Override
    public Verdict decide(Observation obs, Family family) {
        return relabel(id(), "kind's entrypoint copies the wrappers v1 count (legacy -ge nft) and sets the "
                + "alternatives for both families", V1.decide(obs, family));
    }
}
