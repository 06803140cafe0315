package io.iptscope.ui.diff;

import static io.iptscope.ui.common.PlaceholderAssert.assertSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.Saver;
import io.iptscope.restore.SnapshotMeta;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.MismatchScenario;
import io.iptscope.ui.common.Placeholder;
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
        assertEquals("*filter", shown.get(0));
        assertEquals(":INPUT  [(no owner)]  1 only in a.rules · 1 only in b.rules · policy DROP → ACCEPT",
                shown.get(1).replace("only in A", "only in a.rules").replace("only in B", "only in b.rules"));
        assertTrue(shown.contains("~ policy DROP → ACCEPT"), shown.toString());
        assertTrue(shown.stream().anyMatch(l -> l.startsWith("- #1 ") && l.contains("--dport 22")), shown.toString());
        assertTrue(shown.stream().anyMatch(l -> l.startsWith("+ #2 ") && l.contains("--dport 443")), shown.toString());
        assertTrue(vm.summaryProperty().get().startsWith("A = a.rules, B = b.rules: 1 rules only in A, 1 only in B"),
                vm.summaryProperty().get());
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
            store.add(new SnapshotMeta(SnapshotStore.newId(), SnapshotMeta.Kind.SAVE, ep.host(), ns.target().spec(),
                    Backend.LEGACY, Family.IPV4, saved.tables(), java.time.Instant.now(), "test", saved.iptablesVersion(), true, null, 0,
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
            assertTrue(vm.summaryProperty().get().contains("0 rules only in A, 1 only in B"),
                    vm.summaryProperty().get());
        }
    }

    @Test
    void theTablesSayNotComparedFailedOrTheSameAndAnUnlistableStoreIsNotEmpty() throws Exception {
        Path same = Files.writeString(dir.resolve("same.rules"), "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");
        // A snapshot whose description is not JSON: listing the store fails.
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("20261202-120000-abcd.json"), "{ not json");
        Files.writeString(broken.resolve("20261202-120000-abcd.rules"), "*filter\nCOMMIT\n");
        DiffViewModel vm = new DiffViewModel(new SyncTaskRunner(), new SnapshotStore(broken));
        assertEquals(Placeholder.State.NOT_READ, vm.sectionsPlaceholder().stateProperty().get());
        vm.modeProperty().set(DiffMode.FILE_VS_FILE);
        vm.fileAProperty().set(same);
        vm.fileBProperty().set(dir.resolve("missing.rules"));
        vm.compare(Optional.empty());
        assertEquals(Placeholder.State.FAILED, vm.sectionsPlaceholder().stateProperty().get());
        assertTrue(vm.sectionsPlaceholder().textProperty().get().startsWith("The comparison failed: "),
                vm.sectionsPlaceholder().textProperty().get());
        vm.fileBProperty().set(same);
        vm.compare(Optional.empty());
        assertEquals(Placeholder.State.EMPTY, vm.sectionsPlaceholder().stateProperty().get());
        assertEquals("same.rules and same.rules hold the same rules", vm.sectionsPlaceholder().textProperty().get());

        vm.refreshSnapshots();
        assertTrue(vm.snapshots().isEmpty());
        assertEquals(Placeholder.State.FAILED, vm.snapshotsPlaceholder().stateProperty().get(),
                "a store that cannot be listed is not 'no snapshots yet': "
                        + vm.snapshotsPlaceholder().textProperty().get());
        DiffViewModel fine = new DiffViewModel(new SyncTaskRunner(), new SnapshotStore(dir.resolve("s")));
        fine.refreshSnapshots();
        assertEquals(Placeholder.State.EMPTY, fine.snapshotsPlaceholder().stateProperty().get());
        assertTrue(fine.snapshotsPlaceholder().textProperty().get().startsWith("No snapshots yet"));
    }

    /** A TreeView has no placeholder of its own: the model says what the tree of lines shows while it has none. */
    @Test
    void theTreeOfLinesSaysNoComparisonComparingFailedOrWhyItIsEmpty() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.rules"), "# nothing saved\n");
        Path same = Files.writeString(dir.resolve("same.rules"), "*filter\n:INPUT ACCEPT [0:0]\n"
                + "-A INPUT -j ACCEPT\nCOMMIT\n");
        SyncTaskRunner held = SyncTaskRunner.holding();
        DiffViewModel vm = new DiffViewModel(held, new SnapshotStore(dir.resolve("s")));
        Placeholder tree = vm.linesPlaceholder();
        assertSays(Placeholder.State.NOT_READ, "No comparison yet", tree);
        vm.modeProperty().set(DiffMode.FILE_VS_FILE);
        vm.fileAProperty().set(same);
        vm.fileBProperty().set(same);
        vm.compare(Optional.empty());
        assertSays(Placeholder.State.READING, "Comparing…", tree);
        held.failLast(new java.io.IOException("same.rules: Permission denied"));
        assertTrue(vm.lines().isEmpty());
        assertSays(Placeholder.State.FAILED, "Not read: the comparison failed (its reason is above)", tree);
        assertEquals("The comparison failed: same.rules: Permission denied",
                vm.sectionsPlaceholder().textProperty().get(), "the reason once, in the table above the tree");

        DiffViewModel live = new DiffViewModel(new SyncTaskRunner(), new SnapshotStore(dir.resolve("s")));
        live.modeProperty().set(DiffMode.FILE_VS_FILE);
        live.fileAProperty().set(empty);
        live.fileBProperty().set(empty);
        live.compare(Optional.empty());
        assertTrue(live.lines().isEmpty(), live.lines().toString());
        assertSays(Placeholder.State.EMPTY, "empty.rules and empty.rules hold the same rules",
                live.linesPlaceholder());
        live.fileAProperty().set(same);
        live.compare(Optional.empty());
        live.filterTextProperty().set("docker");
        assertTrue(live.lines().isEmpty(), live.lines().toString());
        assertSays(Placeholder.State.EMPTY, "No differing chain mentions ‘docker’ (1 differ; clear the filter to see "
                + "them)", live.linesPlaceholder());
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
            String summary = vm.summaryProperty().get();
            assertTrue(summary.startsWith("A = legacy ipv4 (live), B = nft ipv4 (live): "), summary);
            assertTrue(summary.contains("\n  docker: 3 chains and 6 rules only in A"), summary);
            assertTrue(summary.contains("\n  kube-proxy: ") && summary.contains("only in B"), summary);
            assertFalse(summary.contains("kube-proxy: " + "0") || summary.matches("(?s).*docker:[^\n]*only in B.*"),
                    "docker is only in legacy: " + summary);
            assertTrue(vm.lines().stream().anyMatch(l -> l.kind() == DiffLine.Kind.CHAIN_ONE_SIDED
                    && l.text().startsWith(":DOCKER-USER  [docker]  chain only in A")), vm.lines().toString());
            assertTrue(vm.lines().stream().anyMatch(l -> l.kind() == DiffLine.Kind.REMOVED
                    && l.display().equals("    - #1 -A DOCKER-USER -j RETURN")), vm.lines().toString());
            assertTrue(vm.lines().stream().anyMatch(l -> l.kind() == DiffLine.Kind.TABLE
                    && l.table().equals("mangle")), "the hint chains are only in nft");
            assertTrue(vm.lines().stream().noneMatch(l -> l.kind() == DiffLine.Kind.CHANGED),
                    "docker's and kubernetes' rules are not paired by place: " + vm.lines());
        }
    }

    private static final String LEGACY = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :DOCKER - [0:0]
            -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
            -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
            -A DOCKER -i docker0 -j RETURN
            COMMIT
            """;
    private static final String NFT = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :KUBE-SERVICES - [0:0]
            :KUBE-POSTROUTING - [0:0]
            -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
            -A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
            -A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -j KUBE-SVC-NPX46M4PTMTKRN6Y
            -A KUBE-POSTROUTING -j RETURN
            COMMIT
            *filter
            :INPUT ACCEPT [0:0]
            -A INPUT -m comment --comment "a" -j ACCEPT
            COMMIT
            """;

    @Test
    void rulesArePairedByIdentityNotByPlaceAndSummedPerOwner() {
        DiffReport r = DiffViewModel.diff(new DiffSide("legacy", LEGACY), new DiffSide("nft", NFT));
        DiffReport.Section pre = r.sections().stream().filter(s -> s.chain().equals("PREROUTING")).findFirst()
                .orElseThrow();
        assertEquals(DiffReport.Side.BOTH, pre.side());
        assertEquals(0, pre.changed(), "-j DOCKER and -j KUBE-SERVICES are two rules, not one changed: " + pre.lines());
        assertEquals(1, pre.onlyA());
        assertEquals(1, pre.onlyB());
        DiffReport.OwnerTotal docker = r.owners().stream().filter(o -> o.owner().equals("docker")).findFirst()
                .orElseThrow();
        assertEquals(new DiffReport.OwnerTotal("docker", 1, 0, 2, 0, 0), docker,
                "the DOCKER chain and its rule plus PREROUTING's jump to it");
        DiffReport.OwnerTotal kube = r.owners().stream().filter(o -> o.owner().equals("kube-proxy")).findFirst()
                .orElseThrow();
        assertEquals(2, kube.chainsOnlyB());
        assertEquals(0, kube.rulesOnlyA());
        assertEquals(4, kube.rulesOnlyB());
        assertEquals("docker: 1 chain and 2 rules only in legacy", docker.describe("legacy", "nft"));
        assertEquals(List.of("PREROUTING", "POSTROUTING"), r.sections().stream()
                .filter(s -> s.side() == DiffReport.Side.BOTH).map(DiffReport.Section::chain).toList());
    }

    @Test
    void aRuleThatKeepsItsCommentAndTargetIsChanged() {
        DiffReport r = DiffViewModel.diff(new DiffSide("a", """
                *filter
                :INPUT ACCEPT [0:0]
                -A INPUT -s 10.0.0.1/32 -m comment --comment "web" -j ACCEPT
                COMMIT
                """), new DiffSide("b", """
                *filter
                :INPUT ACCEPT [0:0]
                -A INPUT -s 10.0.0.2/32 -m comment --comment "web" -j ACCEPT
                COMMIT
                """));
        assertEquals(1, r.sections().get(0).changed());
        assertEquals(0, r.sections().get(0).onlyA());
    }

    @Test
    void oneSidedChainsFoldIntoOneStopAndTheFilterKeepsWhatMentionsIt() throws Exception {
        Path a = Files.writeString(dir.resolve("legacy.rules"), LEGACY);
        Path b = Files.writeString(dir.resolve("nft.rules"), NFT);
        DiffViewModel vm = new DiffViewModel(new SyncTaskRunner(), new SnapshotStore(dir.resolve("s")));
        vm.modeProperty().set(DiffMode.FILE_VS_FILE);
        vm.fileAProperty().set(a);
        vm.fileBProperty().set(b);
        vm.compare(Optional.empty());
        List<DiffLine> lines = List.copyOf(vm.lines());
        List<String> stops = new java.util.ArrayList<>();
        for (int i = vm.nextChange(-1); i >= 0; i = vm.nextChange(i)) {
            stops.add(lines.get(i).kind() + " " + lines.get(i).chain());
        }
        assertEquals(List.of("REMOVED PREROUTING", "ADDED PREROUTING", "REMOVED POSTROUTING", "ADDED POSTROUTING",
                "CHAIN_ONE_SIDED DOCKER", "CHAIN_ONE_SIDED KUBE-SERVICES", "CHAIN_ONE_SIDED KUBE-POSTROUTING"),
                stops.subList(0, 7), "a chain only one side holds is one stop, not one per rule");
        DiffLine last = lines.get(vm.previousChange(lines.size()));
        assertEquals(DiffLine.Kind.CHAIN_ONE_SIDED, last.kind());
        assertEquals("INPUT", last.chain(), "filter's INPUT is only in nft");
        assertEquals(-1, vm.previousChange(vm.nextChange(-1)));
        int alike = lines.indexOf(new DiffLine(DiffLine.Kind.ALIKE, "nat", null,
                "1 chain holds the same rules on both sides"));
        assertTrue(alike > 0, lines.toString());
        assertEquals(new DiffLine(DiffLine.Kind.ALIKE_CHAIN, "nat", "OUTPUT", ":OUTPUT"), lines.get(alike + 1));

        vm.filterTextProperty().set("docker");
        assertTrue(vm.sections().stream().allMatch(s -> s.owner().equals("docker") || s.lines().stream()
                .anyMatch(l -> l.text().toLowerCase().contains("docker"))), vm.sections().toString());
        assertTrue(vm.lines().stream().noneMatch(l -> l.text().contains("KUBE-SERVICES")), vm.lines().toString());
        vm.filterTextProperty().set("");
        assertEquals(lines, vm.lines());
    }
}
