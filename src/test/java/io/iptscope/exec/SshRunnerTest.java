package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.testing.TestSshd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport against a real OpenSSH server on 127.0.0.1. */
class SshRunnerTest {

    private static TestSshd sshd;

    @TempDir
    Path controlDir;

    private SshRunner ssh;

    @BeforeAll
    static void startServer() {
        sshd = TestSshd.start();
    }

    @AfterAll
    static void stopServer() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void connect() {
        ssh = new SshRunner(sshd.target(), controlDir, HostKeyPrompt.REFUSE);
    }

    @AfterEach
    void disconnect() {
        ssh.close();
    }

    @Test
    void anyArgvArrivesOnTheRemoteAsTheSameWords() {
        List<String> args = new ArrayList<>(List.of("", " ", "a b", "'", "\"", "$HOME", "$(touch /tmp/x)", "`id`",
                "\\", "line\nbreak", "tab\there", "ä€😀", "*", "~", "-n", "--", "'\\''"));
        Random rnd = new Random(20261202L);
        for (int i = 0; i < 300; i++) {
            args.add(Argvs.anyArgument(rnd));
        }
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(args);
        CommandResult r = ssh.run(Command.of(argv));
        assertEquals(0, r.exitCode(), r.summary());
        assertEquals(Argvs.escaped(args), Argvs.escaped(Argvs.splitNul(r.stdout())));
    }

    @Test
    void remoteCommandsSeeTheCLocaleAndSbinInPath() {
        CommandResult r = ssh.run(Command.of("sh", "-c", "printf '%s\\n' \"$LC_ALL\" \"$PATH\""));
        String[] lines = r.stdoutText().split("\n");
        assertEquals("C", lines[0]);
        assertTrue(lines[1].endsWith(":/usr/sbin:/sbin"), lines[1]);
    }

    @Test
    void stdinGoesInStdoutAndStderrStayApartAndTheExitCodeIsKept() {
        byte[] input = "*filter\nCOMMIT\n\u00e4\n".getBytes(StandardCharsets.UTF_8);
        CommandResult r = ssh.run(Command.of("sh", "-c", "cat; echo oops >&2; exit 3").withStdin(input));
        assertEquals(3, r.exitCode());
        assertEquals(new String(input, StandardCharsets.UTF_8), r.stdoutText());
        assertEquals("oops\n", r.stderrText());
        assertEquals(List.of("sh", "-c", "cat; echo oops >&2; exit 3"), r.command().argv(), "the caller's argv");
        assertFalse(r.timedOut());
    }

    @Test
    void aMissingRemoteBinaryIsNotFound() {
        CommandResult r = ssh.run(Command.of("iptscope-no-such-binary", "x"));
        assertTrue(r.notFound(), r.summary());
    }

    @Test
    void theCommandsOwnExit255OverALiveConnectionIsAnExitCode() {
        CommandResult r = ssh.run(Command.of("sh", "-c", "exit 255"));
        assertEquals(255, r.exitCode());
        assertEquals(ConnectionState.CONNECTED, ssh.state());
    }

    @Test
    void theTimeoutKillsTheRemoteProcessGroup() throws Exception {
        // Unique sleep lengths mark the remote processes: a child in the background and one in front.
        CommandResult r = ssh.run(Command.of("sh", "-c", "sleep 987.61 & sleep 987.62; wait")
                .withTimeout(Duration.ofSeconds(1)));
        assertTrue(r.timedOut(), r.summary());
        assertEquals(-1, r.exitCode());
        assertTrue(r.duration().compareTo(Duration.ofSeconds(1)) >= 0);
        // coreutils timeout sends TERM to the group at once and KILL 2 s later: allow that much.
        assertEquals(List.of(), remoteSleepsAfterAWhile(), "remote processes survived the timeout");
    }

    @Test
    void aQuietRemoteCommandIsHungWhileASlowOneThatKeepsPrintingIsNotAndShowsProgress(@TempDir Path bin)
            throws Exception {
        // A fake read: never quiet for its timeout, but running longer than that in all.
        Path slow = bin.resolve("slow-save");
        Files.writeString(slow, "#!/bin/sh\nfor i in 1 2 3 4 5 6; do echo \"line $i\"; sleep 0.6; done\n");
        Files.setPosixFilePermissions(slow, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        List<ReadProgress> seen = new CopyOnWriteArrayList<>();
        List<CommandResult> r;
        try (AutoCloseable l = ReadProgress.listen(seen::add)) {
            r = ssh.runAll(List.of(Command.of("sleep", "987.63").withTimeout(Duration.ofMillis(1500)),
                    Command.of(slow.toString()).withTimeout(Duration.ofMillis(1500))));
        }
        assertTrue(r.get(0).timedOut(), r.get(0).summary());
        assertEquals(-1, r.get(0).exitCode());
        assertFalse(r.get(1).timedOut(), r.get(1).summary());
        assertEquals(0, r.get(1).exitCode());
        assertEquals(6, r.get(1).stdoutText().lines().count());
        assertTrue(seen.stream().anyMatch(p -> p.host().equals(TestSshd.DESTINATION) && !p.done() && p.bytes() > 0
                && p.command().equals(slow.toString())), "progress of the slow read: " + seen);
        assertEquals(List.of(), remoteSleepsAfterAWhile(), "the hung command survived");
    }

    /** The marked remote sleeps still running once they had up to 4 s to end. */
    private static List<String> remoteSleepsAfterAWhile() throws InterruptedException {
        List<String> left = remoteSleeps();
        for (int i = 0; i < 40 && !left.isEmpty(); i++) {
            Thread.sleep(100);
            left = remoteSleeps();
        }
        return left;
    }

    private static List<String> remoteSleeps() {
        CommandResult ps = new LocalRunner().run(Command.of("pgrep", "-af", "^sleep 987.6"));
        return ps.stdoutText().lines().filter(l -> !l.contains("pgrep")).toList();
    }

    @Test
    void runAllRunsItsCommandsAtTheSameTimeAndKeepsTheOrder(@TempDir Path meeting) {
        // Each command waits until all four have arrived: only concurrent sessions can finish.
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            commands.add(Command.of("sh", "-c", "touch \"$1/$2\"; while [ $(ls \"$1\" | wc -l) -lt 4 ]; do sleep 0.05; "
                    + "done; echo $2", "sh", meeting.toString(), "c" + i).withTimeout(Duration.ofSeconds(20)));
        }
        List<CommandResult> results = ssh.runAll(commands);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, results.get(i).exitCode(), results.get(i).summary());
            assertEquals("c" + i + "\n", results.get(i).stdoutText());
        }
    }

    @Test
    void oneMasterCarriesEverySession() {
        ssh.connect();
        long master = ssh.masterPid().orElseThrow();
        long loginsBefore = sshd.acceptedLogins();
        ssh.runAll(List.of(Command.of("true"), Command.of("true"), Command.of("true")));
        ssh.run(Command.of("true"));
        assertEquals(master, ssh.masterPid().orElseThrow());
        assertEquals(loginsBefore, sshd.acceptedLogins(), "no new login: sessions over the master");
        assertTrue(Files.exists(controlDir), "control socket directory");
    }

    @Test
    void theCommandLogShowsTheRemoteArgvAndTheDestination() {
        CommandLog log = new CommandLog();
        new RecordingRunner(ssh, log).run(Command.of("echo", "hi"));
        CommandRecord rec = log.snapshot().get(0);
        assertEquals(TestSshd.DESTINATION, rec.host());
        assertEquals(List.of("echo", "hi"), rec.argv());
        assertEquals(0, rec.exitCode());
    }

    @Test
    void aKilledMasterIsReportedAsLostAndTheNextCommandReconnects() throws Exception {
        try {
            killedMasterIsLostThenReconnects();
        } finally {
            endOrphaned("sleep 987.71");
        }
    }

    private void killedMasterIsLostThenReconnects() throws Exception {
        endOrphaned("sleep 987.71");
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        ssh.addStateListener(states::add);
        ssh.connect();
        long master = ssh.masterPid().orElseThrow();
        CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
                () -> ssh.run(Command.of("sleep", "987.71").withTimeout(Duration.ofSeconds(30))));
        // A length of its own: a sleep another test left behind for a moment must not pass for this one's.
        waitForRemote("sleep 987.71");
        ProcessHandle.of(master).orElseThrow().destroyForcibly();
        Throwable failure = assertThrows(Exception.class, running::join).getCause();
        assertTrue(failure instanceof SshConnectionException, String.valueOf(failure));
        assertEquals(SshConnectionException.Reason.LOST, ((SshConnectionException) failure).reason());
        assertEquals(ConnectionState.LOST, ssh.state());

        CommandResult again = ssh.run(Command.of("echo", "back"));
        assertEquals("back\n", again.stdoutText());
        assertEquals(ConnectionState.CONNECTED, ssh.state());
        assertTrue(ssh.masterPid().orElseThrow() != master, "a new master");
        assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED, ConnectionState.LOST,
                ConnectionState.CONNECTING, ConnectionState.CONNECTED), states);
    }

    @Test
    void aConnectionDroppedByTheServerMidCommandIsLostNotAnEmptyResult() {
        try {
            droppedConnectionIsLost();
        } finally {
            endOrphaned("sleep 987.72");
        }
    }

    private void droppedConnectionIsLost() {
        endOrphaned("sleep 987.72");
        ssh.connect();
        CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(
                () -> ssh.run(Command.of("sh", "-c", "echo partial; sleep 987.72")
                        .withTimeout(Duration.ofSeconds(30))));
        waitForRemote("sleep 987.72");
        sshd.dropConnections();
        Throwable failure = assertThrows(Exception.class, running::join).getCause();
        assertTrue(failure instanceof SshConnectionException e && e.reason() == SshConnectionException.Reason.LOST,
                String.valueOf(failure));
        assertEquals("ok\n", ssh.run(Command.of("echo", "ok")).stdoutText(), "reconnected");
    }

    /**
     * Ends the remote command a lost connection left running (the sshd is this machine's: it is a local process),
     * before the test, so that an earlier run's cannot pass for this one's, and after it.
     */
    private static void endOrphaned(String marker) {
        new LocalRunner().run(Command.of("pkill", "-f", "^(timeout .* )?" + marker));
    }

    private static void waitForRemote(String marker) {
        for (int i = 0; i < 100; i++) {
            CommandResult ps = new LocalRunner().run(Command.of("pgrep", "-f", "^" + marker));
            if (ps.ok()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the remote command never started: " + marker);
    }

    @Test
    void anUnreachableHostFailsAsUnreachable() {
        SshRunner nowhere = new SshRunner(new SshTarget(TestSshd.DESTINATION,
                List.of("-F", sshd.clientOptions().get(1), "-o", "Port=1")), controlDir, HostKeyPrompt.REFUSE);
        SshConnectionException e = assertThrows(SshConnectionException.class, () -> nowhere.run(Command.of("true")));
        assertEquals(SshConnectionException.Reason.UNREACHABLE, e.reason());
        assertEquals(ConnectionState.FAILED, nowhere.state());
    }

    @Test
    void optionInjectionThroughTheDestinationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SshTarget.of("-oProxyCommand=touch /tmp/x"));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.of("host name"));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.of("host;id"));
        assertEquals("ssh://root@node1:2222", SshTarget.of("ssh://root@node1:2222").destination());
    }
}
