package io.iptscope.rules;

import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestNetns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KubeRulesetGeneratorTest {

    @Test
    void deterministicBySeedAndSized() {
        KubeRulesetGenerator.Generated a = KubeRulesetGenerator.generate(1000, 42, Family.IPV4);
        assertEquals(a.text(), KubeRulesetGenerator.generate(1000, 42, Family.IPV4).text());
        assertNotEquals(a.text(), KubeRulesetGenerator.generate(1000, 43, Family.IPV4).text());
        ParseResult r = SaveParser.parse(a.text(), "gen");
        assertTrue(r.ok(), () -> r.errors().toString());
        assertEquals(a.stats().rules(), r.ruleset().ruleCount());
        assertTrue(a.stats().rules() >= 1000 && a.stats().rules() < 1100, a.stats().toString());
        assertTrue(a.stats().services() > 50);
    }

    @Test
    void ipv6UsesV6Addresses() {
        KubeRulesetGenerator.Generated g = KubeRulesetGenerator.generate(300, 7, Family.IPV6);
        assertTrue(SaveParser.parse(g.text(), "gen").ok());
        assertTrue(g.text().contains("/128 -p "), "host routes are /128");
        assertTrue(g.text().contains("--to-destination [fd00:10:244::"));
        assertTrue(g.text().contains("icmp6-port-unreachable") || g.stats().withoutEndpoints() == 0);
    }

    @Test
    void helpers() {
        assertEquals("fd00:10:96::1e", Cidr.ipv6(new int[] {0xfd00, 0x10, 0x96, 0, 0, 0, 0, 0x1e}));
        assertEquals("1:0:1::1", Cidr.ipv6(new int[] {1, 0, 1, 0, 0, 0, 0, 1}));
        assertEquals("::1", Cidr.ipv6(new int[] {0, 0, 0, 0, 0, 0, 0, 1}));
        assertEquals("MZXW6YTBOI", KubeRulesetGenerator.base32("foobar".getBytes(StandardCharsets.US_ASCII), 10));
        assertEquals("0.33333333349", RuleNormalizer.probability(1.0 / 3));
        assertEquals("0.50000000000", RuleNormalizer.probability(0.5));
    }

    /** The output is what iptables-save itself prints after restoring it, on both backends. */
    @Test
    void realIptablesSavesItBackUnchanged() throws Exception {
        Requirements.requireNetnsTools();
        for (Family f : Family.values()) {
            String text = KubeRulesetGenerator.generate(2000, 1, f).text();
            Ruleset generated = SaveParser.parse(text, "gen").ruleset();
            for (Backend b : Backend.values()) {
                String tool = f.toolPrefix() + b.suffix();
                try (TestNetns ns = TestNetns.create()) {
                    ns.execWithInput(text, tool + "-restore");
                    Ruleset saved = SaveParser.parse(ns.exec(tool + "-save").stdoutText(), tool).ruleset();
                    for (Table t : generated.tables()) {
                        assertEquals(SaveWriter.restore(t), SaveWriter.restore(saved.table(t.name()).orElseThrow()),
                                tool + " " + t.name());
                    }
                }
            }
        }
    }
}
