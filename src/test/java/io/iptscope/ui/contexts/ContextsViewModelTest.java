package io.iptscope.ui.contexts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.detect.VerdictBackend;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.Tool;
import io.iptscope.discover.ToolKind;
import io.iptscope.discover.Variant;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.rules.Family;
import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.task.SyncTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextsViewModelTest {

    @Test
    void anImageWithOnlyNftBinariesIsMarkedWhereTheRulesAreInLegacy(@TempDir Path dir) throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            String multi = Requirements.which("xtables-nft-multi");
            for (Family f : Family.values()) {
                for (Variant v : List.of(Variant.PLAIN, Variant.NFT)) {
                    for (ToolKind k : ToolKind.values()) {
                        Files.createSymbolicLink(dir.resolve(Tool.of(f, v, k).name()), Path.of(multi));
                    }
                }
            }
            ns.restore("iptables-legacy-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.7.0.0/16 -j DROP\nCOMMIT\n");
            LocalRunner runner = new LocalRunner();
            Duration t = Duration.ofSeconds(10);
            Endpoint ep = new Endpoint(runner, ns.target(), new Discovery(runner, t)
                    .discover(new BinarySource.ProcessPath()), t);
            ContextsViewModel vm = new ContextsViewModel(new SyncTaskRunner());
            vm.extraSourcesProperty().set(dir.toString());
            assertEquals(Placeholder.State.NOT_READ, vm.rowsPlaceholder().stateProperty().get());
            vm.build(Optional.of(ep), false);
            assertEquals(Placeholder.State.EMPTY, vm.findingsPlaceholder().stateProperty().get());

            assertEquals(2, vm.rows().size());
            ContextRow host = vm.rows().get(0);
            ContextRow image = vm.rows().get(1);
            assertEquals("PATH", host.source());
            assertTrue(host.agrees());
            assertEquals(VerdictBackend.LEGACY, host.ipv4().chosen());
            assertFalse(image.agrees());
            assertTrue(ContextRow.describe(image.ipv4()).startsWith("≠ nft"), ContextRow.describe(image.ipv4()));
            assertEquals(1, vm.findings().size());
            assertTrue(vm.summaryProperty().get().startsWith("2 binary sources × 1 network namespace with ")
                    && vm.summaryProperty().get().contains(": 1 context would write"), vm.summaryProperty().get());
            vm.extraSourcesProperty().set("relative/dir");
            vm.build(Optional.of(ep), false);
            assertTrue(vm.summaryProperty().get().startsWith("Binary sources: "), vm.summaryProperty().get());
        }
    }

    @Test
    void theMatrixSaysBuildingWhileItIsBuiltAndWhyItFailedNotThatItIsEmpty() {
        SyncTaskRunner tasks = SyncTaskRunner.holding();
        ContextsViewModel vm = new ContextsViewModel(tasks);
        assertEquals("No matrix yet: build it (Ctrl+M)", vm.rowsPlaceholder().textProperty().get());
        // The work is held, never run: the endpoint's runner is not used, its binaries are none.
        vm.build(Optional.of(new Endpoint(new LocalRunner(), new NetnsTarget.Current(),
                new io.iptscope.discover.BinaryInventory("PATH", List.of(), List.of(), List.of(), null),
                Duration.ofSeconds(1))),
                false);
        for (Placeholder p : List.of(vm.rowsPlaceholder(), vm.findingsPlaceholder())) {
            assertEquals(Placeholder.State.READING, p.stateProperty().get());
            assertEquals("Building the context matrix…", p.textProperty().get());
        }
        tasks.failLast(new java.io.IOException("cannot read /proc/1/ns/net"));
        for (Placeholder p : List.of(vm.rowsPlaceholder(), vm.findingsPlaceholder())) {
            assertEquals(Placeholder.State.FAILED, p.stateProperty().get());
            assertEquals("The context matrix could not be built: cannot read /proc/1/ns/net", p.textProperty().get());
        }
        assertTrue(vm.rows().isEmpty());
    }

    @Test
    void oneFindingPerBinarySourceNotOnePerNetnsAndFamily() {
        java.util.List<io.iptscope.detect.Finding> repeated = new java.util.ArrayList<>();
        for (String ns : java.util.List.of("current", "pid:10", "pid:20")) {
            for (io.iptscope.rules.Family f : io.iptscope.rules.Family.values()) {
                repeated.add(new io.iptscope.detect.Finding("context-disagrees", io.iptscope.detect.Severity.ERROR, f,
                        "binaries from container:10 in " + ns + " would choose legacy (recommended) but the " + f.id()
                                + " rules are in nft", "impact", "action"));
            }
        }
        repeated.add(new io.iptscope.detect.Finding("version-skew", io.iptscope.detect.Severity.WARNING, null, "old",
                "impact", "action"));
        repeated.add(new io.iptscope.detect.Finding("version-skew", io.iptscope.detect.Severity.WARNING, null, "old",
                "impact", "action"));
        java.util.List<io.iptscope.detect.Finding> shown = ContextsViewModel.collapse(repeated);
        assertEquals(2, shown.size(), shown.toString());
        assertTrue(shown.get(0).message().startsWith("6×: binaries from container:10 in current would choose legacy"),
                shown.get(0).message());
        assertTrue(shown.get(0).message().contains("; in pid:20 would choose"), shown.get(0).message());
        assertEquals("old", shown.get(1).message());
    }
}
