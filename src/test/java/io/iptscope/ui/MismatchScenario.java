package io.iptscope.ui;

import io.iptscope.testing.KubeRules;
import io.iptscope.testing.TestNetns;

/**
 * A netns where both backends hold rules, the classic mismatch: Docker wrote its NAT rules with
 * iptables-legacy while kubelet and kube-proxy use iptables-nft (hint chains in nft mangle). The
 * sample report, the screenshots and the GUI tests are made from it.
 */
public final class MismatchScenario {

    static final String DOCKER_LEGACY = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :DOCKER - [0:0]
            -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
            -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
            -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
            -A DOCKER -i docker0 -j RETURN
            COMMIT
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            :DOCKER - [0:0]
            :DOCKER-USER - [0:0]
            -A FORWARD -j DOCKER-USER
            -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A FORWARD -o docker0 -j DOCKER
            -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
            -A DOCKER-USER -j RETURN
            COMMIT
            """;

    static final String KUBELET_HINT = """
            *mangle
            :KUBE-IPTABLES-HINT - [0:0]
            :KUBE-KUBELET-CANARY - [0:0]
            COMMIT
            """;

    private MismatchScenario() {
    }

    /** Creates the netns and its rules; the caller closes it. */
    public static TestNetns create(int kubeRules) {
        TestNetns ns = TestNetns.create();
        try {
            ns.restore("iptables-nft-restore", KubeRules.generate(kubeRules, false));
            ns.restore("iptables-nft-restore", KUBELET_HINT);
            ns.restore("ip6tables-nft-restore", KubeRules.generate(Math.max(1, kubeRules / 4), true));
            ns.restore("ip6tables-nft-restore", KUBELET_HINT);
            ns.restore("iptables-legacy-restore", DOCKER_LEGACY);
            return ns;
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
    }
}
