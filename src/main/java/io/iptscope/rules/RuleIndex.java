package io.iptscope.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The fields the filter language looks at, for every {@code -A} rule of a ruleset, in table and chain order,
 * computed once. Strings are shared (chain names, targets, comments, module lists repeat a lot in real
 * rulesets), and free-text search runs over the parsed text itself instead of over each line.
 */
public final class RuleIndex {

    private final Ruleset ruleset;
    private final int size;
    private final Chain[] chainOf;
    private final int[] position;
    private final String[] table;
    private final String[] chain;
    private final String[] target;
    private final String[] comment;
    private final String[] proto;
    private final String[] src;
    private final String[] dst;
    private final Cidr[] srcCidr;
    private final Cidr[] dstCidr;
    private final String[] inIface;
    private final String[] outIface;
    private final String[][] modules;
    private final long[] packets;
    private final boolean[] counted;
    private final int[] starts;
    private final int[] ends;
    /** Rule numbers sorted by their place in the source text, for mapping text offsets back to rules. */
    private final int[] byOffset;
    private final String source;
    private volatile String lowerSource;

    private RuleIndex(Ruleset rs) {
        this.ruleset = rs;
        int n = rs.ruleCount();
        size = n;
        chainOf = new Chain[n];
        position = new int[n];
        table = new String[n];
        chain = new String[n];
        target = new String[n];
        comment = new String[n];
        proto = new String[n];
        src = new String[n];
        dst = new String[n];
        srcCidr = new Cidr[n];
        dstCidr = new Cidr[n];
        inIface = new String[n];
        outIface = new String[n];
        modules = new String[n][];
        packets = new long[n];
        counted = new boolean[n];
        starts = new int[n];
        ends = new int[n];
        Map<Object, Object> shared = new HashMap<>();
        String text = null;
        int i = 0;
        for (Table t : rs.tables()) {
            for (Chain c : t.chains()) {
                List<Rule> rules = c.rules();
                for (int k = 0; k < rules.size(); k++, i++) {
                    Rule r = rules.get(k);
                    text = r.source();
                    fill(i, t, c, k, r, shared);
                }
            }
        }
        source = text == null ? "" : text;
        long[] order = new long[n];
        for (int k = 0; k < n; k++) {
            order[k] = (long) starts[k] << 32 | k;
        }
        Arrays.sort(order);
        byOffset = new int[n];
        for (int k = 0; k < n; k++) {
            byOffset[k] = (int) order[k];
        }
    }

    public static RuleIndex of(Ruleset rs) {
        return new RuleIndex(rs);
    }

    private void fill(int i, Table t, Chain c, int k, Rule r, Map<Object, Object> shared) {
        RuleSpec s = r.spec();
        chainOf[i] = c;
        position[i] = k;
        table[i] = t.name();
        chain[i] = c.name();
        Target tg = s.target();
        target[i] = tg == null ? null : share(shared, tg.name());
        comment[i] = share(shared, s.comment());
        proto[i] = s.protocol() == null ? null : share(shared, protocolName(s.protocol().value()));
        if (s.source() != null) {
            src[i] = share(shared, s.source().value());
            srcCidr[i] = Cidr.parse(s.source().value());
        }
        if (s.destination() != null) {
            dst[i] = share(shared, s.destination().value());
            dstCidr[i] = Cidr.parse(s.destination().value());
        }
        inIface[i] = s.inInterface() == null ? null : share(shared, s.inInterface().value());
        outIface[i] = s.outInterface() == null ? null : share(shared, s.outInterface().value());
        List<String> mods = new ArrayList<>(s.matches().size());
        for (Match m : s.matches()) {
            mods.add(m.module());
        }
        modules[i] = sharedArray(shared, mods);
        if (r.counters() != null) {
            counted[i] = true;
            packets[i] = r.counters().packets();
        }
        starts[i] = r.start();
        ends[i] = r.end();
    }

    private static String share(Map<Object, Object> shared, String s) {
        if (s == null) {
            return null;
        }
        Object known = shared.putIfAbsent(s, s);
        return known == null ? s : (String) known;
    }

    private static String[] sharedArray(Map<Object, Object> shared, List<String> mods) {
        if (mods.isEmpty()) {
            return new String[0];
        }
        Object known = shared.get(mods);
        if (known != null) {
            return (String[]) known;
        }
        String[] arr = mods.toArray(new String[0]);
        shared.put(List.copyOf(mods), arr);
        return arr;
    }

    static String protocolName(String p) {
        String v = p.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58", "icmpv6" -> "ipv6-icmp";
            case "132" -> "sctp";
            default -> v;
        };
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    /** The number of indexed rules. */
    public int size() {
        return size;
    }

    /** Rule number {@code i}, counting through tables and chains in order. */
    public Rule rule(int i) {
        return chainOf[i].rules().get(position[i]);
    }

    public String table(int i) {
        return table[i];
    }

    public String chain(int i) {
        return chain[i];
    }

    String target(int i) {
        return target[i];
    }

    String comment(int i) {
        return comment[i];
    }

    String proto(int i) {
        return proto[i];
    }

    String src(int i) {
        return src[i];
    }

    String dst(int i) {
        return dst[i];
    }

    Cidr srcCidr(int i) {
        return srcCidr[i];
    }

    Cidr dstCidr(int i) {
        return dstCidr[i];
    }

    String inIface(int i) {
        return inIface[i];
    }

    String outIface(int i) {
        return outIface[i];
    }

    String[] modules(int i) {
        return modules[i];
    }

    boolean counted(int i) {
        return counted[i];
    }

    long packets(int i) {
        return packets[i];
    }

    /**
     * Calls {@code hit} once for each rule whose line contains {@code needle}; one pass of
     * {@link String#indexOf(String, int)} over the whole parsed text.
     */
    void forEachContaining(String needle, boolean ignoreCase, IntConsumer hit) {
        if (size == 0) {
            return;
        }
        String hay = ignoreCase ? lowerSource() : source;
        String n = ignoreCase ? asciiLower(needle) : needle;
        int k = 0;
        int from = starts[byOffset[0]];
        while (true) {
            int at = hay.indexOf(n, from);
            if (at < 0) {
                return;
            }
            while (k < size && ends[byOffset[k]] < at + n.length()) {
                k++;
            }
            if (k == size) {
                return;
            }
            int rule = byOffset[k];
            if (starts[rule] <= at) {
                hit.accept(rule);
                from = ends[rule];
                k++;
                if (k == size) {
                    return;
                }
                from = Math.max(from, starts[byOffset[k]]);
            } else {
                from = starts[rule];
            }
        }
    }

    /** Lower-cased once, on the first case-insensitive search (same length: only ASCII changes case here). */
    private String lowerSource() {
        String l = lowerSource;
        if (l == null) {
            l = asciiLower(source);
            lowerSource = l;
        }
        return l;
    }

    static String asciiLower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] = (char) (c[i] + 32);
            }
        }
        return new String(c);
    }
}
