package io.iptscope.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The fields the filter language looks at, for every {@code -A} rule of a ruleset in table and chain order,
 * computed once by one scan of each rule line.
 *
 * <p>Why it is built this way: an index of 500k rules must not hold millions of small objects, or building it
 * spends its time in the garbage collector. So text fields (comments, addresses) are kept as offsets into the
 * parsed text, addresses as primitive columns, and the few distinct values of other fields (protocols,
 * interfaces, module lists, targets) are shared. Free-text search runs over the parsed text itself.
 */
public final class RuleIndex {

    private final Ruleset ruleset;
    private final String source;
    private final int size;
    private final Chain[] chainOf;
    private final int[] position;
    private final Column table = new Column();
    private final Column chain = new Column();
    private final Column target = new Column();
    private final Column proto = new Column();
    private final Column inIface = new Column();
    private final Column outIface = new Column();
    /** Comment, -s and -d values as source regions [start, end); start -1 when absent or kept in {@link #decoded}. */
    private final int[][] region;
    private final long[][] addrHi;
    private final long[][] addrLo;
    /** Prefix length per address column; -1 when absent or not an address, +256 for IPv6. */
    private final short[][] addrPrefix;
    private final String[][] modules;
    private final long[] packets;
    private final boolean[] counted;
    private final int[] starts;
    private final int[] ends;
    /** Rule numbers sorted by their place in the source text, for mapping text offsets back to rules. */
    private final int[] byOffset;
    /** Values that needed unquoting beyond a plain {@code "..."}; rare. Key: column * size + rule. */
    private final Map<Long, String> decoded = new HashMap<>();
    private volatile String lowerSource;

    static final int COMMENT = 0;
    static final int SRC = 1;
    static final int DST = 2;

    private RuleIndex(Ruleset rs) {
        this.ruleset = rs;
        int n = rs.ruleCount();
        size = n;
        chainOf = new Chain[n];
        position = new int[n];
        region = new int[3][2 * n];
        addrHi = new long[][] {null, new long[n], new long[n]};
        addrLo = new long[][] {null, new long[n], new long[n]};
        addrPrefix = new short[][] {null, new short[n], new short[n]};
        modules = new String[n][];
        packets = new long[n];
        counted = new boolean[n];
        starts = new int[n];
        ends = new int[n];
        Map<String, String[]> moduleLists = new HashMap<>();
        for (Column c : List.of(table, chain, target, proto, inIface, outIface)) {
            c.ids = new int[n];
        }
        LineScan scan = new LineScan();
        String text = "";
        int i = 0;
        for (Table t : rs.tables()) {
            for (Chain c : t.chains()) {
                List<Rule> rules = c.rules();
                for (int k = 0; k < rules.size(); k++, i++) {
                    Rule r = rules.get(k);
                    if (i > 0 && r.source() != text) {
                        // Offsets index one text: a save parsed in chunks (SaveParser.Incremental) has several.
                        throw new IllegalArgumentException("a rule index needs a ruleset parsed from one text");
                    }
                    text = r.source();
                    chainOf[i] = c;
                    position[i] = k;
                    table.ids[i] = table.id(t.name());
                    chain.ids[i] = chain.id(c.name());
                    starts[i] = r.start();
                    ends[i] = r.end();
                    if (r.counters() != null) {
                        counted[i] = true;
                        packets[i] = r.counters().packets();
                    }
                    scan.scan(text, r.bodyStart(), r.end());
                    fill(i, scan, moduleLists);
                }
            }
        }
        source = text;
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

    /** Walks the arguments the way {@link RuleSpec} reads them, keeping only what the filter needs. */
    private void fill(int i, LineScan s, Map<String, String[]> moduleLists) {
        Arrays.fill(region[COMMENT], 2 * i, 2 * i + 2, -1);
        Arrays.fill(region[SRC], 2 * i, 2 * i + 2, -1);
        Arrays.fill(region[DST], 2 * i, 2 * i + 2, -1);
        addrPrefix[SRC][i] = -1;
        addrPrefix[DST][i] = -1;
        target.ids[i] = Column.NONE;
        proto.ids[i] = Column.NONE;
        inIface.ids[i] = Column.NONE;
        outIface.ids[i] = Column.NONE;
        StringBuilder mods = null;
        String module = null;
        // After -j/-g every option belongs to the target (RuleSpec.Reader.attach), even after a later -m.
        boolean inTarget = false;
        int n = s.count;
        for (int k = 0; k < n; k++) {
            if (!s.isOption(k)) {
                continue;
            }
            int opt = s.option(k);
            if (opt == LineScan.OTHER) {
                continue;
            }
            int v = k + 1;
            if (opt == LineScan.COMMENT_OPTION) {
                // RuleSpec.Reader.option: "! x" negates only when x is a value; a bang or an option ends the values.
                if (v + 1 < n && s.isBang(v) && !s.isOption(v + 1) && !s.isBang(v + 1)) {
                    v++;
                }
                if (v >= n || s.isOption(v) || s.isBang(v)) {
                    if (!inTarget && "comment".equals(module) && region[COMMENT][2 * i] < 0
                            && !decoded.containsKey(key(COMMENT, i))) {
                        decoded.put(key(COMMENT, i), "");
                    }
                    continue;
                }
            } else if (opt != LineScan.MATCH && opt != LineScan.JUMP && v + 1 < n && s.isBang(v)) {
                // RuleSpec.Reader.param: the old "-s ! x" form; -m and -j take the next argument whatever it is.
                v++;
            }
            if (v >= n) {
                // An option at the end of the line: RuleSpec keeps it with an empty value, replacing an earlier one.
                clear(opt, i);
                inTarget |= opt == LineScan.JUMP;
                continue;
            }
            switch (opt) {
                case LineScan.SOURCE -> address(SRC, i, s, v);
                case LineScan.DESTINATION -> address(DST, i, s, v);
                case LineScan.PROTOCOL -> proto.ids[i] = proto.id(protocolName(s.value(v)));
                case LineScan.IN -> inIface.ids[i] = inIface.id(s.value(v));
                case LineScan.OUT -> outIface.ids[i] = outIface.id(s.value(v));
                case LineScan.MATCH -> {
                    module = s.value(v);
                    mods = (mods == null ? new StringBuilder() : mods.append('\u0000')).append(module);
                }
                case LineScan.JUMP -> {
                    module = null;
                    inTarget = true;
                    target.ids[i] = target.id(s.value(v));
                }
                case LineScan.COMMENT_OPTION -> {
                    if (!inTarget && "comment".equals(module) && region[COMMENT][2 * i] < 0
                            && !decoded.containsKey(key(COMMENT, i))) {
                        keep(COMMENT, i, s, v);
                    }
                }
                default -> throw new IllegalStateException("option code " + opt);
            }
            k = v;
        }
        modules[i] = mods == null ? NO_MODULES
                : moduleLists.computeIfAbsent(mods.toString(), m -> m.split("\u0000", -1));
    }

    private static final String[] NO_MODULES = new String[0];

    /** Forgets field {@code opt} of rule {@code i}, as a later valueless occurrence of its option does in RuleSpec. */
    private void clear(int opt, int i) {
        switch (opt) {
            case LineScan.SOURCE, LineScan.DESTINATION -> {
                int column = opt == LineScan.SOURCE ? SRC : DST;
                Arrays.fill(region[column], 2 * i, 2 * i + 2, -1);
                addrPrefix[column][i] = -1;
                decoded.remove(key(column, i));
            }
            case LineScan.PROTOCOL -> proto.ids[i] = Column.NONE;
            case LineScan.IN -> inIface.ids[i] = Column.NONE;
            case LineScan.OUT -> outIface.ids[i] = Column.NONE;
            case LineScan.JUMP -> target.ids[i] = Column.NONE;
            default -> {
                // -m at the end names an empty module, which RuleSpec's readers ignore.
            }
        }
    }

    private void address(int column, int i, LineScan s, int v) {
        keep(column, i, s, v);
        addrPrefix[column][i] = -1;
        Cidr c = Cidr.parse(s.value(v));
        if (c != null) {
            addrHi[column][i] = c.hi();
            addrLo[column][i] = c.lo();
            addrPrefix[column][i] = (short) (c.prefix() + (c.v6() ? 256 : 0));
        }
    }

    /** Remembers where argument {@code v} sits, or its unquoted text when it is not a plain region. */
    private void keep(int column, int i, LineScan s, int v) {
        // A later occurrence replaces an earlier one (RuleSpec keeps the last -s, -d).
        if (s.kind[v] == LineScan.COMPLEX) {
            region[column][2 * i] = -1;
            decoded.put(key(column, i), s.value(v));
        } else {
            if (!decoded.isEmpty()) {
                decoded.remove(key(column, i));
            }
            region[column][2 * i] = s.contentStart(v);
            region[column][2 * i + 1] = s.contentEnd(v);
        }
    }

    private long key(int column, int i) {
        return (long) column * size + i;
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
        return table.valueOf(i);
    }

    public String chain(int i) {
        return chainOf[i].name();
    }

    /** The fields kept as a dictionary of distinct values plus a value number per rule. */
    enum Field {
        TABLE, CHAIN, TARGET, PROTO, IN_IFACE, OUT_IFACE
    }

    Column column(Field f) {
        return switch (f) {
            case TABLE -> table;
            case CHAIN -> chain;
            case TARGET -> target;
            case PROTO -> proto;
            case IN_IFACE -> inIface;
            case OUT_IFACE -> outIface;
        };
    }

    /** The value of field {@code f} for rule {@code i}, or null where the rule has none. */
    String value(Field f, int i) {
        return column(f).valueOf(i);
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

    /** Whether the comment, source or destination text of rule {@code i} matches the glob. */
    boolean textMatches(int column, int i, RuleFilter.Glob glob) {
        int start = region[column][2 * i];
        if (start >= 0) {
            return glob.matches(source, start, region[column][2 * i + 1]);
        }
        String d = decoded.isEmpty() ? null : decoded.get(key(column, i));
        return d != null && glob.matches(d, 0, d.length());
    }

    /** Whether the whole line of rule {@code i} matches the glob. */
    boolean lineMatches(int i, RuleFilter.Glob glob) {
        return glob.matches(source, starts[i], ends[i]);
    }

    /** Whether the address column of rule {@code i} is an address whose network overlaps {@code c}. */
    boolean overlaps(int column, int i, Cidr c) {
        int p = addrPrefix[column][i];
        if (p < 0 || (p >= 256) != c.v6()) {
            return false;
        }
        Cidr mine = new Cidr(p >= 256, addrHi[column][i], addrLo[column][i], p & 255);
        return mine.overlaps(c);
    }

    /**
     * Calls {@code hit} once for each rule whose line contains {@code needle}; one pass of
     * {@link String#indexOf(String, int)} over the whole parsed text.
     */
    void forEachContaining(String needle, boolean ignoreCase, IntConsumer hit) {
        if (size == 0 || needle.isEmpty()) {
            return;
        }
        String hay = ignoreCase ? lowerSource() : source;
        String n = ignoreCase ? asciiLower(needle) : needle;
        int k = 0;
        int from = starts[byOffset[0]];
        while (k < size) {
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
                k++;
                if (k < size) {
                    from = starts[byOffset[k]];
                }
            } else {
                from = starts[rule];
            }
        }
    }

    /** Lower-cased once, on the first case-insensitive search (same length: only ASCII changes case). */
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

    /**
     * A field as distinct values and a value number per rule, so that a filter term tests each distinct value
     * once and then only reads numbers: 500k rules have a few hundred thousand distinct targets at most, and
     * a handful of tables, protocols and interfaces.
     */
    static final class Column {
        static final int NONE = -1;
        private final Map<String, Integer> numbers = new HashMap<>();
        private final ArrayList<String> values = new ArrayList<>();
        private int[] ids;

        private int id(String value) {
            Integer known = numbers.get(value);
            if (known != null) {
                return known;
            }
            int id = values.size();
            values.add(value);
            numbers.put(value, id);
            return id;
        }

        /** The value of a rule, or null where it has none. */
        private String valueOf(int rule) {
            int id = ids[rule];
            return id == NONE ? null : values.get(id);
        }

        /** Distinct value number {@code id}. */
        String value(int id) {
            return values.get(id);
        }

        /** The number of distinct values. */
        int size() {
            return values.size();
        }

        /** The value number of each rule; NONE where the rule has no such field. */
        int id(int rule) {
            return ids[rule];
        }
    }

    /** Argument bounds of one rule line, by the restore tokenizer's rules, without building the arguments. */
    private static final class LineScan {
        static final byte PLAIN = 0;
        static final byte QUOTED = 1;
        static final byte COMPLEX = 2;

        String text;
        int count;
        int[] start = new int[64];
        int[] end = new int[64];
        byte[] kind = new byte[64];

        void scan(String s, int from, int to) {
            text = s;
            count = 0;
            int i = from;
            while (i < to) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t') {
                    i++;
                    continue;
                }
                int st = i;
                byte k = PLAIN;
                if (c == '"') {
                    int close = i + 1;
                    while (close < to && s.charAt(close) != '"' && s.charAt(close) != '\\') {
                        close++;
                    }
                    if (close < to && s.charAt(close) == '"') {
                        add(st, close + 1, QUOTED);
                        i = close + 1;
                        continue;
                    }
                    k = COMPLEX;
                }
                i = skipArgument(s, i, to);
                if (k == PLAIN && hasQuote(s, st, i)) {
                    k = COMPLEX;
                }
                add(st, i, k);
            }
        }

        /** The end of the argument starting at {@code i}, following quotes as the tokenizer does. */
        private static int skipArgument(String s, int i, int to) {
            while (i < to) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t') {
                    return i;
                }
                if (c == '"') {
                    i++;
                    while (i < to && s.charAt(i) != '"') {
                        i += s.charAt(i) == '\\' ? 2 : 1;
                    }
                    return Math.min(i + 1, to);
                }
                i++;
            }
            return i;
        }

        private static boolean hasQuote(String s, int from, int to) {
            for (int i = from; i < to; i++) {
                if (s.charAt(i) == '"') {
                    return true;
                }
            }
            return false;
        }

        private void add(int s, int e, byte k) {
            if (count == start.length) {
                start = Arrays.copyOf(start, count * 2);
                end = Arrays.copyOf(end, count * 2);
                kind = Arrays.copyOf(kind, count * 2);
            }
            start[count] = s;
            end[count] = e;
            kind[count] = k;
            count++;
        }

        int contentStart(int k) {
            return kind[k] == QUOTED ? start[k] + 1 : start[k];
        }

        int contentEnd(int k) {
            return kind[k] == QUOTED ? end[k] - 1 : end[k];
        }

        boolean isOption(int k) {
            return kind[k] == PLAIN && end[k] - start[k] >= 2 && text.charAt(start[k]) == '-'
                    && (text.charAt(start[k] + 1) < '0' || text.charAt(start[k] + 1) > '9');
        }

        boolean isBang(int k) {
            return kind[k] == PLAIN && end[k] - start[k] == 1 && text.charAt(start[k]) == '!';
        }

        static final int OTHER = 0;
        static final int SOURCE = 1;
        static final int DESTINATION = 2;
        static final int PROTOCOL = 3;
        static final int IN = 4;
        static final int OUT = 5;
        static final int MATCH = 6;
        static final int JUMP = 7;
        static final int COMMENT_OPTION = 8;

        /** Which of the options the index reads argument {@code k} is, without building it as a string. */
        int option(int k) {
            if (!isOption(k)) {
                return OTHER;
            }
            int len = end[k] - start[k];
            if (len == 2) {
                return switch (text.charAt(start[k] + 1)) {
                    case 's' -> SOURCE;
                    case 'd' -> DESTINATION;
                    case 'p' -> PROTOCOL;
                    case 'i' -> IN;
                    case 'o' -> OUT;
                    case 'm' -> MATCH;
                    case 'j', 'g' -> JUMP;
                    default -> OTHER;
                };
            }
            return is(k, "--comment") ? COMMENT_OPTION
                    : is(k, "--source") || is(k, "--src") ? SOURCE
                    : is(k, "--destination") || is(k, "--dst") ? DESTINATION
                    : is(k, "--protocol") ? PROTOCOL
                    : is(k, "--in-interface") ? IN
                    : is(k, "--out-interface") ? OUT
                    : is(k, "--match") ? MATCH
                    : is(k, "--jump") || is(k, "--goto") ? JUMP
                    : OTHER;
        }

        private boolean is(int k, String option) {
            return end[k] - start[k] == option.length() && text.startsWith(option, start[k]);
        }

        /** The argument as the tokenizer yields it. */
        String value(int k) {
            if (kind[k] == COMPLEX) {
                Tokenizer.Tokens t = Tokenizer.split(text, start[k], end[k]);
                return t.size() == 0 ? "" : t.get(0);
            }
            return text.substring(contentStart(k), contentEnd(k));
        }
    }
}
