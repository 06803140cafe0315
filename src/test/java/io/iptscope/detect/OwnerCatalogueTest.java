package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exact names win over prefixes, longer prefixes over shorter ones, whatever the catalogue's order. */
class OwnerCatalogueTest {

    private static final OwnerCatalogue CAT = OwnerCatalogue.get();

    private static String id(Optional<OwnerCatalogue.Owner> o) {
        return o.map(OwnerCatalogue.Owner::id).orElse(null);
    }

    @Test
    void chainsRankExactThenLongestPrefix() {
        assertEquals("kubelet", id(CAT.ofChain("KUBE-FIREWALL")));
        assertEquals("kube-proxy", id(CAT.ofChain("KUBE-SVC-ABCDEF")));
        assertEquals("kube-router", id(CAT.ofChain("KUBE-ROUTER-INPUT")));
        assertEquals("kubernetes", id(CAT.ofChain("KUBE-SOMETHING-ELSE")));
        assertEquals("docker", id(CAT.ofChain("DOCKER")));
        assertTrue(CAT.ofChain("MY-OWN-CHAIN").isEmpty());
    }

    @Test
    void interfacesAndTablesUseTheSameRanking() {
        assertEquals("docker", id(CAT.ofInterface("br-0123abcd")));
        assertEquals("calico", id(CAT.ofInterface("cali1234")));
        assertEquals("docker", id(CAT.ofTable("ip", "docker-bridges")));
        assertEquals("kube-router", id(CAT.ofTable("inet", "kube-router-x")));
        assertTrue(CAT.ofTable("inet", "mine").isEmpty());
    }
}
