package io.iptscope.detect;

import io.iptscope.iptables.Canaries;
import java.util.Optional;
import java.util.Set;

/** Chains other components leave behind on purpose (hints, canaries); who owns a chain is in {@link OwnerCatalogue}. */
public final class Markers {

    public static final String KUBE_IPTABLES_HINT = Canaries.KUBE_IPTABLES_HINT;
    public static final String KUBE_KUBELET_CANARY = Canaries.KUBE_KUBELET_CANARY;
    public static final String KUBE_PROXY_CANARY = Canaries.KUBE_PROXY_CANARY;

    /** What kubelet creates in mangle so that others can tell its backend; wrappers v2+ and Calico key on these. */
    public static final Set<String> KUBELET_HINTS = Set.of(KUBE_IPTABLES_HINT, KUBE_KUBELET_CANARY);
    public static final Set<String> ALL = Set.of(KUBE_IPTABLES_HINT, KUBE_KUBELET_CANARY, KUBE_PROXY_CANARY);

    private Markers() {
    }

    /** The owner of a chain by its name, from the owner catalogue. */
    public static Optional<String> ownerOf(String chain) {
        return OwnerCatalogue.get().ofChain(chain).map(OwnerCatalogue.Owner::id);
    }
}
