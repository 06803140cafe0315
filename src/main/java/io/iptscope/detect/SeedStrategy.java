package io.iptscope.detect;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.Optional;

/**
 * The Istio wrapper's documented design: use the variants present in the binary source; in the
 * current netns prefer nft if it holds rules, else legacy if it holds rules and its binary
 * exists, else the system default (the backend the plain name resolves to).
 */
public final class SeedStrategy implements Strategy {

    @Override
    public StrategyId id() {
        return StrategyId.SEED;
    }

    @Override
    public String title() {
        return "Istio wrapper design: nft with rules > legacy with rules > system default";
    }

    @Override
    public Verdict decide(Observation obs, Family f) {
        BinaryInventory bins = obs.binaries();
        Trace trace = new Trace();
        boolean nftPresent = bins.has(f, Variant.NFT, ToolKind.BASE);
        boolean legacyPresent = bins.has(f, Variant.LEGACY, ToolKind.BASE);
        trace.observe(f.toolPrefix() + "-nft " + (nftPresent ? "is" : "is not") + " in the binary source; "
                + f.toolPrefix() + "-legacy " + (legacyPresent ? "is" : "is not"));
        BackendEvidence nft = obs.evidence().of(Backend.NFT, f);
        BackendEvidence legacy = obs.evidence().of(Backend.LEGACY, f);
        if (nftPresent) {
            int n = Verdicts.rulesSeen(nft, trace, "the wrapper");
            trace.observe("nft holds " + Verdicts.rules(n) + " for " + f.id());
            if (n > 0) {
                trace.decide("nft holds rules: use nft");
                return Verdicts.choose(id(), f, Backend.NFT, bins, Basis.RULES, trace);
            }
        }
        if (legacyPresent) {
            int n = Verdicts.rulesSeen(legacy, trace, "the wrapper");
            trace.observe("legacy holds " + Verdicts.rules(n) + " for " + f.id());
            if (n > 0) {
                trace.decide("nft holds no rules, legacy does and its binary exists: use legacy");
                return Verdicts.choose(id(), f, Backend.LEGACY, bins, Basis.RULES, trace);
            }
        }
        Optional<Backend> def = bins.systemDefault(f);
        if (def.isEmpty()) {
            trace.decide("no backend holds rules and " + f.toolPrefix()
                    + " (the system default) is missing or reports no mode: nothing to use");
            return Verdicts.none(id(), f, Basis.FAILED, trace);
        }
        trace.decide("no backend holds rules: use the system default, " + f.toolPrefix() + " -> " + def.get().id());
        return Verdicts.choose(id(), f, def.get(), Variant.PLAIN, bins, Basis.DEFAULT, trace);
    }
}
