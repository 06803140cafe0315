package io.iptscope.detect;

import io.iptscope.iptables.WatchEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds flushes in a watch's events: a large share of a table's rules gone in one burst (the events of
 * one read, close together), many rules gone from one chain, or the watch's own flush events (a canary
 * gone, every rule gone). Kubernetes' canaries catch only the tables they live in; this catches
 * {@code iptables -t nat -F} too. Not thread-safe: feed it from one thread.
 */
public final class FlushDetector {

    /** Below this many rules gone, a burst is an ordinary change, whatever the share. */
    static final int MIN_RULES = 10;
    /** The share of a table's rules that, gone in one burst, is a flush. */
    static final double SHARE = 0.5;
    /** Rules gone from one chain (or a table of unknown size) in one burst that are a flush by themselves. */
    static final int MANY_RULES = 100;

    /**
     * A flush: where, how many rules are gone (so far, in this burst) of how many, in words.
     *
     * @param before the table's rules before the burst; null when unknown or for a chain
     */
    public record Alarm(String backend, String family, String table, String chain, int removed, Integer before,
                        String text) {

        static Alarm counted(WatchEvent e, String chain, int removed, Integer before) {
            String where = (chain == null ? e.table() : e.table() + "/" + chain) + " of " + e.backend() + " "
                    + e.family();
            String share = before == null ? removed + " rules" : removed + " of " + before + " rules";
            return new Alarm(e.backend(), e.family(), e.table(), chain, removed, before, "FLUSH " + where + ": "
                    + share + " gone at once" + (e.writer() == null ? "" : " (by " + e.writer() + ")"));
        }
    }

    private final Duration burstGap;
    private final Map<String, Integer> tableRules = new HashMap<>();
    private final Map<String, Burst> bursts = new HashMap<>();

    private static final class Burst {
        Instant last;
        final Map<String, Integer> removedPerTable = new HashMap<>();
        final Map<String, Integer> removedPerChain = new HashMap<>();
        final Map<String, Integer> startPerTable = new HashMap<>();
    }

    /** @param burstGap events of one backend and family closer than this belong to one burst */
    public FlushDetector(Duration burstGap) {
        this.burstGap = burstGap;
    }

    /** Tells how many rules a table holds (from the detection), so a share of it can be judged. */
    public void seed(String backend, String family, String table, int rules) {
        tableRules.put(backend + " " + family + " " + table, rules);
    }

    /** Takes the next event; an alarm when it is a flush or part of one (repeated with the growing count). */
    public Optional<Alarm> accept(WatchEvent e) {
        if ("flush".equals(e.type())) {
            return Optional.of(new Alarm(e.backend(), e.family(), e.table(), e.chain(), 0, null, "FLUSH "
                    + (e.backend() == null ? "" : e.backend() + " " + e.family() + ": ") + e.detail()
                    + (e.writer() == null ? "" : " (by " + e.writer() + ")")));
        }
        String key = e.backend() + " " + e.family();
        String tableKey = key + " " + e.table();
        if ("rule-added".equals(e.type())) {
            tableRules.computeIfPresent(tableKey, (k, n) -> n + 1);
            return Optional.empty();
        }
        if (!"rule-removed".equals(e.type()) || e.table() == null) {
            return Optional.empty();
        }
        Instant at = time(e);
        Burst burst = bursts.get(key);
        if (burst == null || at.isAfter(burst.last.plus(burstGap))) {
            burst = new Burst();
            bursts.put(key, burst);
        }
        burst.last = at;
        Integer known = tableRules.get(tableKey);
        if (known != null) {
            burst.startPerTable.putIfAbsent(e.table(), known);
            tableRules.put(tableKey, Math.max(0, known - 1));
        }
        int fromTable = burst.removedPerTable.merge(e.table(), 1, Integer::sum);
        int fromChain = burst.removedPerChain.merge(e.table() + "/" + e.chain(), 1, Integer::sum);
        Integer before = burst.startPerTable.get(e.table());
        boolean tableFlush = before == null ? fromTable >= MANY_RULES
                : fromTable >= MIN_RULES && fromTable >= SHARE * before;
        if (tableFlush) {
            return Optional.of(Alarm.counted(e, null, fromTable, before));
        }
        if (fromChain >= MANY_RULES) {
            return Optional.of(Alarm.counted(e, e.chain(), fromChain, null));
        }
        return Optional.empty();
    }

    private static Instant time(WatchEvent e) {
        if (e.time() == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(e.time());
        } catch (DateTimeParseException x) {
            return Instant.now();
        }
    }
}
