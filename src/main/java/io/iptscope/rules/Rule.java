package io.iptscope.rules;

import java.util.List;

/**
 * One rule line. It points into the parsed text instead of copying the line, and keeps only what the
 * parser needed anyway; the arguments and the structured view are computed from the text on each call.
 * That keeps a 500k-rule model near the size of the dump itself, and parsing nearly free of copying.
 */
public final class Rule {

    private final String source;
    private final int start;
    private final int end;
    private final int bodyStart;
    private final String chain;
    private final int line;
    private final Counters counters;
    private final Command command;

    /** The line is {@code source[start, end)}; its arguments begin at {@code bodyStart}. */
    Rule(String source, int start, int end, int bodyStart, String chain, int line, Counters counters,
         Command command) {
        this.source = source;
        this.start = start;
        this.end = end;
        this.bodyStart = bodyStart;
        this.chain = chain;
        this.line = line;
        this.counters = counters;
        this.command = command;
    }

    /** The chain named after the command; null for table-wide commands such as a bare {@code -F}. */
    public String chain() {
        return chain;
    }

    /** The line number in the source, from 1. */
    public int line() {
        return line;
    }

    /** The exact line text, without the newline. */
    public String raw() {
        return source.substring(start, end);
    }

    String source() {
        return source;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    int bodyStart() {
        return bodyStart;
    }

    /** Whether both lines read the same after their counters prefixes, without copying either. */
    boolean sameBody(Rule other) {
        int len = end - bodyStart;
        return len == other.end - other.bodyStart && source.regionMatches(bodyStart, other.source, other.bodyStart, len);
    }

    /** Appends {@link #raw()} without building it. */
    void appendRaw(StringBuilder out) {
        out.append(source, start, end);
    }

    /** Copies {@link #raw()} to the start of {@code dst}, which holds at least {@link #length()} chars. */
    public void copyTo(char[] dst) {
        source.getChars(start, end, dst, 0);
    }

    /** The length of {@link #raw()} without building it. */
    public int length() {
        return end - start;
    }

    /** The {@code [p:b]} prefix, or null when the line has none. */
    public Counters counters() {
        return counters;
    }

    public Command command() {
        return command;
    }

    /** The line after its counters prefix: what iptables-restore splits into arguments. */
    public String body() {
        return source.substring(bodyStart, end);
    }

    /** The arguments as iptables-restore splits them. */
    public List<String> tokens() {
        return Tokenizer.split(source, bodyStart, end).asList();
    }

    /** The structured view: protocol, addresses, interfaces, modules, target, comment. */
    public RuleSpec spec() {
        return RuleSpec.of(Tokenizer.split(source, bodyStart, end));
    }

    @Override
    public String toString() {
        return raw();
    }
}
