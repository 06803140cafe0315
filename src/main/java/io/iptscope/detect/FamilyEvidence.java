package io.iptscope.detect;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;

/** Both backends' view of one family. */
public record FamilyEvidence(Family family, BackendEvidence legacy, BackendEvidence nft) {

    public BackendEvidence of(Backend backend) {
        return backend == Backend.LEGACY ? legacy : nft;
    }
}
