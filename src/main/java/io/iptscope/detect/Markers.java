package io.iptscope.detect;

import io.iptscope.iptables.Canaries;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Chains other components leave behind on purpose (hints, canaries) and the prefixes that tell who owns a chain. */
public final class Markers {

    public static final String KUBE_IPTABLES_HINT = Canaries.KUBE_IPTABLES_HINT;
    public static final String KUBE_KUBELET_CANARY = Canaries.KUBE_KUBELET_CANARY;
    public static final String KUBE_PROXY_CANARY = Canaries.KUBE_PROXY_CANARY;

    /** What kubelet creates in mangle so that others can tell its backend; wrappers v2+ and Calico key on these. */
    public static final Set<String> KUBELET_HINTS = Set.of(KUBE_IPTABLES_HINT, KUBE_KUBELET_CANARY);
    public static final Set<String> ALL = Set.of(KUBE_IPTABLES_HINT, KUBE_KUBELET_CANARY, KUBE_PROXY_CANARY);

    private record Prefix(String prefix, String owner) {
    }

    // Longer prefixes first where one is a prefix of another (KUBE-ROUTER- before KUBE-).
    private static final List<Prefix> OWNERS = List.of(
            new Prefix("KUBE-ROUTER-", "kube-router"),
            new Prefix("KUBE-", "kubernetes"),
            new Prefix("OVN-KUBE-", "ovn-kubernetes"),
            new Prefix("DOCKER", "docker"),
            new Prefix("cali-", "calico"),
            new Prefix("CILIUM_", "cilium"),
            new Prefix("CILIUM-", "cilium"),
            new Prefix("ISTIO_", "istio"),
            new Prefix("f2b-", "fail2ban"),
            new Prefix("ufw6-", "ufw"),
            new Prefix("ufw-", "ufw"),
            new Prefix("ts-", "tailscale"),
            new Prefix("FLANNEL-", "flannel"),
            new Prefix("LIBVIRT_", "libvirt"),
            new Prefix("CNI-", "cni-plugins"),
            new Prefix("WEAVE-", "weave"),
            new Prefix("ANTREA-", "antrea"),
            new Prefix("AWS-", "aws-vpc-cni"),
            new Prefix("nova-", "openstack-nova"),
            new Prefix("neutron-", "openstack-neutron"));

    private Markers() {
    }

    public static Optional<String> ownerOf(String chain) {
        for (Prefix p : OWNERS) {
            if (chain.startsWith(p.prefix)) {
                return Optional.of(p.owner);
            }
        }
        return Optional.empty();
    }
}
