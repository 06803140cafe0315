package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests of a {@link RemoteShell} run by a real local {@code sh}, as the remote side runs them
 * (SshRunnerTest runs the same over a real sshd).
 */
class RemoteBatchTest {

    private RemoteShell shell;

    @BeforeEach
    void startShell() throws IOException {
        shell = RemoteShell.start(List.of("sh", "-c", RemoteShell.BOOTSTRAP), new LocalRunner().path(), "local",
                Duration.ofSeconds(10));
    }

    @AfterEach
    void closeShell() {
        shell.close();
    }

    private List<CommandResult> run(List<Command> commands) throws IOException {
        return shell.run(new RemoteBatch(commands));
    }

    @Test
    void eachCommandKeepsItsOwnExitCodeStdoutAndStderr() throws IOException {
        String hostile = "it's $(not run) `x` \"q\" ; | & \u00e4";
        List<CommandResult> r = run(List.of(
                Command.of("printf", "%s", hostile),
                Command.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                // Output that looks like a frame header, without a trailing newline.
                Command.of("printf", "@0 0 1 1 1\n@iptscope-batch x\n@iptscope-progress 0:1:1\nno newline"),
                Command.of("head", "-c", "300000", "/dev/zero")));
        assertEquals(hostile, r.get(0).stdoutText());
        assertEquals(0, r.get(0).exitCode());
        assertEquals("out\n", r.get(1).stdoutText());
        assertEquals("err\n", r.get(1).stderrText());
        assertEquals(3, r.get(1).exitCode());
        assertEquals("@0 0 1 1 1\n@iptscope-batch x\n@iptscope-progress 0:1:1\nno newline", r.get(2).stdoutText());
        assertArrayEquals(new byte[300000], r.get(3).stdout());
        assertEquals(Command.of("printf", "%s", hostile), r.get(0).command());
    }

    @Test
    void aTappedCommandsFrameReachesTheTapAsItIsReadAndTheOthersAreUntouched() throws IOException {
        java.io.ByteArrayOutputStream tapped = new java.io.ByteArrayOutputStream();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        List<CommandResult> r = run(List.of(
                Command.of("echo", "before"),
                Command.of("seq", "1", "100000").withStdoutTap((data, offset, length) -> {
                    tapped.write(data, offset, length);
                    calls.incrementAndGet();
                }),
                Command.of("sh", "-c", "echo after; echo e >&2")));
        assertEquals("before\n", r.get(0).stdoutText());
        String all = new String(tapped.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(all.startsWith("1\n2\n") && all.endsWith("\n100000\n"), all.length() + " bytes tapped");
        // The tap keeps what it needs; the result keeps no second copy, only the count.
        assertEquals(0, r.get(1).stdout().length);
        assertEquals(all.length(), r.get(1).stdoutLength());
        assertTrue(r.get(1).stdoutTapped());
        assertTrue(calls.get() > 1, "a 589 kB frame comes in pieces: " + calls.get());
        assertEquals("after\n", r.get(2).stdoutText());
        assertEquals("e\n", r.get(2).stderrText());
    }

    @Test
    void oneShellAnswersRequestAfterRequest() throws IOException {
        for (int i = 0; i < 5; i++) {
            List<CommandResult> r = run(List.of(Command.of("echo", "req" + i)));
            assertEquals("req" + i + "\n", r.get(0).stdoutText());
        }
        assertTrue(shell.alive());
    }

    @Test
    void aHungCommandIsEndedByTheWatchdogWhileTheOthersComplete() throws IOException {
        List<CommandResult> r = run(List.of(
                Command.of("sleep", "30").withTimeout(Duration.ofMillis(1500)),
                Command.of("echo", "fine")));
        assertTrue(r.get(0).timedOut(), r.get(0).summary());
        assertEquals(-1, r.get(0).exitCode());
        assertFalse(r.get(1).timedOut());
        assertEquals("fine\n", r.get(1).stdoutText());
        assertTrue(shell.alive(), "the shell serves the next request");
        assertEquals("next\n", run(List.of(Command.of("echo", "next"))).get(0).stdoutText());
    }

    @Test
    void aSlowCommandThatKeepsPrintingIsNotHungAndShowsProgress(@TempDir Path bin) throws Exception {
        // A fake read: quiet for less than its timeout at a time, but longer than that in all.
        Path slow = bin.resolve("slow-save");
        Files.writeString(slow, "#!/bin/sh\nfor i in 1 2 3 4 5 6; do echo \"line $i\"; sleep 0.6; done\n");
        Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<ReadProgress> seen = new CopyOnWriteArrayList<>();
        List<CommandResult> r;
        try (AutoCloseable l = ReadProgress.listen(seen::add)) {
            r = run(List.of(Command.of(slow.toString()).withTimeout(Duration.ofMillis(1500)),
                    Command.of("true")));
        }
        assertFalse(r.get(0).timedOut(), r.get(0).summary());
        assertEquals(0, r.get(0).exitCode());
        assertEquals(6, r.get(0).stdoutText().lines().count());
        assertTrue(seen.stream().anyMatch(p -> !p.done() && p.bytes() > 0 && p.command().equals(slow.toString())),
                "progress with bytes: " + seen);
        assertTrue(seen.stream().anyMatch(p -> p.done() && p.command().equals(slow.toString())), "done: " + seen);
    }

    @Test
    void aSilentCommandThatComputesIsNotHung() throws IOException {
        // No output for longer than the timeout, but CPU all along.
        List<CommandResult> r = run(List.of(Command.of("sh", "-c",
                "end=$(( $(date +%s) + 3 )); while [ $(date +%s) -lt $end ]; do :; done; echo done")
                .withTimeout(Duration.ofMillis(1500))));
        assertFalse(r.get(0).timedOut(), r.get(0).summary());
        assertEquals("done\n", r.get(0).stdoutText());
    }

    @Test
    void aCancelledCommandEndsAndSaysSo() throws Exception {
        List<ReadProgress> seen = new CopyOnWriteArrayList<>();
        List<CommandResult> r;
        try (AutoCloseable l = ReadProgress.listen(p -> {
            seen.add(p);
            ReadProgress.cancel(p.id());
        })) {
            r = run(List.of(Command.of("sh", "-c", "while :; do echo x; sleep 0.1; done")
                    .withTimeout(Duration.ofSeconds(30))));
        }
        assertFalse(r.get(0).ok());
        assertFalse(r.get(0).timedOut());
        assertTrue(r.get(0).stderrText().contains("cancelled by the user"), r.get(0).stderrText());
    }

    @Test
    void aMissingProgramIsNotFound() throws IOException {
        List<CommandResult> r = run(List.of(Command.of("iptscope-no-such-binary"), Command.of("true")));
        assertTrue(r.get(0).notFound(), r.get(0).summary());
        assertTrue(r.get(1).ok());
    }

    @Test
    void aShellKilledMidRequestIsReportedAsDead() throws Exception {
        List<Command> commands = new ArrayList<>(List.of(Command.of("sleep", "987.71").withTimeout(Duration.ofSeconds(30))));
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            // The shell and everything it runs, as the OOM killer or an operator would.
            ProcessHandle.current().children().filter(h -> h.info().commandLine().orElse("").contains("mktemp -d"))
                    .forEach(h -> {
                        h.descendants().forEach(ProcessHandle::destroyForcibly);
                        h.destroyForcibly();
                    });
        });
        killer.start();
        RemoteShell.Died died = assertThrows(RemoteShell.Died.class, () -> run(commands));
        killer.join();
        assertTrue(died.getMessage().contains("ended"), died.getMessage());
        assertFalse(shell.alive());
    }

    @Test
    void eachCommandReadsItsOwnStdinAndTheNextRequestIsUntouched() throws IOException {
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 'x');
        List<CommandResult> r = run(List.of(
                Command.of("cat").withStdin("first\n\u00e4".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Command.of("true").withStdin(big),
                Command.of("wc", "-c").withStdin(big),
                Command.of("head", "-c", "3").withStdin("abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Command.of("cat")));
        assertEquals("first\n\u00e4", r.get(0).stdoutText());
        assertEquals(0, r.get(1).exitCode(), "a command that reads none of its stdin");
        assertEquals("200000", r.get(2).stdoutText().strip());
        assertEquals("abc", r.get(3).stdoutText());
        assertEquals("", r.get(4).stdoutText(), "no stdin: /dev/null");
        assertEquals("next\n", run(List.of(Command.of("echo", "next"))).get(0).stdoutText());
    }
}
