package io.iptscope.ui.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.restore.Snapshot;
import io.iptscope.restore.SnapshotStore;
import io.iptscope.restore.TransactionStore;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.diff.DiffLine;
import io.iptscope.ui.task.SyncTaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore dialog's model on a real netns: test and preview, the lock, apply, confirm or roll back. */
class RestoreViewModelTest {

    private static final String BEFORE = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p tcp --dport 22 -j ACCEPT
            COMMIT
            """;
    private static final String WANTED = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p tcp --dport 22 -j ACCEPT
            -A INPUT -p tcp --dport 8443 -j ACCEPT
            COMMIT
            """;

    @TempDir
    Path dir;

    private RestoreViewModel model(SimpleBooleanProperty readOnly) {
        SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
        return new RestoreViewModel(new SyncTaskRunner(), store, new TransactionStore(dir.resolve("txn")), readOnly);
    }

    private static Endpoint endpoint(TestNetns ns) {
        LocalRunner runner = new LocalRunner();
        Duration timeout = Duration.ofSeconds(30);
        return new Endpoint(runner, ns.target(), new Discovery(runner, timeout).discover(new BinarySource.ProcessPath()),
                timeout);
    }

    private static String nftFilter(TestNetns ns) {
        return ns.exec("iptables-nft-save", "-t", "filter").stdoutText();
    }

    @Test
    void preparingChangesNothingAndApplyWaitsForTheUnlock() {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", BEFORE);
            SimpleBooleanProperty readOnly = new SimpleBooleanProperty(true);
            RestoreViewModel vm = model(readOnly);
            vm.backendProperty().set(Backend.NFT);
            vm.choose("wanted.rules", WANTED);
            assertEquals("prepare first: --test and the preview run before anything changes",
                    vm.applyBlockedReason().get());
            assertEquals(Placeholder.State.NOT_READ, vm.previewPlaceholder().stateProperty().get());
            vm.prepare(endpoint(ns));
            assertEquals(RestorePhase.PREPARED, vm.phaseProperty().get(), vm.messageProperty().get());
            assertEquals(Placeholder.State.EMPTY, vm.previewPlaceholder().stateProperty().get());
            assertTrue(vm.preview().stream().anyMatch(l -> l.kind() == DiffLine.Kind.ADDED
                    && l.text().contains("--dport 8443")), vm.preview().toString());
            assertTrue(vm.testOutputProperty().get().startsWith("--test passed"));
            assertFalse(nftFilter(ns).contains("8443"), "preparing changed nothing");

            assertTrue(vm.applyBlockedReason().get().contains("read-only is on"));
            vm.apply();
            assertFalse(nftFilter(ns).contains("8443"), "the lock held");
            readOnly.set(false);
            assertNull(vm.applyBlockedReason().get());

            vm.choose("broken.rules", "*filter\n-A NO-SUCH-CHAIN -j ACCEPT\nCOMMIT\n");
            vm.prepare(endpoint(ns));
            assertTrue(vm.preview().isEmpty());
            assertEquals(Placeholder.State.FAILED, vm.previewPlaceholder().stateProperty().get(),
                    "a failed --test is not 'nothing would change'");
            assertTrue(vm.previewPlaceholder().textProperty().get().startsWith("The preparation failed: "),
                    vm.previewPlaceholder().textProperty().get());
        }
    }

    @Test
    void applyArmsTheSwitchAndConfirmKeepsTheRules() {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", BEFORE);
            SimpleBooleanProperty readOnly = new SimpleBooleanProperty(false);
            RestoreViewModel vm = model(readOnly);
            vm.backendProperty().set(Backend.NFT);
            vm.choose("wanted.rules", WANTED);
            vm.prepare(endpoint(ns));
            assertNull(vm.dangerProperty().get(), "adding an ACCEPT rule is not dangerous");
            vm.apply();
            assertEquals(RestorePhase.ARMED, vm.phaseProperty().get(), vm.messageProperty().get());
            assertTrue(readOnly.get(), "the lock re-engages after an apply");
            assertTrue(nftFilter(ns).contains("--dport 8443"));
            assertTrue(vm.countdownProperty().get().matches("Rolls back in \\d+ s unless confirmed"),
                    vm.countdownProperty().get());
            vm.confirm();
            assertEquals(RestorePhase.DONE, vm.phaseProperty().get());
            assertTrue(vm.messageProperty().get().startsWith("Confirmed"), vm.messageProperty().get());
            assertTrue(nftFilter(ns).contains("--dport 8443"));
            vm.tick(Instant.now().plusSeconds(3600));
            assertEquals("", vm.countdownProperty().get(), "a confirmed restore has no countdown");
        }
    }

    @Test
    void rollBackNowRestoresTheBackup() {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", BEFORE);
            RestoreViewModel vm = model(new SimpleBooleanProperty(false));
            vm.backendProperty().set(Backend.NFT);
            vm.choose("wanted.rules", WANTED);
            vm.prepare(endpoint(ns));
            vm.apply();
            assertTrue(nftFilter(ns).contains("--dport 8443"));
            vm.rollbackNow();
            assertEquals(RestorePhase.DONE, vm.phaseProperty().get());
            assertTrue(vm.messageProperty().get().startsWith("Rolled back"), vm.messageProperty().get());
            String after = nftFilter(ns);
            assertFalse(after.contains("8443"), after);
            assertTrue(after.contains("--dport 22"), after);
        }
    }

    /** Listing runs through the task runner, and a store that cannot be read is said, not shown as "no snapshots". */
    @Test
    void anUnreadableSnapshotStoreIsReportedNotShownAsEmpty() throws Exception {
        String id = SnapshotStore.newId();
        Files.createDirectories(dir.resolve("snapshots"));
        Files.writeString(dir.resolve("snapshots").resolve(id + ".json"), "{ not json");
        Files.writeString(dir.resolve("snapshots").resolve(id + ".rules"), "*filter\nCOMMIT\n");
        RestoreViewModel vm = model(new SimpleBooleanProperty(true));
        vm.refreshSnapshots();
        assertTrue(vm.messageProperty().get().startsWith("⚠ cannot list the snapshots: "), vm.messageProperty().get());
        assertTrue(vm.snapshots().isEmpty());
    }

    @Test
    void aDropPolicyOnInputIsFlaggedBeforeApplying() {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", BEFORE);
            RestoreViewModel vm = model(new SimpleBooleanProperty(true));
            vm.backendProperty().set(Backend.NFT);
            vm.choose("lockdown.rules", WANTED.replace(":INPUT ACCEPT", ":INPUT DROP"));
            vm.prepare(endpoint(ns));
            assertEquals(RestorePhase.PREPARED, vm.phaseProperty().get(), vm.messageProperty().get());
            String danger = vm.dangerProperty().get();
            assertNotNull(danger);
            assertTrue(danger.contains("INPUT (ACCEPT → DROP)") && danger.contains("SSH"), danger);
        }
    }

    @Test
    void aSnapshotOfAnotherTargetIsNotChosenWithoutAWordedYes() throws Exception {
        SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
        RestoreViewModel vm = new RestoreViewModel(new SyncTaskRunner(), store, new TransactionStore(dir.resolve("txn")),
                new SimpleBooleanProperty(true));
        vm.target("Local · netns blue", "local", "netns:blue");
        Snapshot other = store.add(new io.iptscope.restore.SnapshotMeta(SnapshotStore.newId(),
                io.iptscope.restore.SnapshotMeta.Kind.SAVE, "local", "netns:red", Backend.NFT, Family.IPV4,
                List.of("filter"), Instant.now(), "test", "1.8.11", false, null,
                0, null, "test"), BEFORE);
        Snapshot same = store.add(new io.iptscope.restore.SnapshotMeta(SnapshotStore.newId(),
                io.iptscope.restore.SnapshotMeta.Kind.SAVE, "local", "netns:blue", Backend.NFT, Family.IPV4,
                List.of("filter"), Instant.now(), "test", "1.8.11", false, null,
                0, null, "test"), BEFORE);
        assertEquals("Local · netns blue · nft · ipv4", vm.targetProperty().get());
        assertNull(vm.foreign(same));
        assertTrue(vm.foreign(other).contains("from local · netns:red"), vm.foreign(other));

        vm.chooseSnapshot(other, false);
        assertEquals("nothing chosen", vm.inputNameProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("⚠ not chosen"), vm.messageProperty().get());
        vm.chooseSnapshot(other, true);
        assertTrue(vm.inputNameProperty().get().contains("ANOTHER TARGET"), vm.inputNameProperty().get());
        vm.chooseSnapshot(same, false);
        assertTrue(vm.inputNameProperty().get().contains("from local · netns:blue"), vm.inputNameProperty().get());
    }
}
