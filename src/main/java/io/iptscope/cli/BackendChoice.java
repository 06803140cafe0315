package io.iptscope.cli;

import io.iptscope.detect.EvidenceCollector;
import io.iptscope.detect.IptscopeStrategy;
import io.iptscope.detect.Observation;
import io.iptscope.detect.Verdict;
import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.RestoreException;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;

/** {@code --backend legacy|nft|auto}; auto is iptscope's recommendation for the target and family. */
enum BackendChoice {
    LEGACY, NFT, AUTO;

    /** Picks the backend per family; for auto the target is read once, however many families are asked. */
    interface Resolver {
        Backend backend(Family family) throws RestoreException;
    }

    Resolver resolver(Endpoint ep) {
        return switch (this) {
            case LEGACY -> f -> Backend.LEGACY;
            case NFT -> f -> Backend.NFT;
            case AUTO -> new Resolver() {
                private Observation obs;

                @Override
                public Backend backend(Family family) throws RestoreException {
                    if (obs == null) {
                        obs = new Observation(ep.binaries(),
                                new EvidenceCollector(ep.runner(), ep.netns(), ep.binaries(), ep.timeout()).collect());
                    }
                    Verdict v = new IptscopeStrategy().decide(obs, family);
                    return v.backend().backend().orElseThrow(() -> new RestoreException(
                            "--backend auto: no backend can be chosen for " + family.id() + "; name one with --backend"));
                }
            };
        };
    }
}
