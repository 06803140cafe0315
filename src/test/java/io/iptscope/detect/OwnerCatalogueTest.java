package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Test
    void aChainThatProvesTwoModesProvesTheFirstByNameWhateverTheFilesOrder() {
        Map<String, List<String>> modes = new LinkedHashMap<>();
        modes.put("nftables", List.of("table:ip x", "X*"));
        modes.put("iptables", List.of("X-*"));
        OwnerCatalogue.Owner x = new OwnerCatalogue.Owner("x", "test", List.of("X*"), null, null, null, modes, false,
                null, null, null);
        assertEquals(Optional.of("iptables"), x.modeOfChain("X-1"));
        assertEquals(Optional.of("nftables"), x.modeOfChain("XY"));
        assertEquals(Optional.of("nftables"), x.modeOfTable("ip", "x"));
        assertEquals(Optional.empty(), x.modeOfChain("Y"));
        assertEquals(Optional.of("iptables"), CAT.owner("kube-proxy").modeOfChain("KUBE-SEP-ABC"));
        assertEquals(Optional.of("ipvs"), CAT.owner("kube-proxy").modeOfChain("KUBE-NODE-PORT"));
    }
}
