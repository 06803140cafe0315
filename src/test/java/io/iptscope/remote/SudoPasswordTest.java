package io.iptscope.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.Privilege;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.RestoreTransaction;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sudo password offered to a host whose sudo would not ask for it (here: root over the real sshd)
 * is never sent, so it cannot flow into a command's stdin and from there into the rollback state.
 */
class SudoPasswordTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PASSWORD = "#iptscope-secret-7c1f";

    @TempDir
    Path tmp;

    @Test
    void aPasswordIsNeverSentToASudoThatDoesNotPrompt() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (TestNetns ns = TestNetns.create(); TestSshd sshd = TestSshd.start()) {
            ns.restore("iptables-legacy-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 192.0.2.1/32 -j ACCEPT\n"
                    + "COMMIT\n");
            RemoteHost host = Runners.remote(HostEntry.of(TestSshd.DESTINATION, PrivilegeMode.SUDO_PASSWORD),
                    sshd.clientOptions(), HostKeyPrompt.REFUSE, q -> {
                        asked.incrementAndGet();
                        return Optional.of(PASSWORD.toCharArray());
                    });
            try (host) {
                CommandRunner runner = host.runner();
                assertInstanceOf(Privilege.Direct.class, host.privilege(), "root needs no sudo at all");
                Endpoint ep = new Endpoint(runner, ns.target(),
                        new Discovery(runner, TIMEOUT).discover(new BinarySource.ProcessPath()), TIMEOUT);
                RestoreTransaction txn = new RestoreTransaction(ep, new SnapshotStore(tmp.resolve("snapshots")),
                        new RestoreTransaction.Options(Backend.LEGACY, false, List.of(), false, false,
                                Duration.ofSeconds(60), 10, tmp.resolve("state").toString(), false));
                RestoreTransaction.Applied a = txn.apply(txn.prepare(List.of(new RestoreTransaction.Input(Family.IPV4,
                        "new", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 198.51.100.0/24 -j DROP\nCOMMIT\n"))));
                assertEquals(List.of(), a.verification());
                txn.rollback(a);
            }
            assertEquals(0, asked.get(), "the password was asked for although sudo would not prompt");
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertFalse(content.contains(PASSWORD), "the password is in " + f);
                }
            }
            assertTrue(Files.exists(tmp.resolve("state")), "the state was written where it was searched");
            assertTrue(ns.exec("iptables-legacy-save").stdoutText().contains("192.0.2.1"), "rolled back");
        }
    }
}
