package io.iptscope.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.testing.TestNetns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 15 on restore, each through the real CLI in separate processes on real
 * namespaces: concurrent restores, rollback-now racing the timer, a replaced netns, crafted records,
 * a record that cannot be written, the xtables lock held while a restore fails.
 */
class RestoreRacesTest {

    private static final Pattern ID = Pattern.compile("restore ([0-9]{8}-[0-9]{6}-[0-9a-f]{4}):");

    static final String TWO_TABLES = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :OLD - [0:0]
            -A PREROUTING -j OLD
            -A OLD -p tcp --dport 80 -j DNAT --to-destination 10.0.0.1
            COMMIT
            """ + RestoreTransactionTest.BEFORE;

    /** Legacy cannot delete a table, so the legacy tests change only tables that exist before. */
    static final String NEW_LEGACY = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            -A PREROUTING -p tcp --dport 81 -j DNAT --to-destination 10.0.0.2
            COMMIT
            *filter
            :INPUT DROP [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p tcp --dport 22 -j ACCEPT
            COMMIT
            """;

    @TempDir
    Path tmp;

    record Run(int code, String out) {
    }

    private ProcessBuilder cli(Map<String, String> env, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + RestoreTransaction.Options.STATE_ROOT_PROPERTY + "=" + tmp.resolve("state"),
                "io.iptscope.cli.Main"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
        pb.environment().putAll(env);
        return pb;
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Process p = cli(env, args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    private Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private static String idOf(Run r) {
        Matcher m = ID.matcher(r.out());
        assertTrue(m.find(), r.out());
        return m.group(1);
    }

    private Path state(String id) {
        return tmp.resolve("state").resolve(id);
    }

    private static boolean waitFor(Path p, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10 && !Files.exists(p); i++) {
            Thread.sleep(100);
        }
        return Files.exists(p);
    }

    private static String rules(TestNetns ns, String save) {
        return ns.exec(save).stdoutText();
    }

    @Test
    void twoConcurrentRestoresOnOneNetnsOneAppliesTheOtherIsRefused() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", RestoreTransactionTest.BEFORE);
            String before = rules(ns, "iptables-nft-save");
            Path a = Files.writeString(tmp.resolve("a.rules"), RestoreTransactionTest.NEW);
            Path b = Files.writeString(tmp.resolve("b.rules"),
                    "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 203.0.113.9/32 -j DROP\nCOMMIT\n");
            Process pa = cli(Map.of(), "restore", a.toString(), "--netns", ns.name(), "--backend", "nft", "--yes",
                    "--confirm-within", "120").start();
            Process pb = cli(Map.of(), "restore", b.toString(), "--netns", ns.name(), "--backend", "nft", "--yes",
                    "--confirm-within", "120").start();
            String outA = new String(pa.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String outB = new String(pb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(pa.waitFor(60, TimeUnit.SECONDS) && pb.waitFor(60, TimeUnit.SECONDS));
            boolean aWon = pa.exitValue() == 0;
            assertNotEquals(aWon, pb.exitValue() == 0, "exactly one applies:\nA: " + outA + "\nB: " + outB);
            String winner = idOf(new Run(0, aWon ? outA : outB));
            String loser = aWon ? outB : outA;
            assertTrue(loser.contains("refusing: restore " + winner + " is not settled"), loser);
            assertTrue(loser.contains("iptscope confirm " + winner) && loser.contains("iptscope rollback " + winner), loser);
            String now = rules(ns, "iptables-nft-save");
            assertEquals(aWon, now.contains("ssh in"), now);
            assertEquals(!aWon, now.contains("203.0.113.9"), now);

            Run rb = run("rollback", winner);
            assertEquals(0, rb.code(), rb.out());
            assertTrue(RestoreTransactionTest.same(before, rules(ns, "iptables-nft-save")), rules(ns, "iptables-nft-save"));
            // Settled: the target is free again.
            Run again = run("restore", b.toString(), "--netns", ns.name(), "--backend", "nft", "--yes");
            assertEquals(0, again.code(), again.out());
            assertTrue(rules(ns, "iptables-nft-save").contains("203.0.113.9"));
        }
    }

    @Test
    void rollbackNowWhileTheTimersRollbackWaitsDoesNotCutItShort() throws Exception {
        Path xlock = tmp.resolve("xtables.lock");
        Map<String, String> env = Map.of("XTABLES_LOCKFILE", xlock.toString());
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", TWO_TABLES);
            String before = rules(ns, "iptables-legacy-save");
            Path file = Files.writeString(tmp.resolve("new.rules"), NEW_LEGACY);
            Run r = run(env, "restore", file.toString(), "--netns", ns.name(), "--backend", "legacy", "--yes",
                    "--confirm-within", "3");
            assertEquals(0, r.code(), r.out());
            String id = idOf(r);
            // Pause the timer's rollback mid-way: hold the xtables lock its restore waits for.
            Process holder = holdLock(xlock);
            try {
                assertTrue(waitFor(state(id).resolve("rolling-back"), 20), "the timer did not fire");
                Process rollback = cli(env, "rollback", id, "--wait", "60").start();
                Thread.sleep(2500);
                assertTrue(rollback.isAlive(), "rollback-now did not wait for the timer's rollback");
                assertTrue(Files.exists(state(id).resolve("rolling-back")));
                holder.descendants().forEach(ProcessHandle::destroyForcibly);
                holder.destroyForcibly();
                String said = new String(rollback.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(rollback.waitFor(90, TimeUnit.SECONDS));
                assertEquals(0, rollback.exitValue(), said);
                assertTrue(said.contains("restore " + id + ": rolled-back"), said);
            } finally {
                holder.descendants().forEach(ProcessHandle::destroyForcibly);
                holder.destroyForcibly();
            }
            String log = Files.readString(state(id).resolve("log"));
            assertEquals(1, log.split("rollback started", -1).length - 1, log);
            assertTrue(log.contains("rollback finished, status 0: rolled-back"), log);
            assertTrue(RestoreTransactionTest.same(before, rules(ns, "iptables-legacy-save")),
                    "nat and filter both back:\n" + rules(ns, "iptables-legacy-save"));
        }
    }

    @Test
    void aReplacedNetnsIsReportedAndNothingIsWrittenIntoIt() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", RestoreTransactionTest.BEFORE);
            Path file = Files.writeString(tmp.resolve("new.rules"), RestoreTransactionTest.NEW);
            Run r = run("restore", file.toString(), "--netns", ns.name(), "--backend", "nft", "--yes",
                    "--confirm-within", "120");
            assertEquals(0, r.code(), r.out());
            String id = idOf(r);
            io.iptscope.exec.LocalRunner host = new io.iptscope.exec.LocalRunner();
            assertTrue(host.run(io.iptscope.exec.Command.of("ip", "netns", "del", ns.name())).ok());
            assertTrue(host.run(io.iptscope.exec.Command.of("ip", "netns", "add", ns.name())).ok());

            Run rb = run("rollback", id);
            assertEquals(1, rb.code(), rb.out());
            assertTrue(rb.out().contains("restore " + id + ": failed"), rb.out());
            assertTrue(rb.out().contains("netns netns:" + ns.name() + " replaced"), rb.out());
            assertTrue(Files.exists(state(id).resolve("failed")));
            assertFalse(Files.exists(state(id).resolve("rolled-back")));
            assertEquals("", ns.exec("nft", "list", "ruleset").stdoutText().strip(), "written into the new netns");
        }
    }

    @Test
    void craftedRecordsAreRefusedAndNothingIsRunOrKilled() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", RestoreTransactionTest.BEFORE);
            Path file = Files.writeString(tmp.resolve("new.rules"), RestoreTransactionTest.NEW);
            Run r = run("restore", file.toString(), "--netns", ns.name(), "--backend", "nft", "--yes",
                    "--confirm-within", "120");
            assertEquals(0, r.code(), r.out());
            String id = idOf(r);
            Path txns = tmp.resolve("data/iptscope/transactions");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(txns)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    txns.resolve(id + ".json"))));
            String record = Files.readString(txns.resolve(id + ".json"));

            // Another directory's rollback.sh, and a pid file naming an unrelated process group.
            Process victim = new ProcessBuilder("setsid", "sleep", "120").start();
            Path evil = Files.createDirectories(tmp.resolve("evil"));
            Path ran = tmp.resolve("ran");
            Files.writeString(evil.resolve("rollback.sh"), "touch " + ran + "\n");
            Files.writeString(evil.resolve("armed"), "armed\n");
            Files.writeString(evil.resolve("pid"), victim.pid() + " 1\n");
            String fake = "20260101-000000-beef";
            Files.writeString(txns.resolve(fake + ".json"), record.replace(id, fake)
                    .replace(state(id).toString().replace(id, fake), evil.toString()));
            Files.setPosixFilePermissions(txns.resolve(fake + ".json"), PosixFilePermissions.fromString("rw-------"));
            try {
                Run bad = run("rollback", fake);
                assertEquals(1, bad.code(), bad.out());
                assertTrue(bad.out().contains("refusing the record of restore " + fake), bad.out());
                assertTrue(bad.out().contains("is not " + tmp.resolve("state").resolve(fake)), bad.out());

                // A world-writable record is refused before it is parsed.
                Files.setPosixFilePermissions(txns.resolve(fake + ".json"), PosixFilePermissions.fromString("rw-rw-rw-"));
                Run writable = run("confirm", fake);
                assertEquals(5, writable.code(), writable.out());
                assertTrue(writable.out().contains("others may write it"), writable.out());

                // The real transaction with its pid file pointing elsewhere: rolled back, the stranger untouched.
                Files.writeString(state(id).resolve("pid"), victim.pid() + " 1\n");
                Run rb = run("rollback", id);
                assertEquals(0, rb.code(), rb.out());
                assertFalse(Files.exists(ran), "the crafted script ran");
                assertTrue(victim.isAlive(), "an unrelated process group was signalled");
            } finally {
                victim.destroyForcibly();
            }
        }
    }

    @Test
    void aRecordThatCannotBeWrittenStopsTheRestoreBeforeAnythingIsApplied() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", RestoreTransactionTest.BEFORE);
            List<String> before = ns.kernelState();
            Files.createDirectories(tmp.resolve("data/iptscope"));
            // Where the transactions directory belongs there is a file: writing the record fails like a full disk.
            Files.writeString(tmp.resolve("data/iptscope/transactions"), "");
            Path file = Files.writeString(tmp.resolve("new.rules"), RestoreTransactionTest.NEW);
            Run r = run("restore", file.toString(), "--netns", ns.name(), "--backend", "nft", "--yes",
                    "--confirm-within", "60");
            assertEquals(1, r.code(), r.out());
            String id = idOf(r);
            assertTrue(r.out().contains("cannot write the transaction record of " + id), r.out());
            assertTrue(r.out().contains("nothing was applied"), r.out());
            assertEquals(before, ns.kernelState());
            assertFalse(Files.exists(state(id).resolve("armed")));
        }
    }

    @Test
    void aHeldXtablesLockIsReportedAsTheTruthNotAsRolledBack() throws Exception {
        Path xlock = tmp.resolve("xtables.lock");
        Map<String, String> env = Map.of("XTABLES_LOCKFILE", xlock.toString());
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", TWO_TABLES);
            String before = rules(ns, "iptables-legacy-save");
            Path file = Files.writeString(tmp.resolve("new.rules"), NEW_LEGACY);
            Process p = cli(env, "restore", file.toString(), "--netns", ns.name(), "--backend", "legacy", "--yes",
                    "--confirm-within", "1", "--lock-wait", "3").start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            Process holder = null;
            String id = null;
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    said.append(line).append('\n');
                    Matcher m = ID.matcher(line);
                    if (holder == null && m.find()) {
                        id = m.group(1);
                        // --test takes the lock too: hold it only once the restore is past its checks.
                        holder = holdLock(xlock);
                    }
                }
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                assertEquals(1, p.exitValue(), said.toString());
                assertTrue(said.toString().contains("another program holds the xtables lock"), said.toString());
                assertFalse(said.toString().contains("everything was rolled back"), said.toString());
                assertTrue(said.toString().contains("NOT rolled back so far"), said.toString());
                assertTrue(Files.exists(state(id).resolve("rolling-back")));
            } finally {
                if (holder != null) {
                    holder.descendants().forEach(ProcessHandle::destroyForcibly);
                    holder.destroyForcibly();
                }
            }
            assertTrue(waitFor(state(id).resolve("rolled-back"), 60), Files.readString(state(id).resolve("log")));
            assertTrue(RestoreTransactionTest.same(before, rules(ns, "iptables-legacy-save")));
        }
    }

    /** Holds the xtables lock file as another iptables writer would, and returns once it is held. */
    private Process holdLock(Path lockFile) throws Exception {
        Path held = tmp.resolve("held-" + System.nanoTime());
        Process p = new ProcessBuilder("flock", "-x", "-o", lockFile.toString(), "sh", "-c",
                "touch " + held + "; exec sleep 120").start();
        assertTrue(waitFor(held, 10), "could not take the lock");
        return p;
    }
}
