package io.iptscope.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.rules.RulesetDiffer;
import io.iptscope.rules.SaveParser;
import io.iptscope.testing.TestNetns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore transaction's must-holds, each on real namespaces with the real binaries. */
class RestoreTransactionTest {

    static final String BEFORE = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :KEEP - [0:0]
            -A INPUT -j KEEP
            -A KEEP -s 192.0.2.1/32 -j ACCEPT
            COMMIT
            """;

    static final String NEW = """
            *filter
            :INPUT DROP [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p tcp --dport 22 -m comment --comment "ssh in" -j ACCEPT
            COMMIT
            *raw
            :PREROUTING ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A PREROUTING -p udp --dport 53 -j NOTRACK
            COMMIT
            """;

    @TempDir
    Path tmp;

    static Endpoint endpoint(TestNetns ns) {
        LocalRunner runner = new LocalRunner();
        Duration t = Duration.ofSeconds(20);
        return new Endpoint(runner, ns.target(), new Discovery(runner, t).discover(new BinarySource.ProcessPath()), t);
    }

    RestoreTransaction txn(TestNetns ns, Backend backend, Duration confirmWithin, boolean force) {
        RestoreTransaction.Options o = new RestoreTransaction.Options(backend, false, List.of(), false, force,
                confirmWithin, 10, tmp.resolve("state").toString(), false);
        return new RestoreTransaction(endpoint(ns), new SnapshotStore(tmp.resolve("snapshots")), o);
    }

    static String save(TestNetns ns, Backend b, Family f) {
        return ns.exec(f.toolPrefix() + b.suffix() + "-save").stdoutText();
    }

    /** Semantic equality of two saves, ignoring headers and counters. */
    static boolean same(String a, String b) {
        return RulesetDiffer.diff(SaveParser.parse(a, "a").ruleset(), SaveParser.parse(b, "b").ruleset(), "a", "b", false)
                .isEmpty();
    }

    @Test
    void aMalformedFileAppliesNothingAndNamesLineAndColumn() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", BEFORE);
            List<String> before = ns.kernelState();
            String bad = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment \"unterminated -j ACCEPT\nCOMMIT\n";
            RestoreException e = assertThrows(RestoreException.class, () -> txn(ns, Backend.NFT, null, false)
                    .prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "bad.rules", bad))));
            assertTrue(e.getMessage().startsWith("bad.rules:3:"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was applied"), e.getMessage());
            assertEquals(before, ns.kernelState());
        }
    }

    @Test
    void inputWithUnsupportedRevisionIsRefused() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            String text = "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -j DNAT [unsupported revision]\nCOMMIT\n";
            RestoreException e = assertThrows(RestoreException.class, () -> txn(ns, Backend.NFT, null, true)
                    .prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "x.rules", text))));
            assertTrue(e.getMessage().contains("refusing x.rules"), e.getMessage());
            assertTrue(e.details().get(0).startsWith("x.rules:3:"), e.details().toString());
        }
    }

    @Test
    void aFailureInTheSecondTableRollsBackTheFirstToo() throws Exception {
        for (Backend b : Backend.values()) {
            try (TestNetns ns = TestNetns.create()) {
                ns.restore("iptables" + b.suffix() + "-restore", "*nat\n:PREROUTING ACCEPT [0:0]\n:OLD - [0:0]\n"
                        + "-A PREROUTING -j OLD\nCOMMIT\n" + BEFORE);
                String before = save(ns, b, Family.IPV4);
                // --test cannot see it: the kernel accepts DNAT only in nat, so the filter commit fails.
                String twoTables = "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 80 -j DNAT "
                        + "--to-destination 10.0.0.1:8080\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp "
                        + "--dport 81 -j DNAT --to-destination 10.0.0.2\nCOMMIT\n";
                RestoreTransaction t = txn(ns, b, null, false);
                RestoreTransaction.Prepared p = t.prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "two", twoTables)));
                RestoreException e = assertThrows(RestoreException.class, () -> t.apply(p));
                assertTrue(e.getMessage().contains("rolled back"), e.getMessage());
                assertTrue(same(before, save(ns, b, Family.IPV4)), b + ": nat was not rolled back:\n" + save(ns, b, Family.IPV4));
                assertTrue(save(ns, b, Family.IPV4).contains("-A PREROUTING -j OLD"));
            }
        }
    }

    @Test
    void rollbackRestoresTheBackupExactlyAndRemovesNewTables() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", BEFORE);
            String before = save(ns, Backend.NFT, Family.IPV4);
            RestoreTransaction t = txn(ns, Backend.NFT, null, false);
            RestoreTransaction.Prepared p = t.prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "new", NEW)));
            assertEquals(List.of("raw"), p.plans().get(0).newTables());
            assertFalse(p.plans().get(0).preview().isEmpty());
            RestoreTransaction.Applied a = t.apply(p);
            assertEquals(List.of(), a.verification());
            assertTrue(save(ns, Backend.NFT, Family.IPV4).contains("NOTRACK"));
            assertNull(a.armed());

            t.rollback(a);
            assertTrue(same(before, save(ns, Backend.NFT, Family.IPV4)), save(ns, Backend.NFT, Family.IPV4));
            assertFalse(ns.exec("nft", "list", "tables").stdoutText().contains("raw"), "the new table stays deleted");
            assertEquals(1, new SnapshotStore(tmp.resolve("snapshots")).list().size(), "the backup is kept");
        }
    }

    @Test
    void legacyAndIpv6WorkAndFamiliesGoTogether() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            String v6 = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 2001:db8::/32 -j DROP\nCOMMIT\n";
            String v4 = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 198.51.100.0/24 -j DROP\nCOMMIT\n";
            RestoreTransaction t = txn(ns, Backend.LEGACY, null, false);
            RestoreTransaction.Applied a = t.apply(t.prepare(List.of(
                    new RestoreTransaction.Input(Family.IPV4, "v4", v4), new RestoreTransaction.Input(Family.IPV6, "v6", v6))));
            assertEquals(List.of(), a.verification());
            assertTrue(save(ns, Backend.LEGACY, Family.IPV6).contains("-A INPUT -s 2001:db8::/32 -j DROP"));
            assertTrue(save(ns, Backend.LEGACY, Family.IPV4).contains("198.51.100.0/24"));
            assertEquals(2, a.backups().size());

            // An IPv6 input that the kernel rejects undoes the IPv4 half as well.
            String badV6 = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 1 -j DNAT --to-destination [2001:db8::1]\nCOMMIT\n";
            String v4b = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 203.0.113.0/24 -j DROP\nCOMMIT\n";
            RestoreTransaction t2 = txn(ns, Backend.LEGACY, null, false);
            RestoreTransaction.Prepared p2 = t2.prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "v4b", v4b),
                    new RestoreTransaction.Input(Family.IPV6, "bad6", badV6)));
            assertThrows(RestoreException.class, () -> t2.apply(p2));
            assertFalse(save(ns, Backend.LEGACY, Family.IPV4).contains("203.0.113.0/24"), "IPv4 applied alone");
            assertTrue(save(ns, Backend.LEGACY, Family.IPV4).contains("198.51.100.0/24"));
        }
    }

    @Test
    void restoringIntoTheBackendThatHoldsNothingWarnsFirst() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", BEFORE);
            String nftFile = "# Generated by iptables-nft-save v1.8.9 (nf_tables) on Sat Nov 21 10:00:00 2026\n" + NEW;
            RestoreException e = assertThrows(RestoreException.class, () -> txn(ns, Backend.NFT, null, false)
                    .prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "x", nftFile))));
            assertTrue(e.details().stream().anyMatch(d -> d.contains("the target nft holds no rule while legacy holds 2")),
                    e.details().toString());
            // A file written by the other backend warns too.
            RestoreException origin = assertThrows(RestoreException.class, () -> txn(ns, Backend.LEGACY, null, false)
                    .prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "x", nftFile))));
            assertTrue(origin.details().get(0).contains("(nft) but the target is legacy"), origin.details().toString());
            assertEquals(1, txn(ns, Backend.NFT, null, true)
                    .prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "x", nftFile))).warnings().size());
        }
    }

    @Test
    void roundTripIntoAFreshNetnsOfTheOtherBackend() throws Exception {
        try (TestNetns source = TestNetns.create(); TestNetns fresh = TestNetns.create()) {
            source.restore("iptables-legacy-restore", io.iptscope.testing.KubeRules.generate(300, false));
            Saver.Saved saved = Saver.save(endpoint(source), Backend.LEGACY, Family.IPV4, List.of(), false);
            RestoreTransaction.Options o = new RestoreTransaction.Options(Backend.NFT, false, List.of(), false, false,
                    null, 10, tmp.resolve("state").toString(), true);
            RestoreTransaction t = new RestoreTransaction(endpoint(fresh), new SnapshotStore(tmp.resolve("s")), o);
            RestoreTransaction.Applied a = t.apply(t.prepare(List.of(
                    new RestoreTransaction.Input(Family.IPV4, "legacy save", saved.text()))));
            assertEquals(List.of(), a.verification());
            assertTrue(same(saved.text(), save(fresh, Backend.NFT, Family.IPV4)));
            assertEquals(saved.ruleset().ruleCount(), SaveParser.parse(save(fresh, Backend.NFT, Family.IPV4), "n")
                    .ruleset().ruleCount());
        }
    }
}
