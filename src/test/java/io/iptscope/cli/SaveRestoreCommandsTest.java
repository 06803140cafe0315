package io.iptscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.testing.TestNetns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** save, snapshots and restore through the command line; the snapshot store lives in a temp XDG_DATA_HOME. */
class SaveRestoreCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void saveListShowDiffAndRemoveSnapshots() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.9.0.0/16 -j ACCEPT\nCOMMIT\n");
            Path out = tmp.resolve("legacy.rules");
            DetectCommandTest.Out saved = run("save", "--netns", ns.name(), "--backend", "legacy", "--family", "ipv4",
                    "-o", out.toString());
            assertEquals(0, saved.exit(), saved.err());
            String file = Files.readString(out);
            assertTrue(file.startsWith("# iptscope save: host=local netns=netns:" + ns.name() + " backend=legacy family=ipv4"),
                    file);
            assertTrue(file.contains("-A INPUT -s 10.9.0.0/16 -j ACCEPT"));
            String id1 = saved.out().replaceAll("(?s).*as snapshot (\\S+).*", "$1");

            ns.exec("iptables-legacy", "-w", "10", "-A", "INPUT", "-s", "10.10.0.0/16", "-j", "DROP");
            String id2 = run("save", "--netns", ns.name(), "--backend", "legacy", "--family", "ipv4").out()
                    .replaceAll("(?s).*as snapshot (\\S+).*", "$1");

            String list = run("snapshots", "list").out();
            assertTrue(list.contains(id1) && list.contains(id2), list);
            assertTrue(run("snapshots", "show", id1).out().contains("10.9.0.0/16"));
            DetectCommandTest.Out diff = run("snapshots", "diff", id1, id2);
            assertEquals(ExitCodes.FINDINGS, diff.exit(), diff.out());
            assertTrue(diff.out().contains("+") && diff.out().contains("10.10.0.0/16"), diff.out());
            assertEquals(0, run("snapshots", "rm", id1).exit());
            assertTrue(!run("snapshots", "list").out().contains(id1));
            DetectCommandTest.Out missing = run("snapshots", "show", id1);
            assertEquals(ExitCodes.USAGE, missing.exit());
            assertTrue(missing.err().contains("no snapshot"), missing.err());
        }
    }

    @Test
    void aMalformedFileIsRefusedWithLineAndColumnAndNothingChanges() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n");
            var before = ns.kernelState();
            Path bad = Files.writeString(tmp.resolve("bad.rules"), "*filter\n:INPUT DROP [0:0]\n-A INPUT -j ACCEPT\n");
            DetectCommandTest.Out r = run("restore", bad.toString(), "--netns", ns.name(), "--backend", "nft", "--yes",
                    "--state-dir", tmp.resolve("state").toString());
            assertEquals(ExitCodes.FINDINGS, r.exit());
            assertTrue(r.err().contains(bad + ":"), r.err());
            assertTrue(r.err().contains("COMMIT"), r.err());
            assertEquals(before, ns.kernelState());
        }
    }

    @Test
    void withoutYesAndWithoutATerminalNothingIsApplied() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            Path f = Files.writeString(tmp.resolve("ok.rules"), "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j DROP\nCOMMIT\n");
            DetectCommandTest.Out r = run("restore", f.toString(), "--netns", ns.name(), "--backend", "nft",
                    "--state-dir", tmp.resolve("state").toString());
            assertEquals(ExitCodes.FINDINGS, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("add --yes"), r.out());
            assertTrue(!ns.exec("iptables-nft-save").stdoutText().contains("-j DROP"));
            DetectCommandTest.Out applied = run("restore", f.toString(), "--netns", ns.name(), "--backend", "nft", "--yes",
                    "--state-dir", tmp.resolve("state").toString());
            assertEquals(0, applied.exit(), applied.err());
            assertTrue(applied.out().contains("verified"), applied.out());
            assertTrue(ns.exec("iptables-nft-save").stdoutText().contains("-A INPUT -j DROP"));
        }
    }

    private DetectCommandTest.Out run(String... args) {
        return DetectCommandTest.runWithEnv(tmp.resolve("data"), args);
    }
}
