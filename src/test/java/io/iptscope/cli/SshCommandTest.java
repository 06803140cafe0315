package io.iptscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iptscope.remote.HostStore;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --ssh} on the commands, against the test sshd. */
class SshCommandTest {

    private static TestSshd sshd;

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

    private static DetectCommandTest.Out run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ssh", TestSshd.DESTINATION, "--ssh-config", sshd.clientOptions().get(1)));
        return DetectCommandTest.run(all.toArray(String[]::new));
    }

    @Test
    void detectOverSshReportsTheDestinationAsHost() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p icmp -j ACCEPT\nCOMMIT\n");
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -j ACCEPT\nCOMMIT\n");
            DetectCommandTest.Out r = run("detect", "--netns", ns.name(), "--json");
            assertEquals(ExitCodes.FINDINGS, r.exit(), r.err());
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertEquals(TestSshd.DESTINATION, json.path("host").asText());
            assertEquals("netns:" + ns.name(), json.path("target").path("spec").asText());
            for (JsonNode c : json.path("commands")) {
                assertEquals(TestSshd.DESTINATION, c.path("host").asText());
            }
        }
    }

    @Test
    void aSavedHostIsUsedByItsName(@TempDir Path config) throws Exception {
        String old = System.getProperty(HostStore.CONFIG_HOME_PROPERTY);
        System.setProperty(HostStore.CONFIG_HOME_PROPERTY, config.toString());
        try {
            DetectCommandTest.Out added = DetectCommandTest.run("hosts", "add", "loop", TestSshd.DESTINATION,
                    "--privilege", "direct");
            assertEquals(ExitCodes.OK, added.exit(), added.err());
            DetectCommandTest.Out list = DetectCommandTest.run("hosts", "list");
            assertTrue(list.out().contains("loop") && list.out().contains("direct"), list.out());
            assertTrue(Files.readString(config.resolve("iptscope/hosts.json")).contains(TestSshd.DESTINATION));

            DetectCommandTest.Out r = DetectCommandTest.run("detect", "--ssh", "loop", "--ssh-config",
                    sshd.clientOptions().get(1), "--json");
            assertTrue(r.exit() == ExitCodes.OK || r.exit() == ExitCodes.FINDINGS, r.err());
            assertEquals(TestSshd.DESTINATION, new ObjectMapper().readTree(r.out()).path("host").asText());

            assertEquals(ExitCodes.OK, DetectCommandTest.run("hosts", "rm", "loop").exit());
            assertEquals(ExitCodes.USAGE, DetectCommandTest.run("hosts", "rm", "loop").exit());
            assertEquals(ExitCodes.USAGE, DetectCommandTest.run("hosts", "add", "x", "node;id").exit());
        } finally {
            if (old == null) {
                System.clearProperty(HostStore.CONFIG_HOME_PROPERTY);
            } else {
                System.setProperty(HostStore.CONFIG_HOME_PROPERTY, old);
            }
        }
    }

    @Test
    void netnsOverSshListsTheRemoteNamespaces() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            DetectCommandTest.Out r = run("netns", "--json");
            assertEquals(ExitCodes.OK, r.exit(), r.err());
            assertTrue(r.out().contains("\"" + ns.name() + "\""), r.out());
        }
    }

    @Test
    void aHostileNetnsNameIsAUsageErrorAndNothingConnects() {
        long logins = sshd.acceptedLogins();
        Path marker = Path.of("/tmp/iptscope-hostile-" + ProcessHandle.current().pid());
        for (String[] args : List.of(new String[] {"detect", "--netns", "x;touch " + marker},
                new String[] {"detect", "--netns", "$(touch " + marker + ")"},
                new String[] {"detect", "--netns-path", "/run/netns/x `touch " + marker + "`"})) {
            DetectCommandTest.Out r = run(args);
            assertEquals(ExitCodes.USAGE, r.exit(), r.err());
            assertTrue(r.err().contains("invalid netns"), r.err());
        }
        assertFalse(Files.exists(marker));
        assertEquals(logins, sshd.acceptedLogins(), "no ssh login at all");
    }

    @Test
    void anUnreachableHostExitsWithTheConnectionCode() {
        DetectCommandTest.Out r = run("detect", "--ssh-option", "Port=1");
        assertEquals(ExitCodes.CONNECTION, r.exit(), r.err());
        assertTrue(r.err().contains("cannot connect to " + TestSshd.DESTINATION), r.err());
    }

    @Test
    void anUnknownHostKeyIsRefusedWithoutATerminal() {
        sshd.writeKnownHosts("");
        try {
            DetectCommandTest.Out r = run("detect");
            assertEquals(ExitCodes.CONNECTION, r.exit(), r.err());
            assertTrue(r.err().contains("not accepted"), r.err());
        } finally {
            sshd.trustHostKey();
        }
    }

    @Test
    void aChangedHostKeyCannotBeWaivedWithSshOptions() throws Exception {
        // known_hosts holds another key for the host: what an intercepted connection looks like.
        Path other = Files.createTempDirectory("iptscope-otherkey");
        try {
            new io.iptscope.exec.LocalRunner().run(io.iptscope.exec.Command.of("ssh-keygen", "-q", "-t", "ed25519",
                    "-N", "", "-f", other.resolve("k").toString()));
            String otherKey = Files.readString(other.resolve("k.pub")).strip().split(" ")[0] + " "
                    + Files.readString(other.resolve("k.pub")).strip().split(" ")[1];
            sshd.writeKnownHosts("[127.0.0.1]:" + sshd.port() + " " + otherKey + "\n");
            long logins = sshd.acceptedLogins();
            for (String weakening : List.of("KnownHostsCommand=/bin/echo " + sshd.knownHostsLine(),
                    "StrictHostKeyChecking=no", "UserKnownHostsFile=/dev/null", "GlobalKnownHostsFile=/dev/null",
                    "ProxyCommand=nc 127.0.0.1 " + sshd.port(), "HostKeyAlias=elsewhere", "CheckHostIP=no",
                    "-F /dev/null", "Include /dev/null")) {
                DetectCommandTest.Out r = run("detect", "--ssh-option", weakening);
                assertEquals(ExitCodes.USAGE, r.exit(), weakening + ": " + r.err());
                assertTrue(r.err().contains("is not allowed"), r.err());
            }
            DetectCommandTest.Out allowed = run("detect", "--ssh-option", "ConnectTimeout=5");
            assertEquals(ExitCodes.CONNECTION, allowed.exit(), allowed.err());
            assertTrue(allowed.err().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), allowed.err());
            assertEquals(logins, sshd.acceptedLogins(), "logged in despite the changed key");
        } finally {
            sshd.trustHostKey();
            new io.iptscope.exec.LocalRunner().run(io.iptscope.exec.Command.of("rm", "-rf", other.toString()));
        }
    }

    @Test
    void sshOptionsWithoutSshAreAUsageError() {
        DetectCommandTest.Out r = DetectCommandTest.run("netns", "--privilege", "sudo-n");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    }
}
