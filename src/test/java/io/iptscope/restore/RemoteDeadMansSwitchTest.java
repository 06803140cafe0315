package io.iptscope.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.exec.SshConnectionException;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.remote.HostEntry;
import io.iptscope.remote.RemoteHost;
import io.iptscope.remote.Runners;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore with a dead-man's switch over SSH whose connection dies for good right after the new
 * rules went in: the master is killed and the server is gone. The task fails as a lost connection,
 * and the rollback armed on the remote side still runs when the time is up.
 */
class RemoteDeadMansSwitchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    /** Passes commands through; once the new rules were applied, cuts the connection before the next one. */
    private static final class CutAfterApply implements CommandRunner {
        private final CommandRunner delegate;
        private final Runnable cut;
        private boolean applied;
        private boolean done;

        CutAfterApply(CommandRunner delegate, Runnable cut) {
            this.delegate = delegate;
            this.cut = cut;
        }

        @Override
        public synchronized CommandResult run(Command command) {
            if (applied && !done) {
                done = true;
                cut.run();
            }
            CommandResult r = delegate.run(command);
            boolean apply = command.stdin() != null && !command.argv().contains("--test")
                    && command.argv().stream().anyMatch(a -> a.endsWith("iptables-nft-restore"));
            applied |= apply && r.ok();
            return r;
        }

        @Override
        public String host() {
            return delegate.host();
        }
    }

    @Test
    void theRemoteRollbackRunsAfterTheMasterConnectionWasKilled() throws Exception {
        try (TestNetns ns = TestNetns.create(); TestSshd sshd = TestSshd.start()) {
            ns.restore("iptables-nft-restore", RestoreTransactionTest.BEFORE);
            String before = ns.exec("iptables-nft-save").stdoutText();
            RemoteHost host = Runners.remote(HostEntry.of(TestSshd.DESTINATION, PrivilegeMode.AUTO),
                    sshd.clientOptions(), HostKeyPrompt.REFUSE, q -> Optional.empty());
            try (host) {
                CommandRunner runner = new CutAfterApply(host.runner(), () -> {
                    long master = host.ssh().masterPid().orElseThrow();
                    sshd.kill();
                    ProcessHandle.of(master).ifPresent(ProcessHandle::destroyForcibly);
                });
                Endpoint ep = new Endpoint(runner, ns.target(),
                        new Discovery(runner, TIMEOUT).discover(new BinarySource.ProcessPath()), TIMEOUT);
                RestoreTransaction.Options options = new RestoreTransaction.Options(Backend.NFT, false, List.of(),
                        false, false, Duration.ofSeconds(4), 10, tmp.resolve("state").toString(), false);
                RestoreTransaction txn = new RestoreTransaction(ep, new SnapshotStore(tmp.resolve("snapshots")), options);
                RestoreTransaction.Prepared prepared = txn.prepare(
                        List.of(new RestoreTransaction.Input(Family.IPV4, "new.rules", RestoreTransactionTest.NEW)));

                SshConnectionException lost = assertThrows(SshConnectionException.class, () -> txn.apply(prepared));
                assertEquals(SshConnectionException.Reason.LOST, lost.reason(), lost.getMessage());
                assertTrue(ns.exec("iptables-nft-save").stdoutText().contains("ssh in"), "applied before the cut");

                Path state = tmp.resolve("state").resolve(prepared.id());
                Path rolledBack = state.resolve("rolled-back");
                for (int i = 0; i < 200 && !Files.exists(rolledBack); i++) {
                    Thread.sleep(100);
                }
                assertTrue(Files.exists(rolledBack), "no rollback on the remote side");
                assertTrue(RestoreTransactionTest.same(before, ns.exec("iptables-nft-save").stdoutText()),
                        ns.exec("iptables-nft-save").stdoutText());
                assertFalse(ns.exec("nft", "list", "tables").stdoutText().contains("raw"), "the new table is gone");
                assertTrue(Files.readString(state.resolve("log")).contains("rollback finished, status 0"));
            }
        }
    }
}
