package io.iptscope.detect;

import java.util.List;

/**
 * One table of one backend and family, summarised from its save output.
 *
 * @param markerChains    hint and canary chains present (see {@link Markers})
 * @param mentionsHint    the table's text contains a kubelet hint name anywhere (Calico's unanchored search)
 * @param builtinChains   the base chains with their policy and rule count
 * @param owners          rules and chains per owner fingerprint (KUBE-, DOCKER, cali-, ...)
 */
public record TableEvidence(String name, int chains, int userChains, int rules, List<String> markerChains,
                            boolean mentionsHint, List<ChainSummary> builtinChains, List<OwnerCount> owners) {

    public TableEvidence {
        markerChains = List.copyOf(markerChains);
        builtinChains = List.copyOf(builtinChains);
        owners = List.copyOf(owners);
    }

    public record ChainSummary(String name, String policy, int rules) {
    }

    public record OwnerCount(String owner, int chains, int rules) {
    }

    public boolean hasKubeletHint() {
        return markerChains.stream().anyMatch(Markers.KUBELET_HINTS::contains);
    }
}
