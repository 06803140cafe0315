package io.iptscope.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRecord;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.ConnectionState;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.exec.RecordingRunner;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.KubeRules;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A host whose every ssh session costs half a second before the command runs: the logins are paid at
 * connect (the master and its remote shells), a remote detection opens no session of its own, and still
 * concludes exactly what the local one does.
 */
class SlowLoginRemoteDetectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static List<String> conclusions(Inspection i) {
        List<String> out = new ArrayList<>();
        i.verdicts().forEach(v -> out.add("verdict " + v.strategy() + " " + v.family().id() + " " + v.backend()
                + " " + v.confidence()));
        i.findings().forEach(f -> out.add("finding " + f.id() + " " + (f.family() == null ? "" : f.family().id())));
        for (Backend b : Backend.values()) {
            for (Family f : Family.values()) {
                BackendEvidence e = i.observation().evidence().of(b, f);
                out.add("evidence " + b + " " + f.id() + " " + e.status() + " rules=" + e.ruleCount()
                        + " chains=" + e.chainCount() + " markers=" + e.markers() + " lines=" + e.dumpLines());
            }
        }
        i.observation().binaries().binaries().forEach(bin -> out.add("binary " + bin.name() + " " + bin.path()
                + " " + bin.version() + " " + bin.mode()));
        return out;
    }

    @Test
    void aDetectionRunsInAFewSessionsAndConcludesWhatTheLocalOneDoes() throws Exception {
        try (TestSshd sshd = TestSshd.start(true, Duration.ofMillis(500)); TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*nat\n:PREROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
                    + "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\nCOMMIT\n");
            ns.restore("iptables-nft-restore", KubeRules.generate(2000, false));
            Inspection local = new Detector(new LocalRunner(), TIMEOUT).inspect(ns.target(),
                    new BinarySource.ProcessPath());
            try (RemoteHost host = Runners.remote(HostEntry.of(TestSshd.DESTINATION, PrivilegeMode.AUTO),
                    sshd.clientOptions(), HostKeyPrompt.REFUSE, question -> Optional.empty())) {
                long before = sshd.sessions();
                host.connect();
                CommandLog log = new CommandLog();
                Inspection remote = new Detector(new RecordingRunner(host.runner(), log), TIMEOUT)
                        .inspect(ns.target(), new BinarySource.ProcessPath());
                long sessions = sshd.sessions() - before;
                assertEquals(conclusions(local), conclusions(remote));
                List<CommandRecord> commands = log.snapshot();
                // Every command is still in the log on its own, with its own exit code and output size.
                assertTrue(commands.size() >= 2 * sessions, commands.size() + " commands in " + sessions + " sessions: "
                        + commands.stream().map(CommandRecord::commandLine).toList());
                assertTrue(commands.stream().anyMatch(r -> r.argv().contains("--net=" + ns.path())));
                // Before batching: 35 sessions; one per phase: 8. Now the master's and the three shells' started with it.
                assertTrue(sessions <= 4, sessions + " ssh sessions for connect and one detection");
            }
        }
    }

    @Test
    void aRemoteShellKilledMidwayFailsItsCommandsVisiblyAndIsReplacedWithoutALoginPerCommand() throws Exception {
        try (TestSshd sshd = TestSshd.start(true, Duration.ofMillis(500));
             RemoteHost host = Runners.remote(HostEntry.of(TestSshd.DESTINATION, PrivilegeMode.AUTO),
                     sshd.clientOptions(), HostKeyPrompt.REFUSE, question -> Optional.empty())) {
            CommandRunner runner = host.runner();
            // The master and the three shells started with it.
            awaitSessions(sshd, 4);
            // A length of its own marks this test's remote sleep.
            String length = "987." + ProcessHandle.current().pid();
            CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
                    () -> runner.run(Command.of("sleep", length).withTimeout(Duration.ofSeconds(60))));
            ProcessHandle sleep = awaitProcess("sleep " + length);
            // The shell's subshells carry its command line too: the remote shell is the topmost of them.
            ProcessHandle shell = sleep;
            for (ProcessHandle p = sleep; p != null; p = p.parent().orElse(null)) {
                if (p.info().commandLine().orElse("").contains("mktemp -d")) {
                    shell = p;
                }
            }
            // As the OOM killer or an operator would: the shell and everything it runs.
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
            CommandResult r = running.get();
            assertFalse(r.ok());
            assertEquals(-1, r.exitCode());
            assertTrue(r.stderrText().contains("remote shell on " + TestSshd.DESTINATION + " ended"), r.stderrText());
            assertEquals(ConnectionState.CONNECTED, host.state());
            // Its replacement logs in once, in the background; then commands need no login again.
            awaitSessions(sshd, 5);
            for (int i = 0; i < 3; i++) {
                assertEquals("back\n", runner.run(Command.of("echo", "back")).stdoutText());
            }
            assertEquals(5, sshd.sessions());
        }
    }

    private static void awaitSessions(TestSshd sshd, long count) throws InterruptedException {
        for (int i = 0; i < 300 && sshd.sessions() < count; i++) {
            Thread.sleep(50);
        }
        assertEquals(count, sshd.sessions());
    }

    private static ProcessHandle awaitProcess(String commandLine) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Optional<ProcessHandle> found = ProcessHandle.allProcesses()
                    .filter(h -> h.info().commandLine().orElse("").endsWith(commandLine)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the remote command never started: " + commandLine);
    }
}
