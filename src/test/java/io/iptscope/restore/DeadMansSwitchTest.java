package io.iptscope.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-man's switch through the real CLI in separate processes: the process that applied is
 * killed, and confirmation comes from a new process, as it would from a new SSH connection.
 */
class DeadMansSwitchTest {

    private static final Pattern ARMED = Pattern.compile("armed: restore (\\S+) rolls back");

    @TempDir
    Path tmp;

    private Process cli(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + RestoreTransaction.Options.STATE_ROOT_PROPERTY + "=" + tmp.resolve("state"), "io.iptscope.cli.Main"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
        return pb.start();
    }

    /** Starts a restore armed for {@code seconds}, waits for its "armed" line, returns the restore id. */
    private String armedRestore(TestNetns ns, Path file, int seconds, boolean killRightAway) throws Exception {
        Process p = cli("restore", file.toString(), "--netns", ns.name(), "--backend", "nft", "--yes",
                "--confirm-within", Integer.toString(seconds), "--state-dir", tmp.resolve("state").toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher m = ARMED.matcher(line);
            if (m.find()) {
                if (killRightAway) {
                    p.destroyForcibly();
                }
                p.waitFor(30, TimeUnit.SECONDS);
                return m.group(1);
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("restore did not arm:\n" + seen);
    }

    private Path stateOf(String id) {
        return tmp.resolve("state").resolve(id);
    }

    private boolean waitFor(Path marker, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10 && !Files.exists(marker); i++) {
            Thread.sleep(100);
        }
        return Files.exists(marker);
    }

    @Test
    void killedRightAfterApplyTheRulesAreRolledBackWhenTheTimeIsUp() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", RestoreTransactionTest.BEFORE);
            String before = ns.exec("iptables-nft-save").stdoutText();
            Path file = Files.writeString(tmp.resolve("new.rules"), RestoreTransactionTest.NEW);

            String id = armedRestore(ns, file, 2, true);
            String applied = ns.exec("iptables-nft-save").stdoutText();
            assertTrue(applied.contains("ssh in") || Files.exists(stateOf(id).resolve("rolled-back")),
                    "the new rules were applied before the kill");

            assertTrue(waitFor(stateOf(id).resolve("rolled-back"), 20), "no rollback; log:\n" + log(id));
            assertTrue(RestoreTransactionTest.same(before, ns.exec("iptables-nft-save").stdoutText()));
            assertFalse(ns.exec("nft", "list", "tables").stdoutText().contains("raw"));
            assertTrue(log(id).contains("rollback finished, status 0"), log(id));
        }
    }

    @Test
    void confirmedInTimeTheNewRulesStayAndTheBackupIsListed() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", RestoreTransactionTest.BEFORE);
            Path file = Files.writeString(tmp.resolve("new.rules"), RestoreTransactionTest.NEW);
            String id = armedRestore(ns, file, 12, false);

            Process confirm = cli("confirm", id);
            String said = new String(confirm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(confirm.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, confirm.exitValue(), said);
            assertTrue(said.startsWith("confirmed"), said);

            Thread.sleep(13000);
            assertTrue(Files.exists(stateOf(id).resolve("confirmed")));
            assertFalse(Files.exists(stateOf(id).resolve("rolled-back")));
            assertTrue(ns.exec("iptables-nft-save").stdoutText().contains("ssh in"), "the new rules stay");
            String pid = Files.readString(stateOf(id).resolve("pid")).strip();
            assertFalse(Files.exists(Path.of("/proc", pid)), "the timer process was left behind");

            Process list = cli("snapshots", "list");
            String listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            list.waitFor(30, TimeUnit.SECONDS);
            assertTrue(listed.contains("backup"), listed);
            Process late = cli("confirm", id);
            String lateSaid = new String(late.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            late.waitFor(30, TimeUnit.SECONDS);
            assertEquals(1, late.exitValue(), lateSaid);
            assertTrue(lateSaid.contains("confirmed"), lateSaid);
        }
    }

    @Test
    void rollBackNowUsesTheArmedScript() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", RestoreTransactionTest.BEFORE);
            String before = ns.exec("iptables-nft-save").stdoutText();
            Path file = Files.writeString(tmp.resolve("new.rules"), RestoreTransactionTest.NEW);
            String id = armedRestore(ns, file, 60, false);
            Process rb = cli("rollback", id);
            String said = new String(rb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            rb.waitFor(60, TimeUnit.SECONDS);
            assertEquals(0, rb.exitValue(), said);
            assertTrue(said.contains("rolled-back"), said);
            assertTrue(RestoreTransactionTest.same(before, ns.exec("iptables-nft-save").stdoutText()));
        }
    }

    @Test
    void aHeldXtablesLockMakesLegacyWaitOrFailCleanly() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", RestoreTransactionTest.BEFORE);
            String before = ns.exec("iptables-legacy-save").stdoutText();
            String v4 = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 198.51.100.7/32 -j DROP\nCOMMIT\n";

            RestoreTransaction patient = txn(ns, 10);
            RestoreTransaction.Prepared p1 = patient.prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "v4", v4)));
            Process holder = holdLock(2);
            RestoreTransaction.Applied a = patient.apply(p1);
            assertFalse(holder.isAlive(), "the restore did not wait for the lock");
            assertEquals(List.of(), a.verification());
            patient.rollback(a);
            assertTrue(RestoreTransactionTest.same(before, ns.exec("iptables-legacy-save").stdoutText()));

            RestoreTransaction hasty = txn(ns, 1);
            RestoreTransaction.Prepared p2 = hasty.prepare(List.of(new RestoreTransaction.Input(Family.IPV4, "v4", v4)));
            Process longHolder = holdLock(5);
            try {
                RestoreException e = org.junit.jupiter.api.Assertions.assertThrows(RestoreException.class,
                        () -> hasty.apply(p2));
                assertTrue(e.getMessage().contains("xtables lock"), e.getMessage());
            } finally {
                longHolder.destroyForcibly();
                longHolder.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(RestoreTransactionTest.same(before, ns.exec("iptables-legacy-save").stdoutText()),
                    "half applied:\n" + ns.exec("iptables-legacy-save").stdoutText());
        }
    }

    private RestoreTransaction txn(TestNetns ns, int lockWait) {
        return new RestoreTransaction(RestoreTransactionTest.endpoint(ns), new SnapshotStore(tmp.resolve("snapshots")),
                new RestoreTransaction.Options(Backend.LEGACY, false, List.of(), false, false, null, lockWait,
                        tmp.resolve("state").toString(), false));
    }

    /** Holds the host's xtables lock as another iptables writer would, and returns once it is held. */
    private Process holdLock(int seconds) throws Exception {
        Path held = tmp.resolve("held-" + System.nanoTime());
        Process p = new ProcessBuilder("flock", "-x", "/run/xtables.lock", "sh", "-c",
                "touch " + held + "; sleep " + seconds).start();
        assertTrue(waitFor(held, 10), "could not take the xtables lock");
        assertNotNull(p);
        return p;
    }

    private String log(String id) throws IOException {
        Path log = stateOf(id).resolve("log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
