package io.iptscope.rules;

import java.util.Comparator;

/**
 * A whole table ({@code chain} null) or one chain of it. Comparable, so that hash maps keyed by it keep their
 * colliding keys in a tree: chain names with equal {@link String#hashCode()} are easy to write, and 16,384 of them
 * made the chain graph take a minute.
 */
public record ChainRef(String table, String chain) implements Comparable<ChainRef> {

    private static final Comparator<ChainRef> ORDER = Comparator.<ChainRef, String>comparing(ChainRef::table)
            .thenComparing(ChainRef::chain, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    public ChainRef {
        if (table == null) {
            throw new IllegalArgumentException("a chain reference needs a table");
        }
    }

    public static ChainRef table(String table) {
        return new ChainRef(table, null);
    }

    public boolean wholeTable() {
        return chain == null;
    }

    @Override
    public int compareTo(ChainRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return wholeTable() ? table + " (all chains)" : table + " › " + chain;
    }
}
