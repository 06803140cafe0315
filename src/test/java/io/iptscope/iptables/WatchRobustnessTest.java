package io.iptscope.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.Running;
import io.iptscope.exec.SshConnectionException;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.WatchEvent;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The watch never dies silently: failed reads and an ended monitor are events, and the watch goes on. */
class WatchRobustnessTest {

    private static final Duration T = Duration.ofSeconds(10);
    private final LinkedBlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

    /**
     * The local runner, until {@link #broken} is set: then every command fails as a lost SSH connection
     * does. A fake only for that fault, which the real transport cannot produce on demand mid-poll.
     */
    private static final class Breakable implements CommandRunner {
        private final LocalRunner local = new LocalRunner();
        volatile boolean broken;

        @Override
        public CommandResult run(Command command) {
            if (broken) {
                throw new SshConnectionException(host(), SshConnectionException.Reason.LOST, "connection lost");
            }
            return local.run(command);
        }

        @Override
        public String host() {
            return "test";
        }

        @Override
        public Running start(Command command, Consumer<String> onLine) {
            return local.start(command, onLine);
        }
    }

    private Watch watch(TestNetns ns, CommandRunner runner) {
        BinaryInventory bins = new Discovery(new LocalRunner(), T).discover(new BinarySource.ProcessPath());
        Watch w = new Watch(runner, ns.target(), bins, T, new Watch.Options(Duration.ofMillis(300), false, List.of()),
                events::add);
        w.start();
        return w;
    }

    private WatchEvent next(Predicate<WatchEvent> p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            WatchEvent e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && p.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no such event; left: " + events);
    }

    private static List<ProcessHandle> nftMonitors() {
        return ProcessHandle.current().descendants().filter(h -> h.info().arguments().map(a -> List.of(a)
                .contains("monitor")).orElse(false)).toList();
    }

    @Test
    void aFailingPollIsReportedAsLostAndTheWatchResumes() throws Exception {
        Breakable runner = new Breakable();
        try (TestNetns ns = TestNetns.create(); Watch w = watch(ns, runner)) {
            next(e -> e.type() == WatchEvent.Type.SNAPSHOT && e.backend() == Backend.LEGACY && e.family() == Family.IPV6);
            runner.broken = true;
            WatchEvent lost = next(e -> e.type() == WatchEvent.Type.WATCH_LOST);
            assertTrue(lost.detail().contains("connection lost"), lost.detail());
            runner.broken = false;
            next(e -> e.type() == WatchEvent.Type.WATCH_RESUMED);
            // The schedule survived: a legacy change is still seen by the poll.
            ns.exec("iptables-legacy", "-w", "5", "-A", "INPUT", "-s", "192.0.2.4", "-j", "DROP");
            WatchEvent added = next(e -> e.type() == WatchEvent.Type.RULE_ADDED && e.backend() == Backend.LEGACY);
            assertEquals("-A INPUT -s 192.0.2.4/32 -j DROP", added.rule());
        }
    }

    @Test
    void anNftMonitorThatEndsIsReportedAndNftIsPolledInstead() throws Exception {
        try (TestNetns ns = TestNetns.create(); Watch w = watch(ns, new LocalRunner())) {
            next(e -> e.type() == WatchEvent.Type.SNAPSHOT && e.backend() == Backend.NFT);
            List<ProcessHandle> monitors = nftMonitors();
            assertEquals(1, monitors.size(), "one nft monitor runs");
            assertTrue(monitors.get(0).destroy());
            WatchEvent ended = next(e -> e.type() == WatchEvent.Type.MONITOR_ENDED);
            assertEquals(Backend.NFT, ended.backend());
            assertTrue(ended.detail().contains("polled"), ended.detail());
            ns.exec("iptables-nft", "-A", "INPUT", "-s", "192.0.2.6", "-j", "DROP");
            WatchEvent added = next(e -> e.type() == WatchEvent.Type.RULE_ADDED && e.backend() == Backend.NFT);
            assertEquals("-A INPUT -s 192.0.2.6/32 -j DROP", added.rule());
        }
    }
}
