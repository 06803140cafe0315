package io.iptscope.ui.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.Tool;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.report.DetectionReport;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestContainer;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.task.SyncTaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the rule browser runs a container's binaries in the container's mount namespace, where
 * they exist, against the chosen netns (it used to run the container's paths on the host).
 */
class RulesLiveFromAContainerTest {

    private static final Duration T = Duration.ofSeconds(10);

    @Test
    void aContainersSaveBinaryReadsTheChosenNetns() throws Exception {
        List<String> names = new ArrayList<>();
        for (ToolKind k : ToolKind.values()) {
            names.add(Tool.of(Family.IPV4, Variant.NFT, k).name());
        }
        try (TestContainer ctr = TestContainer.start(names, Requirements.which("xtables-nft-multi"));
             TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 192.0.2.8/32 -j ACCEPT\nCOMMIT\n");
            LocalRunner runner = new LocalRunner();
            BinarySource source = new BinarySource.Container(ctr.pid(), null);
            Inspection inspection = new Detector(runner, T).inspect(ns.target(), source);
            ShownReport shown = new ShownReport(DetectionReport.of(inspection, "local", List.of(), Instant.now()),
                    ReportOrigin.LIVE, ns.target(), PrivilegeMode.DIRECT, source.describe(), null);

            RulesViewModel vm = new RulesViewModel(new SyncTaskRunner());
            vm.backendProperty().set(Backend.NFT);
            vm.familyProperty().set(Family.IPV4);
            vm.loadLive(shown, runner);
            assertNull(vm.errorProperty().get());
            assertEquals("1 of 1 rules shown", vm.countProperty().get());
        }
    }
}
