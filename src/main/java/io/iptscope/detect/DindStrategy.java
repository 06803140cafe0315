package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;

/**
 * The docker:dind image's entrypoint (docker-library/docker dockerd-entrypoint.sh, 2024+): legacy when
 * {@code DOCKER_IPTABLES_LEGACY} is set or when {@code /proc/net/ip_tables_names} is non-empty (legacy tables
 * exist); otherwise the image's default, nft.
 */
public final class DindStrategy implements Strategy {

    private final boolean legacyForced;

    public DindStrategy(boolean legacyForced) {
        this.legacyForced = legacyForced;
    }

    @Override
    public StrategyId id() {
        return StrategyId.DOCKER_DIND;
    }

    @Override
    public String title() {
        return "docker:dind entrypoint: DOCKER_IPTABLES_LEGACY or a non-empty ip_tables_names -> legacy, else nft";
    }

    @Override
    public Verdict decide(Observation obs, Family family) {
        Trace trace = new Trace();
        if (legacyForced) {
            trace.observe("DOCKER_IPTABLES_LEGACY is set (detect --docker-iptables-legacy)");
            trace.decide("the entrypoint switches to the legacy binaries without looking at the kernel: legacy");
            return Verdicts.choose(id(), family, Backend.LEGACY, obs.binaries(), Basis.OVERRIDE, trace);
        }
        trace.observe("DOCKER_IPTABLES_LEGACY is unset");
        BackendEvidence v4 = obs.evidence().of(Backend.LEGACY, Family.IPV4);
        boolean names = v4.kernelTables() != null && !v4.kernelTables().isEmpty();
        trace.observe("/proc/net/ip_tables_names " + (names ? "lists " + v4.kernelTables() : "is empty or absent"));
        if (names) {
            trace.note("an empty legacy table made by a probe counts as well");
            trace.decide("legacy tables exist: legacy");
            return Verdicts.choose(id(), family, Backend.LEGACY, obs.binaries(), Basis.TABLES, trace);
        }
        trace.decide("no legacy table: the image's default, nft");
        return Verdicts.choose(id(), family, Backend.NFT, obs.binaries(), Basis.DEFAULT, trace);
    }
}
