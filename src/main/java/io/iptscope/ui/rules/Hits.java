package io.iptscope.ui.rules;

import java.util.BitSet;

/**
 * What a filter matches in the whole loaded ruleset, not only in the chain on screen: the rules by their
 * place in the filter index.
 *
 * @param query the query that was applied
 * @param rules the ruleset it was applied to
 * @param bits  the matching rules (see {@link LoadedRules#index()})
 */
record Hits(FilterQuery.Valid query, LoadedRules rules, BitSet bits) {

    static Hits of(LoadedRules rules, FilterQuery.Valid query) {
        return new Hits(query, rules, query.filter().matches(rules.index()));
    }

    int total() {
        return bits.cardinality();
    }

    boolean get(int index) {
        return bits.get(index);
    }

    /**
     * Counts the matches of consecutive ranges of the index, asked for in ascending order (tables and chains
     * in index order): one pass over the hits, however many chains there are.
     */
    Counter counter() {
        return new Counter();
    }

    final class Counter {
        private int next = bits.nextSetBit(0);

        /** How many of the {@code size} rules from {@code offset} match. */
        int in(int offset, int size) {
            while (next >= 0 && next < offset) {
                next = bits.nextSetBit(next + 1);
            }
            int n = 0;
            while (next >= 0 && next < offset + size) {
                n++;
                next = bits.nextSetBit(next + 1);
            }
            return n;
        }
    }
}
