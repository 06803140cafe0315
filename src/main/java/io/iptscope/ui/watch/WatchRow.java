package io.iptscope.ui.watch;

import io.iptscope.iptables.WatchEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A line of the watch timeline: one event, or a burst of changes of one backend and family read at
 * once (a reload, a flush), newest first, that the detail pane expands.
 *
 * @param members the events, oldest first
 * @param flush   the burst is (part of) a flush: the alarm was raised for it
 */
public record WatchRow(List<WatchEvent> members, boolean flush) {

    public WatchRow {
        members = List.copyOf(members);
    }

    public WatchEvent first() {
        return members.get(0);
    }

    public boolean burst() {
        return members.size() > 1;
    }

    /** Local time of day of the first event (the events carry UTC instants). */
    public String time() {
        return WatchViewModel.timeOfDay(first().time());
    }

    public String type() {
        if (!burst()) {
            return flush ? "⚠ FLUSH" : first().type().id();
        }
        return (flush ? "⚠ FLUSH · " : "▸ burst · ") + members.size() + " changes";
    }

    public String where() {
        Map<String, Long> tables = members.stream().collect(Collectors.groupingBy(
                e -> e.table() == null ? "" : e.table(), TreeMap::new, Collectors.counting()));
        if (!burst()) {
            WatchEvent e = first();
            return (e.table() == null ? "" : e.table()) + (e.chain() == null ? "" : "/" + e.chain());
        }
        return tables.entrySet().stream().map(t -> t.getKey() + " " + t.getValue()).collect(Collectors.joining(", "));
    }

    /** The rule or detail of one event; for a burst, how many of each kind. */
    public String text() {
        if (!burst()) {
            return describe(first());
        }
        Map<String, Long> kinds = members.stream().collect(Collectors.groupingBy(e -> e.type().id(), TreeMap::new,
                Collectors.counting()));
        return kinds.entrySet().stream().map(k -> k.getValue() + " " + k.getKey()).collect(Collectors.joining(", "))
                + "  (select to see each)";
    }

    /** Every event of the row, one per line, for the detail pane. */
    public String detail() {
        return members.stream().map(e -> WatchViewModel.timeOfDay(e.time()) + "  " + e.type().id() + "  "
                + (e.backend() == null ? "" : e.backend().id() + " " + e.family().id() + "  ")
                + (e.table() == null ? "" : e.table() + (e.chain() == null ? "" : "/" + e.chain()) + "  ")
                + describe(e) + (e.writer() == null ? "" : "  by " + e.writer())).collect(Collectors.joining("\n"));
    }

    /** Whether the filter text (any word, case-insensitive) occurs in the row or one of its events. */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String needle = filter.strip().toLowerCase(Locale.ROOT);
        return (type() + " " + where() + " " + detail()).toLowerCase(Locale.ROOT).contains(needle);
    }

    static String describe(WatchEvent e) {
        return e.rule() != null ? e.rule() + (e.detail() == null ? "" : "  (" + e.detail() + ")")
                : e.detail() == null ? "" : e.detail();
    }
}
