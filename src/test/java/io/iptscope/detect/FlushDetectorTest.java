package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.iptables.WatchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Flushes told from ordinary changes by the share of a table gone in one burst. */
class FlushDetectorTest {

    private static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");

    private static WatchEvent removed(Instant at, String table, String chain) {
        return new WatchEvent(at.toString(), "rule-removed", "nft", "ipv4", table, chain, "-A " + chain + " -j X", null,
                "iptables-nft[42]");
    }

    @Test
    void mostOfATableGoneInOneBurstIsAFlushAFewRulesAreNot() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        d.seed("nft", "ipv4", "nat", 40);
        d.seed("nft", "ipv4", "filter", 400);
        for (int i = 0; i < 9; i++) {
            assertTrue(d.accept(removed(T0, "filter", "INPUT")).isEmpty(), "a few rules of a big table");
        }
        Optional<FlushDetector.Alarm> alarm = Optional.empty();
        for (int i = 0; i < 20; i++) {
            alarm = d.accept(removed(T0.plusMillis(i), "nat", "KUBE-SVC-" + i));
        }
        assertTrue(alarm.isPresent(), "half of nat gone at once");
        assertEquals("FLUSH nat of nft ipv4: 20 of 40 rules gone at once (by iptables-nft[42])", alarm.get().text());
    }

    @Test
    void removalsSpreadOverTimeAreNoBurst() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        d.seed("nft", "ipv4", "nat", 40);
        for (int i = 0; i < 30; i++) {
            assertTrue(d.accept(removed(T0.plusSeconds(5L * i), "nat", "KUBE-SVC-" + i)).isEmpty());
        }
    }

    @Test
    void manyRulesOfATableOfUnknownSizeAndTheWatchsOwnFlushEventsAlarm() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        Optional<FlushDetector.Alarm> alarm = Optional.empty();
        for (int i = 0; i < FlushDetector.MANY_RULES; i++) {
            alarm = d.accept(removed(T0, "raw", "PREROUTING"));
        }
        assertTrue(alarm.isPresent());
        assertEquals(FlushDetector.MANY_RULES, alarm.get().removed());
        WatchEvent canary = new WatchEvent(T0.toString(), "flush", "nft", "ipv4", "mangle", "KUBE-KUBELET-CANARY", null,
                "KUBE-KUBELET-CANARY is gone from mangle", null);
        assertEquals("FLUSH nft ipv4: KUBE-KUBELET-CANARY is gone from mangle", d.accept(canary).orElseThrow().text());
    }
}
