package io.iptscope.detect;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.util.Optional;

/**
 * Istio's {@code DetectIptablesVersion} as of 2026: legacy if usable and its dump has at least three
 * lines, else nft if usable, else the plain binary. Usability is proven in Istio by a write probe
 * ({@code -t nat -A INPUT -p 255 -j RETURN}, then {@code -D}); iptscope never runs it and says
 * where it would change the answer. {@code FORCE_IPTABLES_BINARY} (istio#57976) names the variant to run and skips
 * detection; Istio fails when that variant is unusable.
 */
public final class IstioStrategy implements Strategy {

    /** The variant {@code FORCE_IPTABLES_BINARY} names; null when it is unset. */
    private final Variant forced;

    public IstioStrategy(Optional<Variant> forced) {
        this.forced = forced.orElse(null);
    }

    static final int EXISTING_RULES_MIN_NEWLINES = 3;

    @Override
    public StrategyId id() {
        return StrategyId.ISTIO;
    }

    @Override
    public String title() {
        return "Istio DetectIptablesVersion: legacy with >=3 dump lines > nft > plain (write probe not run)";
    }

    @Override
    public Verdict decide(Observation obs, Family f) {
        BinaryInventory bins = obs.binaries();
        Trace trace = new Trace();
        BackendEvidence legacy = obs.evidence().of(Backend.LEGACY, f);
        BackendEvidence nft = obs.evidence().of(Backend.NFT, f);
        if (forced != null) {
            return forced(obs, f, trace);
        }

        boolean legacyUsable = usable(bins, f, Variant.LEGACY, legacy, trace);
        if (legacyUsable) {
            int lines = legacy.dumpLines();
            trace.observe(f.toolPrefix() + "-legacy-save printed " + lines + " lines (Istio counts newlines, not rules)");
            boolean primes = legacy.kernelTables() != null && !legacy.kernelTables().contains("nat");
            if (lines >= EXISTING_RULES_MIN_NEWLINES) {
                if (legacy.ruleCount() == 0) {
                    trace.note("those lines are empty legacy tables, not rules: Istio still counts them as existing rules");
                }
                trace.decide("legacy is usable and has >= 3 lines: use legacy");
                return Verdicts.choose(id(), f, Backend.LEGACY, bins, Basis.LINE_COUNT, trace);
            }
            if (primes) {
                trace.note("Istio's probe '" + f.toolPrefix() + "-legacy -t nat -A INPUT -p 255 -j RETURN' would create "
                        + "the legacy nat table in this netns; at Istio's next start " + f.toolPrefix()
                        + "-legacy-save prints >= 3 lines and it switches to legacy (istio#61020)");
            }
        }
        if (usable(bins, f, Variant.NFT, nft, trace)) {
            trace.note("Istio would run '" + f.toolPrefix() + "-nft -t nat -A INPUT -p 255 -j RETURN' to prove kernel "
                    + "support; not run here. It is assumed to succeed because " + f.toolPrefix()
                    + "-nft-save worked; without nf_tables nat support Istio would fall back to " + f.toolPrefix());
            trace.decide("legacy has no existing rules by Istio's measure and nft is usable: use nft");
            return Verdicts.choose(id(), f, Backend.NFT, bins, Basis.DEFAULT, trace);
        }
        BinaryInfo plainSave = bins.get(f, Variant.PLAIN, ToolKind.SAVE);
        BinaryInfo plain = bins.get(f, Variant.PLAIN, ToolKind.BASE);
        Optional<Backend> plainBackend = plain.found() ? plain.effectiveBackend() : Optional.empty();
        if (!plain.found() || !plainSave.found() || plainBackend.isEmpty()) {
            trace.decide("neither variant is usable and " + f.toolPrefix() + "/" + f.toolPrefix()
                    + "-save are missing: Istio fails detection" + (f == Family.IPV6
                    ? " (fatal for IPv6 only when ENABLE_INBOUND_IPV6 is set)" : ""));
            return Verdicts.none(id(), f, Basis.FAILED, trace);
        }
        trace.decide("neither variant is usable: use the plain " + f.toolPrefix() + " (-> " + plainBackend.get().id() + ")");
        return Verdicts.choose(id(), f, plainBackend.get(), Variant.PLAIN, bins, Basis.DEFAULT, trace);
    }

    private Verdict forced(Observation obs, Family f, Trace trace) {
        Variant v = forced;
        String name = f.toolPrefix() + v.suffix();
        trace.observe("FORCE_IPTABLES_BINARY=iptables" + v.suffix() + ": Istio runs " + name + " and skips detection");
        BackendEvidence e = v == Variant.PLAIN ? null : obs.evidence().of(v.backend().orElseThrow(), f);
        BinaryInfo base = obs.binaries().get(f, v, ToolKind.BASE);
        if (e != null ? !usable(obs.binaries(), f, v, e, trace) : !base.found()) {
            trace.decide("the forced binary is unusable here: Istio fails instead of falling back");
            return Verdicts.none(id(), f, Basis.OVERRIDE, trace);
        }
        Optional<Backend> backend = v == Variant.PLAIN ? base.effectiveBackend() : v.backend();
        if (backend.isEmpty()) {
            trace.decide(name + " has no known backend: Istio runs it blind");
            return Verdicts.none(id(), f, Basis.OVERRIDE, trace);
        }
        trace.decide("forced: " + name + " (-> " + backend.get().id() + ")");
        return Verdicts.choose(id(), f, backend.get(), v, obs.binaries(), Basis.OVERRIDE, trace);
    }

    private static boolean usable(BinaryInventory bins, Family f, Variant v, BackendEvidence e, Trace trace) {
        BinaryInfo base = bins.get(f, v, ToolKind.BASE);
        BinaryInfo save = bins.get(f, v, ToolKind.SAVE);
        if (!base.found() || !save.found()) {
            trace.observe((base.found() ? save.name() : base.name()) + " is not in the binary source: Istio treats "
                    + v.id() + " as unusable");
            return false;
        }
        if (!e.readable()) {
            trace.observe(save.name() + " failed here (" + e.status().id() + "): Istio treats " + v.id() + " as unusable");
            return false;
        }
        return true;
    }
}
