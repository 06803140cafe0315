package io.iptscope.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.testing.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunnerTest {

    private final LocalRunner runner = new LocalRunner();

    @Test
    void keepsStdoutStderrAndExitCodeApart() {
        CommandResult r = runner.run(Command.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals("out\n", r.stdoutText());
        assertEquals("err\n", r.stderrText());
        assertEquals(3, r.exitCode());
        assertFalse(r.ok());
        assertFalse(r.timedOut());
    }

    @Test
    void aSequenceFeedsStdinToTheFirstAndRunsTheSecondOnlyAfterItSucceeded() {
        Command first = Command.of("sed", "s/^/[$(id)] /").withStdin("it's \"quoted\"\n".getBytes(StandardCharsets.UTF_8));
        CommandResult both = runner.run(first.then(Command.of("printf", "%s|", "a b", "$HOME", "'")));
        assertEquals("[$(id)] it's \"quoted\"\na b|$HOME|'|", both.stdoutText(), both.summary());
        CommandResult stopped = runner.run(Command.of("false").then(Command.of("echo", "ran")));
        assertFalse(stopped.ok());
        assertEquals("", stopped.stdoutText());
    }

    @Test
    void aTapSeesAllOfStdoutAsItArrivesAndTheResultOnlyItsLength() throws Exception {
        java.io.ByteArrayOutputStream tapped = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CountDownLatch sawFirst = new java.util.concurrent.CountDownLatch(1);
        Command c = Command.of("sh", "-c", "seq 1 100000; sleep 1; echo last")
                .withStdoutTap((data, offset, length) -> {
                    tapped.write(data, offset, length);
                    sawFirst.countDown();
                });
        java.util.concurrent.CompletableFuture<CommandResult> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> runner.run(c));
        assertTrue(sawFirst.await(5, java.util.concurrent.TimeUnit.SECONDS), "output reached the tap while it ran");
        assertFalse(running.isDone(), "the tap saw output before the command ended");
        CommandResult r = running.get();
        assertTrue(r.ok(), r.summary());
        String all = tapped.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(all.startsWith("1\n2\n") && all.endsWith("100000\nlast\n"), all.length() + " bytes tapped");
        // The tap keeps what it needs; the result keeps no second copy, only the count.
        assertEquals(0, r.stdout().length);
        assertEquals(all.length(), r.stdoutLength());
        assertTrue(r.stdoutTapped());
    }

    @Test
    void anOutputOfManyBlocksIsKeptWholeAndInOrder() {
        // 4.9 MB: read into growing blocks up to the largest, several of those, and a partial last one.
        CommandResult r = runner.run(Command.of("seq", "1", "700000"));
        assertTrue(r.ok(), r.summary());
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 700000; i++) {
            expected.append(i).append('\n');
        }
        assertEquals(expected.length(), r.stdout().length);
        assertEquals(expected.toString(), r.stdoutText());
    }

    @Test
    void feedsStdin() {
        byte[] input = "line one\nline \"two\"\n".getBytes(StandardCharsets.UTF_8);
        CommandResult r = runner.run(Command.of("cat").withStdin(input));
        assertArrayEquals(input, r.stdout());
    }

    @Test
    void runsWithCLocaleAndSbinOnPath() {
        CommandResult r = new LocalRunner("/usr/bin:/bin").run(Command.of("sh", "-c", "echo $LC_ALL; echo $PATH"));
        List<String> lines = r.stdoutText().lines().toList();
        assertEquals("C", lines.get(0));
        assertEquals("/usr/bin:/bin:/usr/sbin:/sbin", lines.get(1));
    }

    @Test
    void findsSbinProgramsEvenWhenTheCallersPathLacksThem() {
        Requirements.requireBinaries("iptables-nft");
        CommandResult r = new LocalRunner("/usr/bin:/bin").run(Command.of("iptables-nft", "--version"));
        assertTrue(r.ok(), r.summary());
        assertTrue(r.stdoutText().contains("nf_tables"));
    }

    @Test
    void timeoutKillsTheWholeProcessTree(@TempDir Path tmp) throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        // The child sleeps in the background; only killing the tree ends it.
        Command c = Command.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait")
                .withTimeout(Duration.ofMillis(700));
        CommandResult r = runner.run(c);
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        for (int i = 0; i < 50 && running(childPid); i++) {
            Thread.sleep(20);
        }
        assertFalse(running(childPid), "the background child survived the timeout");
    }

    @Test
    void aSlowCommandThatKeepsPrintingIsNotKilledByItsTimeout() {
        // Eight lines 0.3 s apart: about 2.4 s in all, far beyond the 0.7 s timeout, but never silent that long.
        Command c = Command.of("sh", "-c", "for i in 1 2 3 4 5 6 7 8; do echo line $i; sleep 0.3; done")
                .withTimeout(Duration.ofMillis(700));
        CommandResult r = runner.run(c);
        assertFalse(r.timedOut(), r.summary());
        assertEquals(0, r.exitCode());
        assertEquals(8, r.stdoutText().lines().count());
        assertTrue(r.duration().compareTo(c.timeout()) > 0, "the fake ended before its timeout: " + r.duration());
    }

    @Test
    void aCommandThatComputesSilentlyIsNotKilledByItsTimeout() {
        // No output at all, but CPU time grows all along: a big ruleset being read looks like this.
        Command c = Command.of("sh", "-c", "end=$(( $(date +%s) + 2 )); while [ $(date +%s) -lt $end ]; do :; done; echo done")
                .withTimeout(Duration.ofMillis(700));
        CommandResult r = runner.run(c);
        assertFalse(r.timedOut(), r.summary());
        assertEquals("done\n", r.stdoutText());
    }

    @Test
    void aLongCommandReportsItsProgressAndCanBeCancelled() throws Exception {
        List<ReadProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable l = ReadProgress.listen(p -> {
            if (p.command().contains("iptscope-progress-probe")) {
                seen.add(p);
                if (p.bytes() >= 3 && !p.done()) {
                    ReadProgress.cancel(p.id());
                }
            }
        })) {
            CommandResult r = runner.run(Command.of("sh", "-c",
                    "while :; do echo iptscope-progress-probe; sleep 0.1; done", "iptscope-progress-probe")
                    .withTimeout(Duration.ofSeconds(30)));
            assertFalse(r.ok());
            assertFalse(r.timedOut());
            assertTrue(r.stderrText().contains("cancelled"), r.stderrText());
        }
        assertFalse(seen.isEmpty());
        assertTrue(seen.get(0).bytes() > 0);
        assertTrue(seen.get(seen.size() - 1).done());
    }

    @Test
    void aStartedCommandDoesNotOutliveAJvmThatIsKilled() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StartAndWait.class.getName()).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
        assertNotNull(line, "the helper JVM printed nothing");
        long child = Long.parseLong(line.strip());
        assertTrue(running(child));
        jvm.destroyForcibly();
        jvm.waitFor();
        for (int i = 0; i < 50 && running(child); i++) {
            Thread.sleep(20);
        }
        assertFalse(running(child), "the streamed command survived its JVM");
    }

    /** Alive and not a zombie (an orphan's zombie lingers until its new parent reaps it). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void aMissingProgramIsReportedAsNotFound() {
        CommandResult r = runner.run(Command.of("iptscope-no-such-binary", "--version"));
        assertFalse(r.launched());
        assertTrue(r.notFound());
        assertNotNull(r.launchError());
        assertTrue(r.summary().contains("iptscope-no-such-binary"));
    }

    @Test
    void runAllKeepsTheOrderOfItsCommands() {
        List<CommandResult> results = runner.runAll(List.of(
                Command.of("sh", "-c", "sleep 0.3; echo first"),
                Command.of("echo", "second"),
                Command.of("sh", "-c", "echo third; exit 4")));
        assertEquals("first\n", results.get(0).stdoutText());
        assertEquals("second\n", results.get(1).stdoutText());
        assertEquals(4, results.get(2).exitCode());
    }

    @Test
    void deniedIsRecognisedFromStderr() {
        CommandResult r = runner.run(Command.of("sh", "-c", "echo 'iptables: Permission denied (you must be root).' >&2; exit 4"));
        assertTrue(r.denied());
        assertFalse(r.notFound());
    }
}
