package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;

/**
 * The node as an expert describes it, derived from the trusted evidence: who writes where, what is live and what is
 * stale, every base chain on every hook, and what the kernel can run.
 */
public record NodeView(Ownership ownership, Staleness staleness, HookPipeline pipeline,
                       KernelCapabilities capabilities) {

    /** @param capabilities null when the kernel side was not read (a report of schema 1, a unit test) */
    public static NodeView of(Evidence truth) {
        Ownership ownership = Ownership.of(truth);
        return new NodeView(ownership, Staleness.of(truth, ownership), HookPipeline.of(truth), null);
    }

    public NodeView withCapabilities(KernelCapabilities c) {
        return new NodeView(ownership, staleness, pipeline, c);
    }

    /** Rules of a backend that are not leftovers; zero when it could not be read. */
    public int liveRules(BackendEvidence e) {
        return e.readable() ? Math.max(0, e.ruleCount() - staleness.staleRules(e.backend(), e.family())) : 0;
    }

    public int liveRules(Evidence ev, Backend b, Family f) {
        return liveRules(ev.of(b, f));
    }
}
