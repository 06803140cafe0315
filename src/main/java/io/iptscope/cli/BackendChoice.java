package io.iptscope.cli;

import io.iptscope.detect.EvidenceCollector;
import io.iptscope.detect.IptscopeStrategy;
import io.iptscope.detect.Observation;
import io.iptscope.detect.Verdict;
import io.iptscope.restore.Endpoint;
import io.iptscope.restore.RestoreException;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;

/** {@code --backend legacy|nft|auto}; auto is iptscope's recommendation for the target and family. */
enum BackendChoice {
    LEGACY, NFT, AUTO;

    Backend resolve(Endpoint ep, Family family) throws RestoreException {
        return switch (this) {
            case LEGACY -> Backend.LEGACY;
            case NFT -> Backend.NFT;
            case AUTO -> {
                Observation obs = new Observation(ep.binaries(),
                        new EvidenceCollector(ep.runner(), ep.netns(), ep.binaries(), ep.timeout()).collect());
                Verdict v = new IptscopeStrategy().decide(obs, family);
                yield v.backend().backend().orElseThrow(() -> new RestoreException(
                        "--backend auto: no backend can be chosen for " + family.id() + "; name one with --backend"));
            }
        };
    }
}
