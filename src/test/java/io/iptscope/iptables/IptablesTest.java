package io.iptscope.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.detect.Detector;
import io.iptscope.detect.IptscopeStrategy;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRecord;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.RecordingRunner;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IptablesTest {

    private static final List<String> RULE = List.of("-s", "10.1.2.3/32", "-p", "tcp", "--dport", "8080", "-j", "ACCEPT");

    @Test
    void writesGoToTheBackendHoldingTheRulesWithTheLegacyLockWait() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n");
            CommandLog log = new CommandLog();
            Iptables ipt = new Detector(new RecordingRunner(new LocalRunner(), log), Duration.ofSeconds(10))
                    .iptables(ns.target(), new BinarySource.ProcessPath(), new IptscopeStrategy());
            assertEquals(Backend.LEGACY, ipt.backend(Family.IPV4));

            assertFalse(ipt.ensureChain(Family.IPV4, "filter", "IPTSCOPE-TEST"), "first call creates the chain");
            assertTrue(ipt.ensureChain(Family.IPV4, "filter", "IPTSCOPE-TEST"), "second call finds it");
            assertFalse(ipt.ensureRule(Family.IPV4, Iptables.Position.APPEND, "filter", "IPTSCOPE-TEST", RULE));
            assertTrue(ipt.ensureRule(Family.IPV4, Iptables.Position.APPEND, "filter", "IPTSCOPE-TEST", RULE));
            assertTrue(ipt.insert(Family.IPV4, "filter", "INPUT", List.of("-j", "IPTSCOPE-TEST")).ok());

            String legacy = ns.exec("iptables-legacy-save").stdoutText();
            assertEquals(1, count(legacy, "-A IPTSCOPE-TEST -s 10.1.2.3/32 -p tcp -m tcp --dport 8080 -j ACCEPT"));
            assertTrue(legacy.contains("-A INPUT -j IPTSCOPE-TEST\n-A INPUT -j ACCEPT"), legacy);
            assertEquals("", ns.exec("iptables-nft-save").stdoutText(), "nothing may land in nft");

            CommandRecord write = log.snapshot().stream().filter(c -> c.argv().contains("-N")).findFirst().orElseThrow();
            assertTrue(write.argv().containsAll(List.of("-w", "5")), write.commandLine());
            assertTrue(ipt.save(Family.IPV4, false).stdoutText().contains("IPTSCOPE-TEST"));
        }
    }

    @Test
    void restoreAndDeleteUseTheChosenBackendToo() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("ip6tables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n");
            Iptables ipt = new Detector(new LocalRunner(), Duration.ofSeconds(10))
                    .iptables(ns.target(), new BinarySource.ProcessPath(), new IptscopeStrategy());
            assertEquals(Backend.NFT, ipt.backend(Family.IPV6));
            String input = "*filter\n:INPUT ACCEPT [0:0]\n:X - [0:0]\n-A X -p udp --dport 53 -j ACCEPT\nCOMMIT\n";
            assertTrue(ipt.restore(Family.IPV6, input.getBytes(StandardCharsets.UTF_8), true, false).ok());
            assertTrue(ipt.delete(Family.IPV6, "filter", "INPUT", List.of("-j", "ACCEPT")).ok());
            String saved = ns.exec("ip6tables-nft-save").stdoutText();
            assertTrue(saved.contains("-A X -p udp -m udp --dport 53 -j ACCEPT"), saved);
            assertFalse(saved.contains("-A INPUT -j ACCEPT"), saved);
            IptablesException e = assertThrows(IptablesException.class,
                    () -> ipt.ensureRule(Family.IPV6, Iptables.Position.PREPEND, "filter", "NO-SUCH-CHAIN", RULE));
            assertTrue(e.getMessage().contains("NO-SUCH-CHAIN"), e.getMessage());
        }
    }

    private static int count(String text, String line) {
        return (int) text.lines().filter(line::equals).count();
    }
}
