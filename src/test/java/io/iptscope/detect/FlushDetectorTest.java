package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.iptables.WatchEvent;
import io.iptscope.rules.Backend;
import io.iptscope.rules.Family;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Flushes told from ordinary changes by the share of a table or chain gone in one burst. */
class FlushDetectorTest {

    private static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");

    private static WatchEvent removed(Instant at, String table, String chain) {
        return event(at, WatchEvent.Type.RULE_REMOVED, table, chain);
    }

    private static WatchEvent event(Instant at, WatchEvent.Type type, String table, String chain) {
        return new WatchEvent(at, type, Backend.NFT, Family.IPV4, table, chain,
                type == WatchEvent.Type.CHAIN_REMOVED ? null : "-A " + chain + " -j X", null, "iptables-nft[42]");
    }

    /** Removes {@code n} rules of one chain in one burst; the last answer. */
    private static Optional<FlushDetector.Alarm> remove(FlushDetector d, int n, String table, String chain) {
        Optional<FlushDetector.Alarm> alarm = Optional.empty();
        for (int i = 0; i < n; i++) {
            alarm = d.accept(removed(T0.plusMillis(i % 100), table, chain));
        }
        return alarm;
    }

    @Test
    void mostOfATableGoneInOneBurstIsAFlushAFewRulesAreNot() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        d.seed(Backend.NFT, Family.IPV4, "nat", 40);
        d.seed(Backend.NFT, Family.IPV4, "filter", 400);
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
    void kubeProxysNatFlushedIsAnAlarmKnownSizeOrNot() {
        FlushDetector seeded = new FlushDetector(Duration.ofSeconds(1));
        seeded.seed(Backend.NFT, Family.IPV4, "nat", 1981);
        seeded.seedChain(Backend.NFT, Family.IPV4, "nat", "KUBE-SERVICES", 1981);
        FlushDetector.Alarm alarm = remove(seeded, 1981, "nat", "KUBE-SERVICES").orElseThrow();
        assertEquals(1981, alarm.removed());
        assertEquals(1981, alarm.before());
        assertEquals(null, alarm.chain(), "the table as a whole is named: " + alarm.text());

        FlushDetector unseeded = new FlushDetector(Duration.ofSeconds(1));
        assertTrue(remove(unseeded, 1981, "nat", "KUBE-SERVICES").isPresent(), "no baseline: by the count alone");
    }

    @Test
    void aFewRulesOfAHugeChainAreRoutineEvenHundreds() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        d.seed(Backend.NFT, Family.IPV4, "nat", 10_200);
        d.seedChain(Backend.NFT, Family.IPV4, "nat", "KUBE-SERVICES", 10_000);
        assertTrue(remove(d, 5, "nat", "KUBE-SERVICES").isEmpty(), "5 of 10,000");
        FlushDetector namespaceDeleted = new FlushDetector(Duration.ofSeconds(1));
        namespaceDeleted.seed(Backend.NFT, Family.IPV4, "nat", 10_200);
        namespaceDeleted.seedChain(Backend.NFT, Family.IPV4, "nat", "KUBE-SERVICES", 10_000);
        assertTrue(remove(namespaceDeleted, 600, "nat", "KUBE-SERVICES").isEmpty(),
                "600 of 10,000: more than any absolute threshold, still a small share");
    }

    @Test
    void aChainOfFortyEmptiedIsAFlushInABigTable() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        d.seed(Backend.NFT, Family.IPV4, "filter", 4000);
        d.seedChain(Backend.NFT, Family.IPV4, "filter", "f2b-sshd", 40);
        assertTrue(remove(d, FlushDetector.MIN_RULES - 1, "filter", "f2b-sshd").isEmpty(), "below the floor");
        FlushDetector.Alarm alarm = remove(d, 40 - FlushDetector.MIN_RULES + 1, "filter", "f2b-sshd").orElseThrow();
        assertEquals("FLUSH filter/f2b-sshd of nft ipv4: 40 of 40 rules gone at once (by iptables-nft[42])",
                alarm.text());
    }

    @Test
    void aChainCreatedDuringTheWatchIsJudgedByItsShareToo() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        d.seed(Backend.NFT, Family.IPV4, "filter", 4000);
        d.accept(event(T0, WatchEvent.Type.CHAIN_ADDED, "filter", "BLOCKLIST"));
        for (int i = 0; i < 30; i++) {
            d.accept(event(T0, WatchEvent.Type.RULE_ADDED, "filter", "BLOCKLIST"));
        }
        assertEquals(30, remove(d, 30, "filter", "BLOCKLIST").orElseThrow().before());
    }

    @Test
    void aDeletedChainIsNoFlushItsRulesWentWithIt() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        d.seed(Backend.NFT, Family.IPV4, "nat", 4000);
        d.seedChain(Backend.NFT, Family.IPV4, "nat", "KUBE-SVC-A", 40);
        d.accept(event(T0, WatchEvent.Type.CHAIN_REMOVED, "nat", "KUBE-SVC-A"));
        assertTrue(remove(d, 40, "nat", "KUBE-SVC-A").isEmpty(), "a service deleted by kube-proxy");
    }

    @Test
    void aSmallUserChainEmptiedIsRoutineASmallBaseChainEmptiedIsNot() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        d.seed(Backend.NFT, Family.IPV4, "filter", 4);
        d.seedChain(Backend.NFT, Family.IPV4, "filter", "KUBE-NODEPORTS", 2);
        d.seedChain(Backend.NFT, Family.IPV4, "filter", "INPUT", 2);
        assertTrue(remove(d, 2, "filter", "KUBE-NODEPORTS").isEmpty(), "kube-proxy empties it with the last NodePort");
        Instant later = T0.plusSeconds(10);
        assertTrue(d.accept(removed(later, "filter", "INPUT")).isEmpty(), "one of two rules of INPUT");
        assertEquals("FLUSH filter/INPUT of nft ipv4: 2 of 2 rules gone at once (by iptables-nft[42])",
                d.accept(removed(later, "filter", "INPUT")).orElseThrow().text());
    }

    @Test
    void removalsSpreadOverTimeAreNoBurst() {
        FlushDetector d = new FlushDetector(Duration.ofSeconds(1));
        d.seed(Backend.NFT, Family.IPV4, "nat", 40);
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
        WatchEvent canary = new WatchEvent(T0, WatchEvent.Type.FLUSH, Backend.NFT, Family.IPV4, "mangle",
                "KUBE-KUBELET-CANARY", null, "KUBE-KUBELET-CANARY is gone from mangle", null);
        assertEquals("FLUSH nft ipv4: KUBE-KUBELET-CANARY is gone from mangle", d.accept(canary).orElseThrow().text());
    }
}
