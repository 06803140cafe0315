package io.iptscope.ui.rules;

/**
 * A place in the rule browser: a whole table ({@code chain} null) or one chain of it.
 */
public record ChainRef(String table, String chain) {

    public static ChainRef table(String table) {
        return new ChainRef(table, null);
    }

    public boolean wholeTable() {
        return chain == null;
    }

    @Override
    public String toString() {
        return wholeTable() ? table + " (all chains)" : table + " › " + chain;
    }
}
