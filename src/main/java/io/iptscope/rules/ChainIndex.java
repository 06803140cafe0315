package io.iptscope.rules;

/**
 * The chains of one table by name: an open-addressing table that can also be searched with a region of the
 * parsed text, so that looking up the chain of a rule line allocates nothing, and that holds no entry objects
 * (a 500k-rule dump has 180k chains). Names are hashed with {@link KeyedHash}, which a dump cannot flood.
 */
final class ChainIndex {

    private String[] keys = new String[64];
    private int[] hashes = new int[64];
    private Chain[] values = new Chain[64];
    private int size;

    Chain get(String name) {
        return get(name, 0, name.length());
    }

    /** The chain named {@code text[from, to)}, or null. */
    Chain get(String text, int from, int to) {
        int h = KeyedHash.hash(text, from, to);
        int mask = keys.length - 1;
        for (int i = h & mask; keys[i] != null; i = (i + 1) & mask) {
            String k = keys[i];
            if (hashes[i] == h && k.length() == to - from && text.startsWith(k, from)) {
                return values[i];
            }
        }
        return null;
    }

    /** Adds the chain unless one of that name is there; returns the one that was there, or null. */
    Chain putIfAbsent(Chain chain) {
        String name = chain.name();
        Chain known = get(name);
        if (known != null) {
            return known;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(name, KeyedHash.hash(name), chain);
        size++;
        return null;
    }

    private void insert(String name, int hash, Chain chain) {
        int mask = keys.length - 1;
        int i = hash & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = name;
        hashes[i] = hash;
        values[i] = chain;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        Chain[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        values = new Chain[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldHashes[i], oldValues[i]);
            }
        }
    }
}
