package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.exec.CommandResult;
import io.iptscope.testing.TestNetns;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A native nft table as the real {@code nft -j list table} prints it, read back as nft text. */
class NftTableListingTest {

    static final String FIREWALL = """
            table inet fw {
              set allowed { type ipv4_addr; elements = { 192.0.2.1, 192.0.2.2 }; }
              chain input { type filter hook input priority 0; policy drop;
                ct state established,related accept
                iifname "lo" accept
                tcp dport { 22, 443 } counter accept comment "ssh and https"
                ip saddr 10.0.0.0/8 ip daddr @allowed jump mine
                meta l4proto udp udp dport 1000-2000 drop
                log prefix "in: " reject
              }
              chain mine {
                ip saddr 10.1.0.0/16 return
              }
              chain post { type nat hook postrouting priority 100; policy accept;
                oifname "eth0" masquerade
              }
            }
            """;

    @Test
    void aRealTableReadsBackAsNftText() throws IOException {
        try (TestNetns ns = TestNetns.create()) {
            CommandResult load = ns.execWithInput(FIREWALL, "nft", "-f", "-");
            assertTrue(load.ok(), load.summary());
            CommandResult listed = ns.exec("nft", "-j", "list", "table", "inet", "fw");
            assertTrue(listed.ok(), listed.summary());
            NftTableListing t = NftTableListing.parse(listed.stdoutText());
            assertEquals("inet", t.family());
            assertEquals("fw", t.name());
            assertEquals(List.of("input", "mine", "post"), t.chains().stream().map(NftTableListing.NftChain::name)
                    .toList());
            NftTableListing.NftChain input = t.chains().get(0);
            assertEquals("chain input  # type filter hook input priority 0; policy drop", input.heading());
            assertEquals(List.of("ct state established,related accept", "iifname lo accept",
                    "tcp dport { 22, 443 } counter packets 0 bytes 0 accept",
                    "ip saddr 10.0.0.0/8 ip daddr @allowed jump mine", "udp dport 1000-2000 drop"),
                    input.rules().subList(0, 5).stream().map(NftTableListing.NftRule::text).toList());
            assertEquals("ssh and https", input.rules().get(2).comment());
            assertTrue(input.rules().get(5).text().startsWith("log prefix \"in: \" reject"), input.rules().get(5).text());
            assertEquals("chain mine", t.chains().get(1).heading(), "a regular chain has no hook");
            assertEquals("oifname eth0 masquerade", t.chains().get(2).rules().get(0).text());
            assertEquals(8, t.ruleCount());
            List<String> lines = t.lines();
            assertEquals("table inet fw {", lines.get(0));
            assertTrue(lines.stream().anyMatch(l -> l.matches("    tcp dport \\{ 22, 443 } .* comment \"ssh and https\""
                    + "  # handle \\d+")), lines.toString());
        }
    }

    @Test
    void somethingElseIsAnErrorNotAnEmptyTable() {
        assertThrows(IOException.class, () -> NftTableListing.parse("{\"nftables\": [{\"metainfo\": {}}]}"));
        assertThrows(IOException.class, () -> NftTableListing.parse("[1, 2]"));
        assertThrows(IOException.class, () -> NftTableListing.parse("not json"));
    }

    @Test
    void anUnknownExpressionIsShownAsItsJson() throws IOException {
        NftTableListing t = NftTableListing.parse("""
                {"nftables": [{"table": {"family": "ip", "name": "x"}},
                 {"chain": {"table": "x", "name": "c"}},
                 {"rule": {"chain": "c", "handle": 4, "expr": [{"quota": {"val": 5}}, {"accept": null}]}}]}
                """);
        assertEquals("{\"quota\":{\"val\":5}} accept", t.chains().get(0).rules().get(0).text());
    }
}
