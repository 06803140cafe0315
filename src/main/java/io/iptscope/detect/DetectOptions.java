package io.iptscope.detect;

import io.iptscope.discover.Variant;
import java.util.Optional;

/**
 * Environment overrides that real detectors honour, given to iptscope so their strategies decide as the component
 * would on this node.
 *
 * @param istioForceBinary     Istio's {@code FORCE_IPTABLES_BINARY} ({@code iptables}, {@code iptables-legacy} or
 *                             {@code iptables-nft}); null when unset
 * @param dockerIptablesLegacy docker:dind's {@code DOCKER_IPTABLES_LEGACY} is set
 */
public record DetectOptions(String istioForceBinary, boolean dockerIptablesLegacy) {

    public static final DetectOptions DEFAULT = new DetectOptions(null, false);

    public DetectOptions {
        if (istioForceBinary != null && forcedVariant(istioForceBinary).isEmpty()) {
            throw new IllegalArgumentException("FORCE_IPTABLES_BINARY must be iptables, iptables-legacy or "
                    + "iptables-nft, not '" + istioForceBinary + "'");
        }
    }

    /** The variant a FORCE_IPTABLES_BINARY value names; empty for a name Istio would not run. */
    public static Optional<Variant> forcedVariant(String binary) {
        for (Variant v : Variant.values()) {
            if (("iptables" + v.suffix()).equals(binary)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public Optional<Variant> istioForcedVariant() {
        return istioForceBinary == null ? Optional.empty() : forcedVariant(istioForceBinary);
    }
}
