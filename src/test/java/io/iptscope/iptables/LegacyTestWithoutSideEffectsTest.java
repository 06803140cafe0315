package io.iptscope.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.cli.Main;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.iptables.Discovery;
import io.iptscope.restore.RestoreException;
import io.iptscope.restore.RestoreTransaction;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 15 item 4: a legacy {@code --test} (dry run, preview, every restore's test step) creates no legacy table. */
class LegacyTestWithoutSideEffectsTest {

    private static final String NFT_RULES = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            + "-A INPUT -s 192.0.2.1/32 -j ACCEPT\nCOMMIT\n";
    private static final String FILTER_AND_RAW = """
            *filter
            :INPUT DROP [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p tcp --dport 22 -j ACCEPT
            COMMIT
            *raw
            :PREROUTING ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A PREROUTING -p udp --dport 53 -j NOTRACK
            COMMIT
            """;

    @TempDir
    Path tmp;

    private RestoreTransaction legacy(TestNetns ns) {
        LocalRunner runner = new LocalRunner();
        Duration t = Duration.ofSeconds(20);
        Endpoint ep = new Endpoint(runner, ns.target(), new Discovery(runner, t).discover(new BinarySource.ProcessPath()), t);
        RestoreTransaction.Options o = new RestoreTransaction.Options(Backend.LEGACY, false, List.of(), false, true,
                null, 10, tmp.resolve("state").toString(), false);
        return new RestoreTransaction(ep, new SnapshotStore(tmp.resolve("snapshots")), o);
    }

    private static String names(TestNetns ns, Family f) {
        return ns.exec("cat", Quirks.legacyNamesFile(f)).stdoutText();
    }

    @Test
    void aDryRunIntoLegacyOfAnNftOnlyNetnsLeavesItNftOnly() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", NFT_RULES);
            assertEquals("", names(ns, Family.IPV4), "the netns starts nft-only");

            RestoreTransaction.Prepared p = legacy(ns).prepare(List.of(
                    new RestoreTransaction.Input(Family.IPV4, "new.rules", FILTER_AND_RAW)));
            String where = p.plans().get(0).testedIn();
            assertTrue(where.startsWith("in a scratch network namespace"), where);
            assertTrue(where.contains("filter, raw"), where);
            assertEquals("", names(ns, Family.IPV4), "--test created legacy tables in the target");
            assertEquals("", names(ns, Family.IPV6));

            // A rule iptables itself refuses is still refused by the scratch test, and still touches nothing.
            String bad = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 70000 -j ACCEPT\nCOMMIT\n";
            RestoreException e = assertThrows(RestoreException.class, () -> legacy(ns).prepare(List.of(
                    new RestoreTransaction.Input(Family.IPV4, "bad.rules", bad))));
            assertTrue(e.getMessage().contains("--test (in a scratch network namespace"), e.getMessage());
            assertTrue(e.getMessage().contains("bad.rules"), e.getMessage());
            assertEquals("", names(ns, Family.IPV4));
            assertTrue(ns.exec("iptables-nft-save").stdoutText().contains("-A INPUT -s 192.0.2.1/32 -j ACCEPT"));
        }
    }

    @Test
    void theCliDryRunSaysWhereItTestedAndLeavesNoLegacyTable() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", NFT_RULES);
            Path file = Files.writeString(tmp.resolve("new.rules"), FILTER_AND_RAW);
            StringWriter out = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(new StringWriter()));
            String oldData = System.setProperty(SnapshotStore.DATA_HOME_PROPERTY, tmp.resolve("data").toString());
            try {
                int exit = cl.execute("restore", file.toString(), "--netns", ns.name(), "--backend", "legacy",
                        "--family", "ipv4", "--dry-run", "--force", "--state-dir", tmp.resolve("state").toString());
                assertEquals(0, exit, out.toString());
            } finally {
                if (oldData == null) {
                    System.clearProperty(SnapshotStore.DATA_HOME_PROPERTY);
                } else {
                    System.setProperty(SnapshotStore.DATA_HOME_PROPERTY, oldData);
                }
            }
            assertTrue(out.toString().contains("--test: ok, run in a scratch network namespace"), out.toString());
            assertEquals("", names(ns, Family.IPV4), "the dry run created legacy tables");
        }
    }

    @Test
    void tablesThatExistAreTestedInTheTargetAndANewOneIsNotCreated() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", NFT_RULES);
            assertEquals("filter\n", names(ns, Family.IPV4));

            String filterOnly = FILTER_AND_RAW.substring(0, FILTER_AND_RAW.indexOf("*raw"));
            String where = legacy(ns).prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "f.rules", filterOnly)))
                    .plans().get(0).testedIn();
            assertTrue(where.startsWith("in the target"), where);

            where = legacy(ns).prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "fr.rules", FILTER_AND_RAW)))
                    .plans().get(0).testedIn();
            assertTrue(where.contains("no legacy table raw"), where);
            assertEquals("filter\n", names(ns, Family.IPV4), "raw appeared in the target");
            assertFalse(ns.exec("iptables-legacy-save").stdoutText().contains("--dport 22"), "a test applied rules");
        }
    }
}
