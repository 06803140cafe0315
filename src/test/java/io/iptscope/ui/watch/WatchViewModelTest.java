package io.iptscope.ui.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.iptables.WatchEvent;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import io.iptscope.ui.common.Placeholder;
import io.iptscope.ui.task.SyncTaskRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class WatchViewModelTest {

    private final LinkedBlockingQueue<WatchEvent> seen = new LinkedBlockingQueue<>();

    private WatchEvent next(Predicate<WatchEvent> p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            WatchEvent e = seen.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && p.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event");
    }

    @Test
    void theTimelineShowsChangesAndAFlushRaisesTheAlarmUntilAcknowledged() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            LocalRunner runner = new LocalRunner();
            Duration t = Duration.ofSeconds(10);
            Endpoint ep = new Endpoint(runner, ns.target(), new Discovery(runner, t)
                    .discover(new BinarySource.ProcessPath()), t);
            WatchViewModel vm = new WatchViewModel(new SyncTaskRunner());
            vm.events().addListener((ListChangeListener<WatchEvent>) c -> {
                while (c.next()) {
                    seen.addAll(c.getAddedSubList());
                }
            });
            vm.toggle(Optional.empty());
            assertFalse(vm.watchingProperty().get());
            assertTrue(vm.statusProperty().get().startsWith("Nothing to watch"));

            vm.toggle(Optional.of(ep));
            assertTrue(vm.watchingProperty().get());
            assertTrue(vm.statusProperty().get().startsWith("Watching netns:" + ns.name()), vm.statusProperty().get());
            ns.exec("iptables-nft", "-A", "INPUT", "-p", "tcp", "--dport", "25", "-j", "REJECT");
            WatchEvent added = next(e -> e.type() == WatchEvent.Type.RULE_ADDED);
            assertTrue(added.rule().contains("--dport 25"), added.rule());
            assertTrue(vm.alarmProperty().get().isEmpty());

            ns.exec("nft", "flush", "ruleset");
            next(e -> e.type() == WatchEvent.Type.FLUSH);
            assertTrue(vm.alarmProperty().get().startsWith("FLUSH nft ipv4"), vm.alarmProperty().get());
            vm.acknowledge();
            assertTrue(vm.alarmProperty().get().isEmpty());

            vm.toggle(Optional.of(ep));
            assertFalse(vm.watchingProperty().get());
            assertTrue(vm.statusProperty().get().startsWith("Stopped"), vm.statusProperty().get());
            assertTrue(vm.events().get(0).time().compareTo(vm.events().get(vm.events().size() - 1).time()) >= 0,
                    "newest first");
        }
    }

    /** A target that disappears under the watch is said in the status, not left at "Watching". */
    @Test
    void aWatchThatLosesItsTargetSaysSo() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            LocalRunner runner = new LocalRunner();
            Duration t = Duration.ofSeconds(10);
            Endpoint ep = new Endpoint(runner, ns.target(), new Discovery(runner, t)
                    .discover(new BinarySource.ProcessPath()), t);
            WatchViewModel vm = new WatchViewModel(new SyncTaskRunner());
            vm.events().addListener((ListChangeListener<WatchEvent>) c -> {
                while (c.next()) {
                    seen.addAll(c.getAddedSubList());
                }
            });
            vm.toggle(Optional.of(ep));
            assertTrue(vm.statusProperty().get().startsWith("Watching"), vm.statusProperty().get());
            ns.close();
            // Reads of the gone netns fail: the watch reports them (error per read, watch-lost when all fail).
            next(e -> e.type() == WatchEvent.Type.WATCH_LOST || e.type() == WatchEvent.Type.ERROR);
            String status = vm.statusProperty().get();
            assertTrue(status.startsWith("⚠ Watch lost: ") || status.startsWith("⚠ Watch error: "), status);
            assertTrue(status.contains(ns.name()), status);
            vm.toggle(Optional.of(ep));
            assertFalse(vm.watchingProperty().get());
        }
    }

    @Test
    void aFlushOfNatAfterKubeProxysRulesRaisesTheAlarmAsOneBurst() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            ns.restore("iptables-nft-restore", io.iptscope.testing.KubeRules.generate(2000, false));
            LocalRunner runner = new LocalRunner();
            Duration t = Duration.ofSeconds(30);
            io.iptscope.detect.Inspection seenBefore = new io.iptscope.detect.Detector(runner, t)
                    .inspect(ns.target(), new BinarySource.ProcessPath());
            Endpoint ep = new Endpoint(runner, ns.target(), seenBefore.observation().binaries(), t);
            WatchViewModel vm = new WatchViewModel(new SyncTaskRunner());
            vm.baseline(seenBefore.observation().evidence());
            vm.events().addListener((ListChangeListener<WatchEvent>) c -> {
                while (c.next()) {
                    seen.addAll(c.getAddedSubList());
                }
            });
            vm.toggle(Optional.of(ep));
            next(e -> e.type() == WatchEvent.Type.SNAPSHOT && e.backend() == Backend.NFT && e.family() == Family.IPV4);
            ns.exec("iptables-nft", "-t", "nat", "-F");
            next(e -> e.type() == WatchEvent.Type.RULE_REMOVED && "nat".equals(e.table()));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // The first alarm may name nat's PREROUTING, emptied first; the alarm grows to the table as the burst does.
            while (!vm.alarmProperty().get().startsWith("FLUSH nat of") && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            String alarm = vm.alarmProperty().get();
            vm.toggle(Optional.of(ep));
            assertTrue(alarm.startsWith("FLUSH nat of nft ipv4: "), "a flush of nat alone raises the alarm: " + alarm);
            assertTrue(alarm.matches(".*: \\d+ of \\d+ rules gone at once.*"), alarm);
            WatchRow burst = vm.rows().stream().filter(WatchRow::burst).findFirst().orElseThrow();
            assertTrue(burst.flush() && burst.members().size() > 100, "one expandable line: " + burst.type());
            assertTrue(burst.type().startsWith("⚠ FLUSH · "), burst.type());
            assertTrue(vm.rows().size() < 20, "bursts are grouped: " + vm.rows().size() + " lines");
            vm.filterProperty().set("KUBE-SVC-zzz-none");
            assertTrue(vm.rows().isEmpty());
            vm.filterProperty().set("nat");
            assertTrue(vm.rows().contains(burst));
        }
    }

    @Test
    void theEventTableSaysNotWatchingStartingWhyTheStartFailedOrThatTheFilterHidesEvents() {
        SyncTaskRunner tasks = SyncTaskRunner.holding();
        WatchViewModel vm = new WatchViewModel(tasks);
        assertEquals(Placeholder.State.NOT_READ, vm.eventsPlaceholder().stateProperty().get());
        assertTrue(vm.eventsPlaceholder().textProperty().get().startsWith("Not watching"));
        // The start is held, never run: the endpoint's runner is not used, its binaries are none.
        vm.toggle(Optional.of(new Endpoint(new LocalRunner(), new NetnsTarget.Current(),
                new io.iptscope.discover.BinaryInventory("PATH", List.of(), List.of(), List.of(), null),
                Duration.ofSeconds(1))));
        assertEquals(Placeholder.State.READING, vm.eventsPlaceholder().stateProperty().get());
        assertEquals("Starting the watch…", vm.eventsPlaceholder().textProperty().get());
        tasks.failLast(new java.io.IOException("nft monitor: Operation not permitted"));
        assertFalse(vm.watchingProperty().get());
        assertEquals(Placeholder.State.FAILED, vm.eventsPlaceholder().stateProperty().get());
        assertEquals("The watch could not start: nft monitor: Operation not permitted",
                vm.eventsPlaceholder().textProperty().get(), "not 'no event yet'");

        vm.add(new WatchEvent(java.time.Instant.now(), WatchEvent.Type.RULE_ADDED, Backend.NFT, Family.IPV4, "filter",
                "INPUT", "-A INPUT -j DROP", null, null));
        vm.filterProperty().set("no-such-chain");
        assertTrue(vm.rows().isEmpty());
        assertEquals("No event matches ‘no-such-chain’: the filter hides 1 row (Esc clears it)",
                vm.eventsPlaceholder().textProperty().get());
    }
}
