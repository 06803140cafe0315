package io.iptscope.rules;

import io.iptscope.testing.Requirements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parses dumps that the real iptables-legacy-save and iptables-nft-save wrote in a scratch namespace. */
class RealDumpParseTest {

    private static List<RealDumps.Dump> dumps;

    @BeforeAll
    static void makeDumps() throws Exception {
        Requirements.requireNetnsTools();
        dumps = RealDumps.all();
    }

    @Test
    void everyDumpParsesWithoutErrors() {
        assertEquals(8, dumps.size());
        for (RealDumps.Dump d : dumps) {
            ParseResult r = SaveParser.parse(d.text(), d.name());
            assertTrue(r.ok(), () -> d.name() + ": " + r.errors());
            Ruleset rs = r.ruleset();
            long aLines = d.text().lines().filter(l -> l.startsWith("-A") || l.matches("^\\[\\d+:\\d+\\] -A .*")).count();
            assertEquals(aLines, rs.ruleCount(), d.name());
            assertEquals(rs.tables().size(), rs.headers().size(), d.name());
            for (SaveHeader h : rs.headers()) {
                assertEquals(d.backend(), h.backend(), d.name());
                assertEquals(d.backend() == Backend.NFT, h.program().contains("-nft-"), d.name());
                assertFalse(h.version().isEmpty());
            }
        }
    }

    @Test
    void structuredViewOfRealRules() {
        for (RealDumps.Dump d : dumps) {
            Ruleset rs = SaveParser.parse(d.text(), d.name()).ruleset();
            Table filter = rs.table("filter").orElseThrow();
            Chain input = filter.chain("INPUT").orElseThrow();
            assertTrue(input.builtin());
            assertEquals("DROP", filter.chain("FORWARD").orElseThrow().policy(), d.name());
            Chain user = filter.chain("IPT-USER").orElseThrow();
            assertFalse(user.builtin());
            assertEquals("-", user.policy());

            RuleSpec ssh = input.rules().get(1).spec();
            assertTrue(ssh.source().negated(), d.name());
            assertEquals("ssh from \"outside\" it's ok", ssh.comment(), d.name());
            assertEquals("IPT-USER", ssh.target().name());
            assertEquals(Target.Kind.JUMP, ssh.target().kind());

            RuleSpec dns = input.rules().get(2).spec();
            assertEquals(Target.Kind.GOTO, dns.target().kind(), d.name());
            assertEquals("IPT-GOTO", dns.target().name());
            Option dport = dns.match("udp").orElseThrow().option("--dport").orElseThrow();
            assertEquals(Option.Negation.BEFORE_OPTION, dport.negation());

            RuleSpec reject = filter.chain("IPT-GOTO").orElseThrow().rules().get(0).spec();
            assertTrue(reject.outInterface().negated());
            assertEquals("REJECT", reject.target().name());
            assertFalse(reject.target().options().isEmpty(), "save makes --reject-with explicit");

            RuleSpec log = user.rules().get(0).spec();
            assertEquals("LOG", log.target().name());
            assertTrue(log.target().option("--log-prefix").orElseThrow().value().startsWith("ipt"));

            Chain mark = rs.table("nat").orElseThrow().chain("KUBE-MARK-MASQ").orElseThrow();
            assertEquals("--set-xmark", mark.rules().get(0).spec().target().options().get(0).name(), d.name());

            Rule lo = input.rules().get(0);
            if (d.counters()) {
                assertNotNull(lo.counters(), d.name());
                // ip6tables-nft-restore 1.8.9 drops the [p:b] prefixes it is given, so only legacy is exact.
                if (d.backend() == Backend.LEGACY) {
                    assertEquals(d.family() == Family.IPV4 ? new Counters(7, 420) : new Counters(3, 240), lo.counters());
                }
                assertNotNull(input.counters());
            } else {
                assertNull(lo.counters(), d.name());
            }
        }
    }

    @Test
    void ipv4OnlyFragmentRule() {
        for (RealDumps.Dump d : dumps) {
            if (d.family() == Family.IPV4) {
                Chain input = SaveParser.parse(d.text(), d.name()).ruleset().table("filter").orElseThrow()
                        .chain("INPUT").orElseThrow();
                assertTrue(input.rules().stream().anyMatch(r -> r.spec().fragment() != null), d.name());
            }
        }
    }

    @Test
    void nftSaveWarnsAboutTheLegacyTablesLoadedBeforeIt() {
        for (RealDumps.Dump d : dumps) {
            if (d.backend() == Backend.NFT) {
                String warning = d.stderr().strip();
                assertEquals(java.util.Optional.of(SpecialLine.Kind.LEGACY_TABLES_WARNING), SpecialLines.classify(warning),
                        d.name() + " stderr: " + d.stderr());
            }
        }
    }
}
