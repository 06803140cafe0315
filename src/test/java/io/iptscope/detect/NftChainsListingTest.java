package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code nft -j list chains} read as a stream: tables in listing order, base chains only, the rest skipped. */
class NftChainsListingTest {

    private static Map<String, List<NftTablesEvidence.NftBaseChain>> read(String json) throws IOException {
        return EvidenceCollector.chainsByTable(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tablesKeepTheirOrderAndOnlyBaseChainsAreKept() throws IOException {
        Map<String, List<NftTablesEvidence.NftBaseChain>> tables = read("""
                {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
                 {"chain": {"family": "inet", "table": "kube-proxy", "name": "filter-input", "handle": 1,
                  "type": "filter", "hook": "input", "prio": -110, "policy": "accept"}},
                 {"chain": {"family": "inet", "table": "kube-proxy", "name": "services", "handle": 2}},
                 {"set": {"family": "inet", "table": "kube-proxy", "name": "cluster-ips", "elem": [1, 2]}},
                 {"chain": {"family": "ip", "table": "nat", "name": "KUBE-SERVICES", "handle": 3,
                  "comment": {"nested": ["ignored"]}}},
                 {"chain": {"family": "ip", "table": "filter", "name": "FORWARD", "handle": 4, "type": "filter",
                  "hook": "forward", "prio": 0, "policy": "drop", "dev": ["eth0"]}}],
                 "other": {"chain": {"family": "ip", "table": "raw", "name": "PREROUTING", "hook": "prerouting"}}}
                """);
        assertEquals(List.of("inet kube-proxy", "ip nat", "ip filter"), List.copyOf(tables.keySet()));
        assertEquals(List.of(new NftTablesEvidence.NftBaseChain("filter-input", "filter", "input", -110, "accept")),
                tables.get("inet kube-proxy"));
        assertEquals(List.of(), tables.get("ip nat"));
        assertEquals(List.of(new NftTablesEvidence.NftBaseChain("FORWARD", "filter", "forward", 0, "drop")),
                tables.get("ip filter"));
    }

    @Test
    void anEmptyListingHasNoTablesAndBrokenJsonFails() throws IOException {
        assertEquals(Map.of(), read("{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}]}"));
        assertThrows(IOException.class, () -> read("{\"nftables\": [{\"chain\": {\"family\": \"ip\", "));
    }

    @Test
    void aTableOfTheSameLengthIsAnotherTableAndEachBaseChainKeepsItsOwnName() throws IOException {
        Map<String, List<NftTablesEvidence.NftBaseChain>> tables = read("""
                {"nftables": [
                 {"chain": {"family": "ip", "table": "nat", "name": "KUBE-SEP-A", "handle": 1}},
                 {"chain": {"family": "ip", "table": "nat", "name": "PRE\\u0052OUTING", "type": "nat",
                  "hook": "prerouting", "prio": -100, "policy": "accept"}},
                 {"chain": {"family": "ip", "table": "raw", "name": "OUTPUT", "type": "filter", "hook": "output",
                  "prio": -300, "policy": "accept"}},
                 {"chain": {"family": "ip6", "table": "raw", "name": "OUTPUT", "type": "filter", "hook": "output",
                  "prio": -300, "policy": "accept"}},
                 {"chain": {"family": "ip6", "table": "raw", "name": 7}}]}
                """);
        assertEquals(List.of("ip nat", "ip raw", "ip6 raw"), List.copyOf(tables.keySet()));
        assertEquals(List.of(new NftTablesEvidence.NftBaseChain("PREROUTING", "nat", "prerouting", -100, "accept")),
                tables.get("ip nat"));
        assertEquals(List.of(new NftTablesEvidence.NftBaseChain("OUTPUT", "filter", "output", -300, "accept")),
                tables.get("ip raw"));
        assertEquals(tables.get("ip raw"), tables.get("ip6 raw"));
    }
}
