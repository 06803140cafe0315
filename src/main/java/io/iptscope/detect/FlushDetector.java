package io.iptscope.detect;

import io.iptscope.iptables.WatchEvent;
import io.iptscope.rules.Backend;
import io.iptscope.rules.BuiltinChains;
import io.iptscope.rules.Family;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds flushes in a watch's events: a large share of a table's or a chain's rules gone in one burst (the
 * events of one read, close together), or the watch's own flush events (a canary gone, every rule gone).
 * Kubernetes' canaries catch only the tables they live in; this catches {@code iptables -t nat -F} and
 * {@code iptables -F INPUT} too. Not thread-safe: feed it from one thread.
 *
 * <p>Shares, not counts, because rulesets differ by orders of magnitude: kube-proxy's KUBE-SERVICES of a big
 * cluster loses hundreds of rules when a namespace is deleted, which is routine, while a host firewall of
 * 40 rules losing all 40 is not.
 */
public final class FlushDetector {

    /**
     * Below this many rules gone from a table or chain, a burst is an ordinary change, whatever the share:
     * kube-proxy and Docker rewrite and empty their small chains all the time (a service's chain, KUBE-NODEPORTS).
     */
    static final int MIN_RULES = 10;
    /** The share of a table's or chain's rules that, gone in one burst, is a flush. */
    static final double SHARE = 0.5;
    /** Rules gone from a table or chain of unknown size (not seeded, not seen created) that are a flush anyway. */
    static final int MANY_RULES = 100;

    /**
     * A flush: where, how many rules are gone (so far, in this burst) of how many, in words.
     *
     * @param chain  null when the table as a whole lost the share
     * @param before the table's or chain's rules before the burst; null when unknown
     */
    public record Alarm(Backend backend, Family family, String table, String chain, int removed, Integer before,
                        String text) {

        static Alarm counted(WatchEvent e, String chain, int removed, Integer before) {
            String where = (chain == null ? e.table() : e.table() + "/" + chain) + " of " + e.backend().id() + " "
                    + e.family().id();
            String share = before == null ? removed + " rules" : removed + " of " + before + " rules";
            return new Alarm(e.backend(), e.family(), e.table(), chain, removed, before, "FLUSH " + where + ": "
                    + share + " gone at once" + (e.writer() == null ? "" : " (by " + e.writer() + ")"));
        }
    }

    private record Side(Backend backend, Family family) {
    }

    /** A table, or with a chain a chain, of one backend and family. */
    private record Place(Side side, String table, String chain) {
    }

    private final Duration burstGap;
    /** Rules per table and per chain, as seeded and kept up to date by the events. */
    private final Map<Place, Integer> rules = new HashMap<>();
    private final Map<Side, Burst> bursts = new HashMap<>();

    private static final class Burst {
        Instant last;
        final Map<Place, Integer> removed = new HashMap<>();
        final Map<Place, Integer> start = new HashMap<>();
        /** Chains deleted in this burst: their rules went with them, which is a deletion, not a flush. */
        final Set<Place> deleted = new HashSet<>();
    }

    /** @param burstGap events of one backend and family closer than this belong to one burst */
    public FlushDetector(Duration burstGap) {
        this.burstGap = burstGap;
    }

    /** Tells how many rules each table and chain of a read holds (from the detection), so a share can be judged. */
    public void seed(BackendEvidence evidence) {
        if (!evidence.readable()) {
            return;
        }
        for (TableEvidence t : evidence.tables()) {
            seed(evidence.backend(), evidence.family(), t.name(), t.rules());
            t.chainFacts().forEach(c -> seedChain(evidence.backend(), evidence.family(), t.name(), c.name(),
                    c.rules()));
        }
    }

    void seed(Backend backend, Family family, String table, int count) {
        rules.put(new Place(new Side(backend, family), table, null), count);
    }

    void seedChain(Backend backend, Family family, String table, String chain, int count) {
        rules.put(new Place(new Side(backend, family), table, chain), count);
    }

    /** Takes the next event; an alarm when it is a flush or part of one (repeated with the growing count). */
    public Optional<Alarm> accept(WatchEvent e) {
        if (e.type() == WatchEvent.Type.FLUSH) {
            return Optional.of(new Alarm(e.backend(), e.family(), e.table(), e.chain(), 0, null, "FLUSH "
                    + (e.backend() == null ? "" : e.backend().id() + " " + e.family().id() + ": ") + e.detail()
                    + (e.writer() == null ? "" : " (by " + e.writer() + ")")));
        }
        if (e.backend() == null || e.table() == null || e.chain() == null) {
            return Optional.empty();
        }
        Side side = new Side(e.backend(), e.family());
        Place table = new Place(side, e.table(), null);
        Place chain = new Place(side, e.table(), e.chain());
        switch (e.type()) {
            case RULE_ADDED -> {
                rules.computeIfPresent(table, (k, n) -> n + 1);
                rules.computeIfPresent(chain, (k, n) -> n + 1);
                return Optional.empty();
            }
            case CHAIN_ADDED -> {
                rules.put(chain, 0);
                return Optional.empty();
            }
            case CHAIN_REMOVED -> {
                burst(side, e).deleted.add(chain);
                return Optional.empty();
            }
            case RULE_REMOVED -> {
                return removed(burst(side, e), table, chain, e);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private Optional<Alarm> removed(Burst burst, Place table, Place chain, WatchEvent e) {
        int fromTable = count(burst, table);
        int fromChain = count(burst, chain);
        Integer tableBefore = burst.start.get(table);
        if (flush(fromTable, tableBefore)) {
            return Optional.of(Alarm.counted(e, null, fromTable, tableBefore));
        }
        Integer chainBefore = burst.start.get(chain);
        // A base chain emptied is a flush at any size: it is what `iptables -F` does to a small host firewall,
        // and no tool that manages rules empties the hooks it depends on.
        boolean baseEmptied = chainBefore != null && fromChain == chainBefore
                && BuiltinChains.isBuiltin(e.table(), e.chain());
        if (!burst.deleted.contains(chain) && (flush(fromChain, chainBefore) || baseEmptied)) {
            return Optional.of(Alarm.counted(e, e.chain(), fromChain, chainBefore));
        }
        return Optional.empty();
    }

    /** One more rule gone from a table or chain in this burst; how many so far. */
    private int count(Burst burst, Place place) {
        Integer known = rules.get(place);
        if (known != null) {
            burst.start.putIfAbsent(place, known);
            rules.put(place, Math.max(0, known - 1));
        }
        return burst.removed.merge(place, 1, Integer::sum);
    }

    private static boolean flush(int removed, Integer before) {
        return before == null ? removed >= MANY_RULES : removed >= MIN_RULES && removed >= SHARE * before;
    }

    /** The burst this event belongs to: the current one of its backend and family, or a new one after a pause. */
    private Burst burst(Side side, WatchEvent e) {
        Instant at = e.time() == null ? Instant.now() : e.time();
        Burst burst = bursts.get(side);
        if (burst == null || at.isAfter(burst.last.plus(burstGap))) {
            burst = new Burst();
            bursts.put(side, burst);
        }
        burst.last = at;
        return burst;
    }
}
