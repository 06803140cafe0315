package io.iptscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.remote.HostStore;
import io.iptscope.restore.RestoreException;
import io.iptscope.restore.RestoreTransaction;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smaller findings of issue 15 item 9, each through the CLI (or the API) on real namespaces. */
class SmallHardeningTest {

    @TempDir
    Path tmp;

    @Test
    void aVanishedContainerIsReportedAsSuchNotAsNoLegacyTables() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 192.0.2.1/32 -j DROP\nCOMMIT\n");
            DetectCommandTest.Out r = DetectCommandTest.run("detect", "--netns", ns.name(), "--path", "container:99999999");
            assertEquals(ExitCodes.USAGE, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("container:99999999: there is no process 99999999"), r.err());
            assertFalse(r.out().contains("no tables"), r.out());
        }
    }

    @Test
    void aTabInThePathIsNamedNotShownAsMissingBinaries() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            DetectCommandTest.Out r = DetectCommandTest.run("detect", "--netns", ns.name(), "--path", "/usr/sbin\t/usr/bin");
            assertEquals(ExitCodes.USAGE, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("contains a control character"), r.err());
            assertFalse(r.out().contains("missing"), r.out());
        }
    }

    @Test
    void anUnusableHostsFileIsAClearErrorAndIsLeftAlone() throws Exception {
        Path file = tmp.resolve("iptscope/hosts.json");
        Files.createDirectories(file.getParent());
        String old = System.getProperty(HostStore.CONFIG_HOME_PROPERTY);
        System.setProperty(HostStore.CONFIG_HOME_PROPERTY, tmp.toString());
        try {
            for (String content : List.of("null", "garbage", "{\"hosts\": [null]}", "{\"hosts\": [{\"name\": \"a b\"}]}")) {
                Files.writeString(file, content);
                DetectCommandTest.Out list = DetectCommandTest.run("hosts", "list");
                assertEquals(ExitCodes.IO, list.exit(), content + ": " + list.err());
                assertTrue(list.err().contains("the saved hosts file " + file + " is not usable"), list.err());
                DetectCommandTest.Out add = DetectCommandTest.run("hosts", "add", "x", "root@192.0.2.1");
                assertEquals(ExitCodes.IO, add.exit(), add.err());
                assertEquals(content, Files.readString(file), "the file was overwritten");
                DetectCommandTest.Out ssh = DetectCommandTest.run("netns", "--ssh", "x");
                assertEquals(ExitCodes.USAGE, ssh.exit(), ssh.err());
                assertTrue(ssh.err().contains("is not usable"), ssh.err());
            }
        } finally {
            if (old == null) {
                System.clearProperty(HostStore.CONFIG_HOME_PROPERTY);
            } else {
                System.setProperty(HostStore.CONFIG_HOME_PROPERTY, old);
            }
        }
    }

    @Test
    void badIdsAreUsageErrors() {
        for (String[] args : List.of(new String[] {"confirm", "../etc"}, new String[] {"rollback", "x;id"},
                new String[] {"snapshots", "show", "../../x"}, new String[] {"snapshots", "rm", "1"})) {
            DetectCommandTest.Out r = DetectCommandTest.runWithEnv(tmp, args);
            assertEquals(ExitCodes.USAGE, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("not a"), r.err());
        }
    }

    @Test
    void theSnapshotStoreIsPrivateAndOldModesAreTightened() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            Path store = tmp.resolve("iptscope/snapshots");
            Files.createDirectories(store);
            Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path old = Files.writeString(store.resolve("20260101-000000-abcd.rules"), "*filter\nCOMMIT\n");
            Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
            DetectCommandTest.Out r = DetectCommandTest.runWithEnv(tmp, "save", "--netns", ns.name(), "--backend", "nft");
            assertEquals(ExitCodes.OK, r.exit(), r.err());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
            try (var files = Files.list(store)) {
                for (Path f : files.toList()) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
                }
            }
            DetectCommandTest.Out list = DetectCommandTest.runWithEnv(tmp, "snapshots", "list");
            assertEquals(ExitCodes.OK, list.exit(), list.err());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
        }
    }

    @Test
    void theNftFailureReasonIsKeptWhole() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 192.0.2.1/32 -j DROP\nCOMMIT\n");
            LocalRunner runner = new LocalRunner();
            Duration t = Duration.ofSeconds(20);
            Endpoint ep = new Endpoint(runner, ns.target(), new Discovery(runner, t).discover(new BinarySource.ProcessPath()), t);
            RestoreTransaction txn = new RestoreTransaction(ep, new SnapshotStore(tmp.resolve("s")),
                    new RestoreTransaction.Options(Backend.NFT, false, List.of(), false, false, null, 10,
                            tmp.resolve("state").toString(), false));
            // --test cannot see it: the kernel accepts DNAT only in nat.
            RestoreTransaction.Prepared p = txn.prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "bad",
                    "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 81 -j DNAT --to-destination 10.0.0.2\nCOMMIT\n")));
            RestoreException e = assertThrows(RestoreException.class, () -> txn.apply(p));
            assertTrue(e.getMessage().contains("line 3: RULE_APPEND failed (Invalid argument): rule in chain INPUT"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("everything was rolled back"), e.getMessage());
            assertTrue(ns.exec("iptables-nft-save").stdoutText().contains("192.0.2.1"));
        }
    }
}
