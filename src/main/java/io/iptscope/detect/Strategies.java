package io.iptscope.detect;

import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The known strategies, in the order reports list them; {@code iptscope} is the recommendation. */
public final class Strategies {

    public static final StrategyId RECOMMENDED = StrategyId.IPTSCOPE;

    public static final List<Strategy> ALL = all(DetectOptions.DEFAULT);

    private Strategies() {
    }

    /** The strategies with the environment overrides of {@code options} applied to the components that read them. */
    public static List<Strategy> all(DetectOptions options) {
        return List.of(
            new IptscopeStrategy(),
            new SeedStrategy(),
            new IstioStrategy(options.istioForcedVariant()),
            new WrappersStrategy(WrappersStrategy.Generation.V1),
            new WrappersStrategy(WrappersStrategy.Generation.V2),
            new WrappersStrategy(WrappersStrategy.Generation.V3),
            new CalicoStrategy(),
            new KubeProxyStrategy(),
            new CalicoNftAutoStrategy(),
            new KindStrategy(),
            new K3sRootStrategy(),
            new DindStrategy(options.dockerIptablesLegacy()));
    }

    public static Optional<Strategy> byId(String id) {
        return ALL.stream().filter(s -> s.id().id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(s -> s.id().id()).toList();
    }

    /** Every strategy's verdict for every family, strategy-major. */
    public static List<Verdict> decideAll(Observation obs) {
        return decideAll(obs, DetectOptions.DEFAULT);
    }

    public static List<Verdict> decideAll(Observation obs, DetectOptions options) {
        List<Verdict> out = new ArrayList<>();
        for (Strategy s : all(options)) {
            for (Family f : Family.values()) {
                out.add(s.decide(obs, f).checkedAgainst(obs.evidence()));
            }
        }
        return out;
    }
}
