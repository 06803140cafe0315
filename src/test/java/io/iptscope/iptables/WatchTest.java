package io.iptscope.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.discover.BinaryInventory;
import io.iptscope.discover.BinarySource;
import io.iptscope.exec.LocalRunner;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.WatchEvent;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import io.iptscope.testing.TestNetns;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class WatchTest {

    private static final Duration T = Duration.ofSeconds(10);
    private final LinkedBlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

    private Watch watch(TestNetns ns, Duration interval, List<Backend> canary) {
        LocalRunner runner = new LocalRunner();
        BinaryInventory bins = new Discovery(runner, T).discover(new BinarySource.ProcessPath());
        Watch w = new Watch(runner, ns.target(), bins, T, new Watch.Options(interval, false, canary), events::add);
        w.start();
        return w;
    }

    /** The first event that matches, skipping others; fails after a generous bound (a hang, not a speed test). */
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

    private static List<Long> nftMonitors() {
        return ProcessHandle.current().descendants().filter(h -> h.info().arguments().map(a -> List.of(a)
                .contains("monitor")).orElse(false)).map(ProcessHandle::pid).toList();
    }

    @Test
    void nftChangesArriveAsEventsWithTheirWriterAndAFlushIsLoud() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            // Polling every minute: only the monitor can deliver the nft events below in time.
            try (Watch w = watch(ns, Duration.ofMinutes(1), List.of())) {
                next(e -> e.type() == WatchEvent.Type.SNAPSHOT && e.backend() == Backend.NFT && e.family() == Family.IPV4);
                // The first change may fall in the monitor's start-up gap; the watch's catch-up read sees it.
                ns.exec("iptables-nft", "-N", "WARMUP");
                next(e -> e.type() == WatchEvent.Type.CHAIN_ADDED && "WARMUP".equals(e.chain()));
                ns.exec("iptables-nft", "-A", "INPUT", "-s", "192.0.2.9", "-j", "DROP");
                WatchEvent added = next(e -> e.type() == WatchEvent.Type.RULE_ADDED);
                assertEquals(Backend.NFT, added.backend());
                assertEquals("filter", added.table());
                assertEquals("INPUT", added.chain());
                assertEquals("-A INPUT -s 192.0.2.9/32 -j DROP", added.rule());
                assertTrue(added.writer().startsWith("iptables-nft["), added.writer());

                ns.exec("nft", "flush", "ruleset");
                WatchEvent flush = next(e -> e.type() == WatchEvent.Type.FLUSH);
                assertTrue(flush.detail().contains("ALL 1 nft ipv4 rules are gone"), flush.detail());
                assertEquals(1, nftMonitors().size());
            }
            assertEquals(List.of(), nftMonitors(), "the monitor outlived the watch");
        }
    }

    @Test
    void legacyIsSeenWithinOnePollAndTheCanaryComesAndGoes() throws Exception {
        try (TestNetns ns = TestNetns.create()) {
            try (Watch w = watch(ns, Duration.ofMillis(500), List.of(Backend.NFT))) {
                WatchEvent snap = next(e -> e.type() == WatchEvent.Type.SNAPSHOT && e.backend() == Backend.NFT
                        && e.family() == Family.IPV4);
                assertTrue(snap.detail().contains(Watch.CANARY), snap.detail());
                ns.restore("iptables-legacy-restore", "*nat\n:PREROUTING ACCEPT [0:0]\n:DOCKER - [0:0]\n"
                        + "-A PREROUTING -j DOCKER\nCOMMIT\n");
                WatchEvent chain = next(e -> e.type() == WatchEvent.Type.CHAIN_ADDED && e.backend() == Backend.LEGACY);
                assertEquals("nat", chain.table());
                WatchEvent rule = next(e -> e.type() == WatchEvent.Type.RULE_ADDED && e.backend() == Backend.LEGACY);
                assertEquals("-A PREROUTING -j DOCKER", rule.rule());

                // Someone flushes mangle: our canary is gone, which is the flush signal.
                ns.exec("iptables-nft", "-t", "mangle", "-X", Watch.CANARY);
                WatchEvent gone = next(e -> e.type() == WatchEvent.Type.FLUSH && Watch.CANARY.equals(e.chain()));
                assertEquals(Backend.NFT, gone.backend());
                ns.exec("iptables-nft", "-t", "mangle", "-N", Watch.CANARY);
                next(e -> e.type() == WatchEvent.Type.CANARY && Watch.CANARY.equals(e.chain()));
            }
            assertFalse(ns.exec("iptables-nft-save", "-t", "mangle").stdoutText().contains(Watch.CANARY),
                    "the canary it made must go with the watch");
        }
    }
}
