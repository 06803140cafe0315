package io.iptscope.rules;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** One {@code *table} ... {@code COMMIT} block. */
public final class Table {

    private final String name;
    private final int line;
    private final String text;
    private final int commitLine;
    private final List<Chain> chains;
    private final ChainIndex byName;
    private final List<Rule> commands;
    private final int ruleCount;

    /**
     * @param text       the {@code *table} line verbatim
     * @param commitLine the line of its {@code COMMIT}, or 0 when the table was never committed
     * @param chains     in declaration order
     * @param byName     the same chains by name; owned by the table from now on
     * @param commands   rule lines with a command other than {@code -A}, in file order
     */
    Table(String name, int line, String text, int commitLine, List<Chain> chains, ChainIndex byName,
          List<Rule> commands) {
        this.name = name;
        this.line = line;
        this.text = text;
        this.commitLine = commitLine;
        this.chains = Collections.unmodifiableList(chains);
        this.byName = byName;
        this.commands = List.copyOf(commands);
        int rules = 0;
        for (Chain c : this.chains) {
            rules += c.ruleCount();
        }
        this.ruleCount = rules;
    }

    public String name() {
        return name;
    }

    public int line() {
        return line;
    }

    public String text() {
        return text;
    }

    public int commitLine() {
        return commitLine;
    }

    /** Chains in declaration order. */
    public List<Chain> chains() {
        return chains;
    }

    public Optional<Chain> chain(String chainName) {
        return Optional.ofNullable(byName.get(chainName));
    }

    /** Rule lines other than {@code -A} ({@code -I}, {@code -N}, {@code -F}, ...), which save never prints. */
    public List<Rule> commands() {
        return commands;
    }

    /** The number of {@code -A} rules in all chains. */
    public int ruleCount() {
        return ruleCount;
    }

    @Override
    public String toString() {
        return "*" + name + " (" + chains.size() + " chains, " + ruleCount + " rules)";
    }
}
