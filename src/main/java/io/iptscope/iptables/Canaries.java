package io.iptscope.iptables;

import java.util.List;

/**
 * Empty chains kept in mangle so that a flush of a table shows: Kubernetes' (kubelet and kube-proxy
 * watch theirs and rebuild when it is gone) and iptscope's own, made by {@code watch --canary}.
 */
public final class Canaries {

    public static final String KUBE_IPTABLES_HINT = "KUBE-IPTABLES-HINT";
    public static final String KUBE_KUBELET_CANARY = "KUBE-KUBELET-CANARY";
    public static final String KUBE_PROXY_CANARY = "KUBE-PROXY-CANARY";
    public static final String IPTSCOPE_CANARY = "IPTSCOPE-CANARY";
    /** The table canaries live in, as Kubernetes' do. */
    public static final String TABLE = "mangle";

    /** The chains whose disappearance means their table was flushed. */
    public static final List<String> WATCHED = List.of(KUBE_KUBELET_CANARY, KUBE_PROXY_CANARY, IPTSCOPE_CANARY);

    private Canaries() {
    }
}
