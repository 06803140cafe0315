package io.iptscope.ui.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.discover.Discovery;
import io.iptscope.exec.LocalRunner;
import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.Saver;
import io.iptscope.restore.SnapshotMeta;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.MismatchScenario;
import io.iptscope.ui.task.SyncTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffViewModelTest {

    @TempDir
    Path dir;

    @Test
    void twoFilesDifferPerChainWithMarkers() throws Exception {
        Path a = Files.writeString(dir.resolve("a.rules"), """
                *filter
                :INPUT DROP [0:0]
                -A INPUT -p tcp --dport 22 -j ACCEPT
                -A INPUT -p tcp --dport 80 -j ACCEPT
                COMMIT
                """);
        Path b = Files.writeString(dir.resolve("b.rules"), """
                *filter
                :INPUT ACCEPT [0:0]
                -A INPUT -p tcp --dport 80 -j ACCEPT
                -A INPUT -p tcp --dport 443 -j ACCEPT
                COMMIT
                """);
        DiffViewModel vm = new DiffViewModel(new SyncTaskRunner(), new SnapshotStore(dir.resolve("s")));
        vm.modeProperty().set(DiffMode.FILE_VS_FILE);
        vm.compare(Optional.empty());
        assertTrue(vm.summaryProperty().get().contains("choose both files"), vm.summaryProperty().get());
        vm.fileAProperty().set(a);
        vm.fileBProperty().set(b);
        vm.compare(Optional.empty());
        List<String> shown = vm.lines().stream().map(DiffLine::display).map(String::strip).toList();
        assertEquals("*filter  (differs)", shown.get(0));
        assertEquals(":INPUT  (differs)", shown.get(1));
        assertTrue(shown.contains("~ policy DROP → ACCEPT"), shown.toString());
        assertTrue(shown.stream().anyMatch(l -> l.startsWith("- #1 ") && l.contains("--dport 22")), shown.toString());
        assertTrue(shown.stream().anyMatch(l -> l.startsWith("+ #2 ") && l.contains("--dport 443")), shown.toString());
        assertTrue(vm.summaryProperty().get().startsWith("a.rules → b.rules: 1 rules only in the second, 1 only in "
                + "the first"), vm.summaryProperty().get());
    }

    @Test
    void aSnapshotComparesWithTheLiveBackendItWasTakenFrom() throws Exception {
        try (TestNetns ns = MismatchScenario.create(20)) {
            LocalRunner runner = new LocalRunner();
            Duration timeout = Duration.ofSeconds(30);
            Endpoint ep = new Endpoint(runner, ns.target(),
                    new Discovery(runner, timeout).discover(new BinarySource.ProcessPath()), timeout);
            SnapshotStore store = new SnapshotStore(dir.resolve("s"));
            Saver.Saved saved = Saver.save(ep, Backend.LEGACY, Family.IPV4, List.of(), true);
            store.add(new SnapshotMeta(SnapshotStore.newId(), "save", ep.host(), ns.target().spec(), "legacy", "ipv4",
                    saved.tables(), java.time.Instant.now().toString(), "test", saved.iptablesVersion(), true, null, 0,
                    null, null), saved.text());
            ns.exec("iptables-legacy", "-w", "-A", "DOCKER-USER", "-s", "203.0.113.0/24", "-j", "DROP");

            DiffViewModel vm = new DiffViewModel(new SyncTaskRunner(), store);
            vm.modeProperty().set(DiffMode.SNAPSHOT_VS_LIVE);
            vm.refreshSnapshots();
            assertEquals(1, vm.snapshots().size());
            vm.snapshotProperty().set(vm.snapshots().get(0));
            vm.compare(Optional.of(ep));
            assertTrue(vm.lines().stream().anyMatch(l -> l.kind() == DiffLine.Kind.ADDED
                    && l.text().contains("203.0.113.0/24")), vm.lines().toString());
            assertTrue(vm.summaryProperty().get().contains("1 rules only in the second"), vm.summaryProperty().get());
        }
    }

    @Test
    void legacyVersusNftOfARealNetnsNeedsALiveTarget() {
        DiffViewModel vm = new DiffViewModel(new SyncTaskRunner(), new SnapshotStore(dir.resolve("s")));
        vm.compare(Optional.empty());
        assertTrue(vm.summaryProperty().get().contains("needs a live detection"));
        try (TestNetns ns = MismatchScenario.create(20)) {
            LocalRunner runner = new LocalRunner();
            Duration timeout = Duration.ofSeconds(30);
            Endpoint ep = new Endpoint(runner, ns.target(),
                    new Discovery(runner, timeout).discover(new BinarySource.ProcessPath()), timeout);
            vm.compare(Optional.of(ep));
            assertTrue(vm.summaryProperty().get().startsWith("legacy ipv4 (live) → nft ipv4 (live): "),
                    vm.summaryProperty().get());
            assertTrue(vm.lines().stream().anyMatch(l -> l.kind() == DiffLine.Kind.CHAIN
                    && l.display().equals("  :DOCKER-USER  (only in the first)")), "docker's chain is only in legacy");
            assertTrue(vm.lines().stream().anyMatch(l -> l.kind() == DiffLine.Kind.REMOVED
                    && l.display().equals("    - #1 -A DOCKER-USER -j RETURN")), vm.lines().toString());
            assertTrue(vm.lines().stream().anyMatch(l -> l.kind() == DiffLine.Kind.TABLE
                    && l.table().equals("mangle")), "the hint chains are only in nft");
        }
    }
}
