package io.iptscope.rules;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A chain of one table with its {@code -A} rules in file order.
 *
 * <p>Rules are stored packed (offsets into the parsed text, line numbers, counters) and a {@link Rule} is
 * made when asked for: a 500k-rule model then holds a few arrays per chain instead of half a million
 * objects, which is what keeps both its heap and the garbage collector's copying small. The parser is the
 * only writer, before the model is published; afterwards a chain never changes. The text may have come in
 * chunks (a save parsed while it was read): a chain then keeps the chunks its rules are in, each with the index
 * of its first rule.
 */
public final class Chain {

    /** The policy of chains that have none. */
    public static final String NO_POLICY = "-";

    private static final int FIELDS = 3;
    private static final String[] NO_CHUNKS = {};
    /** Shared by every chain whose rules are in one chunk: most of them. */
    private static final int[] FIRST_CHUNK = {0};

    private final String name;
    private final String policy;
    private final Counters counters;
    private final int line;
    private final String source;
    private final int declStart;
    private final int declEnd;
    /** Per rule: start and end offset of the line in its chunk, line number. */
    private int[] packed = new int[FIELDS * 2];
    /** The chunks of the rules, in rule order, and the index of each chunk's first rule. */
    private String[] chunks = NO_CHUNKS;
    private int[] chunkFirstRule = FIRST_CHUNK;
    /** Per rule; null while no rule had a counters prefix (dumps without -c never allocate it). */
    private Counters[] ruleCounters;
    private int size;

    /** A declared chain ({@code declStart < 0} when it was never declared by a {@code :} line). */
    Chain(String name, String policy, Counters counters, int line, String source, int declStart, int declEnd) {
        this.name = name;
        this.policy = policy;
        this.counters = counters;
        this.line = line;
        this.source = source;
        this.declStart = declStart;
        this.declEnd = declEnd;
    }

    void add(String chunk, int start, int end, int ruleLine, Counters c) {
        int last = chunks.length - 1;
        if (last < 0 || chunks[last] != chunk) {
            chunks = Arrays.copyOf(chunks, last + 2);
            chunks[last + 1] = chunk;
            if (last >= 0) {
                chunkFirstRule = Arrays.copyOf(chunkFirstRule, last + 2);
                chunkFirstRule[last + 1] = size;
            }
        }
        int base = size * FIELDS;
        if (base + FIELDS > packed.length) {
            packed = Arrays.copyOf(packed, packed.length * 2);
        }
        packed[base] = start;
        packed[base + 1] = end;
        packed[base + 2] = ruleLine;
        if (c != null) {
            if (ruleCounters == null || ruleCounters.length <= size) {
                ruleCounters = Arrays.copyOf(ruleCounters == null ? new Counters[0] : ruleCounters,
                        packed.length / FIELDS);
            }
            ruleCounters[size] = c;
        }
        size++;
    }

    public String name() {
        return name;
    }

    /** {@code ACCEPT}, {@code DROP}, ... for a builtin chain, {@code -} for a user chain. */
    public String policy() {
        return policy;
    }

    /** The policy counters of the declaration; null when the declaration had none. */
    public Counters counters() {
        return counters;
    }

    /**
     * The line of the {@code :CHAIN} declaration (or of the {@code -N}, or of the first rule when the chain
     * was never declared).
     */
    public int line() {
        return line;
    }

    /** The declaration line verbatim; null when the chain was not declared by a {@code :} line. */
    public String declaration() {
        return declStart < 0 ? null : source.substring(declStart, declEnd);
    }

    /** iptables-save marks builtin chains by giving them a policy. */
    public boolean builtin() {
        return !NO_POLICY.equals(policy);
    }

    /** The {@code -A} rules, in file order (a view made on each call: one object less per chain in the model). */
    public List<Rule> rules() {
        return new Rules();
    }

    public int ruleCount() {
        return size;
    }

    @Override
    public String toString() {
        return name + " " + policy + " (" + size + " rules)";
    }

    private Rule rule(int i) {
        int base = i * FIELDS;
        int start = packed[base];
        int end = packed[base + 1];
        Counters c = ruleCounters != null && i < ruleCounters.length ? ruleCounters[i] : null;
        String source = chunkOf(i);
        int body = start;
        if (source.charAt(start) == '[') {
            body = source.indexOf(']', start) + 1;
            while (body < end && (source.charAt(body) == ' ' || source.charAt(body) == '\t')) {
                body++;
            }
        }
        return new Rule(source, start, end, body, name, packed[base + 2], c, Command.APPEND);
    }

    private String chunkOf(int rule) {
        if (chunks.length == 1) {
            return chunks[0];
        }
        int k = Arrays.binarySearch(chunkFirstRule, rule);
        return chunks[k >= 0 ? k : -k - 2];
    }

    private final class Rules extends AbstractList<Rule> implements RandomAccess {
        @Override
        public Rule get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return rule(index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
