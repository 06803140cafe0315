package io.iptscope.detect;

import io.iptscope.rules.Family;
import java.util.ArrayList;
import java.util.List;

/**
 * A detector that embeds another one's logic (kind's entrypoint copies wrappers v1; kube-proxy's image runs the
 * wrappers v2 script): the verdict is the embedded one's, relabelled, with the embedding said in the trace.
 */
abstract class DerivedStrategy implements Strategy {

    /** The delegate's verdict as this strategy's, with {@code note} first in the trace. */
    static Verdict relabel(StrategyId id, String note, Verdict v) {
        List<TraceStep> trace = new ArrayList<>();
        trace.add(new TraceStep(TraceStep.Kind.NOTE, note));
        trace.addAll(v.trace());
        return new Verdict(id, v.family(), v.backend(), v.binary(), v.save(), v.restore(), v.basis(), trace);
    }

    static boolean kubeProxyNftables(Observation obs) {
        return "nftables".equals(obs.node().ownership().modes().get("kube-proxy"));
    }

    @Override
    public abstract Verdict decide(Observation observation, Family family);
}
