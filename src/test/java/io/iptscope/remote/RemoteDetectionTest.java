package io.iptscope.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.detect.Strategies;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.Privilege;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.exec.RecordingRunner;
import io.iptscope.iptables.Iptables;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.KubeRules;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detection, save and restore of a netns made here, inspected through ssh to 127.0.0.1: the same
 * verdicts, findings and evidence as the same detection run locally.
 */
class RemoteDetectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static TestSshd sshd;
    private static RemoteHost host;

    @BeforeAll
    static void connect() {
        sshd = TestSshd.start();
        host = Runners.remote(HostEntry.of(TestSshd.DESTINATION, PrivilegeMode.AUTO), sshd.clientOptions(),
                HostKeyPrompt.REFUSE, question -> Optional.empty());
    }

    @AfterAll
    static void disconnect() {
        if (host != null) {
            host.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    /** Everything a detection concludes, as comparable text. */
    private static List<String> conclusions(Inspection i) {
        List<String> out = new ArrayList<>();
        i.verdicts().forEach(v -> out.add("verdict " + v.strategy() + " " + v.family().id() + " " + v.backend()));
        i.findings().forEach(f -> out.add("finding " + f.id() + " " + (f.family() == null ? "" : f.family().id())));
        for (Backend b : Backend.values()) {
            for (Family f : Family.values()) {
                BackendEvidence e = i.observation().evidence().of(b, f);
                out.add("evidence " + b + " " + f.id() + " " + e.status() + " rules=" + e.ruleCount()
                        + " chains=" + e.chainCount() + " markers=" + e.markers());
            }
        }
        return out;
    }

    private static Inspection detect(CommandRunner runner, TestNetns ns) throws Exception {
        return new Detector(runner, TIMEOUT).inspect(ns.target(), new BinarySource.ProcessPath());
    }

    private static void assertSameAsLocal(TestNetns ns) throws Exception {
        Inspection local = detect(new LocalRunner(), ns);
        CommandLog log = new CommandLog();
        Inspection remote = detect(new RecordingRunner(host.runner(), log), ns);
        assertEquals(conclusions(local), conclusions(remote));
        assertTrue(log.snapshot().stream().allMatch(r -> r.host().equals(TestSshd.DESTINATION)));
        assertTrue(log.snapshot().stream().anyMatch(r -> r.argv().contains("--net=" + ns.path())),
                "the remote commands entered the netns");
    }

    @Test
    void anEmptyNetnsGivesTheLocalVerdicts() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            assertSameAsLocal(ns);
        }
    }

    @Test
    void rulesInBothBackendsGiveTheLocalVerdictsAndFindings() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*nat\n:PREROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
                    + "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\nCOMMIT\n");
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -j ACCEPT\n"
                    + "-A INPUT -p udp -j ACCEPT\nCOMMIT\n");
            Inspection remote = detect(host.runner(), ns);
            assertTrue(remote.findings().stream().anyMatch(f -> f.id().equals("both-backends-hold-rules")));
            assertSameAsLocal(ns);
        }
    }

    @Test
    void aKubeProxyRulesetWithTheKubeletHintGivesTheLocalVerdicts() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", KubeRules.generate(2000, false));
            ns.restore("iptables-nft-restore", "*mangle\n:KUBE-IPTABLES-HINT - [0:0]\nCOMMIT\n");
            Inspection remote = detect(host.runner(), ns);
            assertTrue(remote.observation().evidence().of(Backend.NFT, Family.IPV4).ruleCount() >= 2000);
            assertSameAsLocal(ns);
        }
    }

    @Test
    void rootOnTheRemoteRunsDirect() {
        assertInstanceOf(Privilege.Direct.class, host.privilege());
    }

    @Test
    void saveAndRestoreGoThroughSsh() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p icmp -j ACCEPT\nCOMMIT\n");
            Iptables ipt = new Detector(host.runner(), TIMEOUT).iptables(ns.target(), new BinarySource.ProcessPath(),
                    Strategies.byId(Strategies.RECOMMENDED.id()).orElseThrow());
            CommandResult saved = ipt.save(Family.IPV4, false);
            assertTrue(saved.ok(), saved.summary());
            assertTrue(saved.stdoutText().contains("-A INPUT -p icmp -j ACCEPT"), saved.stdoutText());

            String replaced = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                    + "-A INPUT -s 192.0.2.7/32 -m comment --comment \"not $(x) `y`\" -j DROP\nCOMMIT\n";
            CommandResult restored = ipt.restore(Family.IPV4, replaced.getBytes(StandardCharsets.UTF_8), false, false);
            assertTrue(restored.ok(), restored.summary() + restored.stderrText());
            String now = ns.exec("iptables-nft-save", "-t", "filter").stdoutText();
            assertTrue(now.contains("-A INPUT -s 192.0.2.7/32 -m comment --comment \"not $(x) `y`\" -j DROP"), now);
            assertTrue(now.contains(":FORWARD DROP"), now);
            assertTrue(!now.contains("-p icmp"), "the restore replaced the table: " + now);
        }
    }

    @Test
    void aHostileNetnsNameIsRejectedBeforeAnythingRuns() {
        long logins = sshd.acceptedLogins();
        CommandLog log = new CommandLog();
        RecordingRunner recording = new RecordingRunner(host.ssh(), log);
        for (String hostile : List.of("x; touch /tmp/iptscope-pwned", "$(id)", "../../proc/1/ns/net", "a b", "-x")) {
            assertThrows(IllegalArgumentException.class,
                    () -> new Detector(recording, TIMEOUT).inspect(new NetnsTarget.Named(hostile),
                            new BinarySource.ProcessPath()), hostile);
        }
        assertThrows(IllegalArgumentException.class, () -> NetnsTarget.parse("path:/run/netns/x;id"));
        assertEquals(List.of(), log.snapshot(), "nothing ran");
        assertEquals(logins, sshd.acceptedLogins());
    }
}
