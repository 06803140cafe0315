package io.iptscope.ui.rules;

import static io.iptscope.ui.common.PlaceholderAssert.assertSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.iptscope.detect.Detector;
import io.iptscope.detect.Inspection;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.report.DetectionReport;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.common.ReportOrigin;
import io.iptscope.ui.common.ShownReport;
import io.iptscope.ui.task.SyncTaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live read the rule browser refuses before it starts says why where the rules would be, not how to read rules
 * (which the operator has just tried); a ruleset already shown stays.
 */
class RulesLiveRefusedTest {

    @Test
    void theEmptyRuleTableSaysWhyTheReadWasRefused() throws Exception {
        LocalRunner runner = new LocalRunner();
        RulesViewModel vm = new RulesViewModel(new SyncTaskRunner());
        vm.loadLive(null, runner);
        String notLive = "rules can only be read from a live detection: press F5 first, or open a save file";
        assertEquals(notLive, vm.errorProperty().get());
        assertSays(Placeholder.State.NOT_READ, "Not read: " + notLive, vm.rowsPlaceholder());
        assertSays(Placeholder.State.NOT_READ, "No rules read yet", vm.treePlaceholder());

        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 192.0.2.8/32 -j ACCEPT\n"
                    + "COMMIT\n");
            BinarySource host = new BinarySource.ProcessPath();
            Inspection inspection = new Detector(runner, Duration.ofSeconds(10)).inspect(ns.target(), host);
            ShownReport shown = new ShownReport(DetectionReport.of(inspection, "local", List.of(), Instant.now()),
                    ReportOrigin.LIVE, ns.target(), PrivilegeMode.DIRECT, host.describe(), null);
            vm.familyProperty().set(Family.IPV4);
            vm.backendProperty().set(Backend.LEGACY);
            vm.loadLive(shown, runner);
            String noLegacy = "legacy ipv4 has no tables in the kernel (/proc): there are no rules to read";
            assertEquals(noLegacy, vm.errorProperty().get());
            assertSays(Placeholder.State.NOT_READ, "Not read: " + noLegacy, vm.rowsPlaceholder());

            vm.backendProperty().set(Backend.NFT);
            vm.loadLive(shown, runner);
            assertNull(vm.errorProperty().get());
            assertEquals("1 of 1 rules shown", vm.countProperty().get());
            vm.backendProperty().set(Backend.LEGACY);
            vm.loadLive(shown, runner);
            assertEquals(noLegacy, vm.errorProperty().get());
            assertEquals("1 of 1 rules shown", vm.countProperty().get(), "the nft rules read before stay");
            assertSays(Placeholder.State.EMPTY, "No rules in filter (all chains)", vm.rowsPlaceholder());
        }
    }
}
