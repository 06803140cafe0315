package io.iptscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestNetns;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DetectCommandTest {

    record Out(int exit, String out, String err) {
    }

    /** Runs with the snapshot store under {@code dataHome} instead of the user's. */
    static Out runWithEnv(java.nio.file.Path dataHome, String... args) {
        String old = System.getProperty(io.iptscope.restore.SnapshotStore.DATA_HOME_PROPERTY);
        System.setProperty(io.iptscope.restore.SnapshotStore.DATA_HOME_PROPERTY, dataHome.toString());
        try {
            return run(args);
        } finally {
            if (old == null) {
                System.clearProperty(io.iptscope.restore.SnapshotStore.DATA_HOME_PROPERTY);
            } else {
                System.setProperty(io.iptscope.restore.SnapshotStore.DATA_HOME_PROPERTY, old);
            }
        }
    }

    static Out run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Out(exit, out.toString(), err.toString());
    }

    @Test
    void jsonReportOfANetnsWithAMismatchExitsOne() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p icmp -j ACCEPT\nCOMMIT\n");
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -j ACCEPT\n"
                    + "-A INPUT -p udp -j ACCEPT\nCOMMIT\n");
            Out r = run("detect", "--netns", ns.name(), "--json");
            assertEquals(ExitCodes.FINDINGS, r.exit(), r.err());
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertEquals("netns:" + ns.name(), json.path("target").path("spec").asText());
            boolean both = false;
            for (JsonNode f : json.path("findings")) {
                both |= f.path("id").asText().equals("both-backends-hold-rules");
            }
            assertTrue(both, r.out());
        }
    }

    @Test
    void theTerminalViewShowsMatrixVerdictReasonsAndFindings() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", "*mangle\n:KUBE-IPTABLES-HINT - [0:0]\nCOMMIT\n");
            Out r = run("detect", "--netns-path", ns.path(), "--strategy", "wrappers-v2");
            assertEquals(ExitCodes.OK, r.exit(), r.err() + r.out());
            String out = r.out();
            assertTrue(out.contains("iptables-legacy"), out);
            assertTrue(out.contains("Verdict (wrappers-v2)"), out);
            assertTrue(out.contains("ipv4: NFT"), out);
            assertTrue(out.contains("kubelet's hint is in nft"), out);
            assertTrue(out.contains("All strategies"), out);
            assertTrue(out.contains("markers: KUBE-IPTABLES-HINT"), out);
        }
    }

    @Test
    void istioAndDindOverridesReachTheirVerdictsAndTheJsonTrace() throws Exception {
        assertEquals(ExitCodes.USAGE, run("detect", "--istio-force-binary", "nft").exit());
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -j ACCEPT\nCOMMIT\n");
            Out r = run("detect", "--netns", ns.name(), "--json", "--istio-force-binary", "iptables-legacy",
                    "--docker-iptables-legacy");
            JsonNode json = new ObjectMapper().readTree(r.out());
            int overridden = 0;
            for (JsonNode v : json.path("verdicts")) {
                String s = v.path("strategy").asText();
                if ((s.equals("istio") || s.equals("docker-dind")) && v.path("family").asText().equals("ipv4")) {
                    assertEquals("override", v.path("basis").asText(), v.toString());
                    assertEquals("legacy", v.path("backend").asText(), v.toString());
                    String env = s.equals("istio") ? "FORCE_IPTABLES_BINARY=iptables-legacy" : "DOCKER_IPTABLES_LEGACY is set";
                    assertTrue(v.path("trace").toString().contains(env), v.toString());
                    overridden++;
                }
            }
            assertEquals(2, overridden, r.out());
        }
    }

    @Test
    void usageErrorsExitTwoAndAMissingNetnsThree() {
        Requirements.requireNetnsTools();
        assertEquals(ExitCodes.USAGE, run("detect", "--strategy", "nope").exit());
        assertEquals(ExitCodes.USAGE, run("detect", "--netns", "a", "--pid", "1").exit());
        Out hostile = run("detect", "--netns", "../../etc");
        assertEquals(ExitCodes.USAGE, hostile.exit());
        assertTrue(hostile.err().contains("invalid netns name"), hostile.err());
        assertEquals(ExitCodes.USAGE, run("detect", "--timeout", "0").exit());
        Out missing = run("detect", "--netns", "iptscope-t-absent");
        assertEquals(ExitCodes.CANNOT_INSPECT, missing.exit());
        assertTrue(missing.err().contains("not found"), missing.err());
    }

    @Test
    void versionAndNetnsListing() throws Exception {
        assertTrue(run("--version").out().startsWith("iptscope "));
        try (TestNetns ns = TestNetns.create()) {
            Out r = run("netns", "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode list = new ObjectMapper().readTree(r.out());
            boolean found = false;
            boolean current = false;
            for (JsonNode e : list) {
                found |= ns.name().equals(e.path("name").asText());
                current |= e.path("current").asBoolean();
            }
            assertTrue(found, r.out());
            assertTrue(current, r.out());
            assertTrue(run("netns").out().contains("netns:" + ns.name()));
        }
    }
}
