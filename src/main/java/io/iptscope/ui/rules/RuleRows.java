package io.iptscope.ui.rules;

import io.iptscope.rules.Chain;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The rows the rule table shows: positions into the parsed chains, two ints per rule; a {@link RuleRow}
 * is made only when the virtualized table asks for a visible row, so 500k rules cost two int arrays.
 */
final class RuleRows extends AbstractList<RuleRow> implements RandomAccess {

    private final String table;
    private final List<Chain> chains;
    private final int[] chainOf;
    private final int[] ruleOf;
    private final int size;

    RuleRows(String table, List<Chain> chains, int[] chainOf, int[] ruleOf, int size) {
        this.table = table;
        this.chains = List.copyOf(chains);
        this.chainOf = chainOf;
        this.ruleOf = ruleOf;
        this.size = size;
    }

    @Override
    public RuleRow get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return new RuleRow(table, chains.get(chainOf[index]).rules().get(ruleOf[index]), ruleOf[index] + 1);
    }

    @Override
    public int size() {
        return size;
    }

    /** The row of the rule at {@code line} of the dump, or -1. */
    int indexOfLine(int line) {
        for (int i = 0; i < size; i++) {
            if (chains.get(chainOf[i]).rules().get(ruleOf[i]).line() == line) {
                return i;
            }
        }
        return -1;
    }
}
