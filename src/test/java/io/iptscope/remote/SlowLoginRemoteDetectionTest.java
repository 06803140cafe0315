package io.iptscope.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.detect.BackendEvidence;
import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRecord;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.exec.RecordingRunner;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.KubeRules;
import io.iptscope.testing.TestNetns;
import io.iptscope.testing.TestSshd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A host whose every ssh session costs half a second before the command runs: a remote detection
 * batches each phase into one session, and still concludes exactly what the local one does.
 */
class SlowLoginRemoteDetectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static List<String> conclusions(Inspection i) {
        List<String> out = new ArrayList<>();
        i.verdicts().forEach(v -> out.add("verdict " + v.strategy() + " " + v.family().id() + " " + v.backend()
                + " " + v.confidence()));
        i.findings().forEach(f -> out.add("finding " + f.id() + " " + (f.family() == null ? "" : f.family().id())));
        for (Backend b : Backend.values()) {
            for (Family f : Family.values()) {
                BackendEvidence e = i.observation().evidence().of(b, f);
                out.add("evidence " + b + " " + f.id() + " " + e.status() + " rules=" + e.ruleCount()
                        + " chains=" + e.chainCount() + " markers=" + e.markers() + " lines=" + e.dumpLines());
            }
        }
        i.observation().binaries().binaries().forEach(bin -> out.add("binary " + bin.name() + " " + bin.path()
                + " " + bin.version() + " " + bin.mode()));
        return out;
    }

    @Test
    void aDetectionRunsInAFewSessionsAndConcludesWhatTheLocalOneDoes() throws Exception {
        try (TestSshd sshd = TestSshd.start(true, Duration.ofMillis(500)); TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-legacy-restore", "*nat\n:PREROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
                    + "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\nCOMMIT\n");
            ns.restore("iptables-nft-restore", KubeRules.generate(2000, false));
            Inspection local = new Detector(new LocalRunner(), TIMEOUT).inspect(ns.target(),
                    new BinarySource.ProcessPath());
            try (RemoteHost host = Runners.remote(HostEntry.of(TestSshd.DESTINATION, PrivilegeMode.AUTO),
                    sshd.clientOptions(), HostKeyPrompt.REFUSE, question -> Optional.empty())) {
                host.connect();
                long before = sshd.sessions();
                CommandLog log = new CommandLog();
                Inspection remote = new Detector(new RecordingRunner(host.runner(), log), TIMEOUT)
                        .inspect(ns.target(), new BinarySource.ProcessPath());
                long sessions = sshd.sessions() - before;
                assertEquals(conclusions(local), conclusions(remote));
                List<CommandRecord> commands = log.snapshot();
                // Every command is still in the log on its own, with its own exit code and output size.
                assertTrue(commands.size() >= 2 * sessions, commands.size() + " commands in " + sessions + " sessions: "
                        + commands.stream().map(CommandRecord::commandLine).toList());
                assertTrue(commands.stream().anyMatch(r -> r.argv().contains("--net=" + ns.path())));
                // Before batching: 35 sessions. Now: netns check with uname, PATH, the listing with the alternatives,
                // versions, two reads, the native tables, the kernel's configuration.
                assertTrue(sessions <= 10, sessions + " ssh sessions for one detection");
            }
        }
    }
}
