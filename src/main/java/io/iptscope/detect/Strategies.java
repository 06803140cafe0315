package io.iptscope.detect;

import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The known strategies, in the order reports list them; {@code iptscope} is the recommendation. */
public final class Strategies {

    public static final String RECOMMENDED = "iptscope";

    public static final List<Strategy> ALL = List.of(
            new IptscopeStrategy(),
            new SeedStrategy(),
            new IstioStrategy(),
            new WrappersStrategy(WrappersStrategy.Generation.V1),
            new WrappersStrategy(WrappersStrategy.Generation.V2),
            new WrappersStrategy(WrappersStrategy.Generation.V3),
            new CalicoStrategy(),
            new KubeProxyStrategy(),
            new CalicoNftAutoStrategy(),
            new KindStrategy(),
            new K3sRootStrategy(),
            new DindStrategy(false));

    private Strategies() {
    }

    public static Optional<Strategy> byId(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return ALL.stream().map(Strategy::id).toList();
    }

    /** Every strategy's verdict for every family, strategy-major. */
    public static List<Verdict> decideAll(Observation obs) {
        List<Verdict> out = new ArrayList<>();
        for (Strategy s : ALL) {
            for (Family f : Family.values()) {
                out.add(s.decide(obs, f).checkedAgainst(obs.evidence()));
            }
        }
        return out;
    }
}
