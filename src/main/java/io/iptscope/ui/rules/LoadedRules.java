package io.iptscope.ui.rules;

import io.iptscope.rules.Chain;
import io.iptscope.rules.ChainGraph;
import io.iptscope.rules.RuleIndex;
import io.iptscope.rules.Ruleset;
import io.iptscope.rules.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed dump with the indexes the browser needs: the filter language's and the jumps'.
 *
 * @param name        what was loaded, e.g. "nft ipv4 of netns:x" or a file name
 * @param index       the filter language's index of every rule, in table and chain order
 * @param offsets     per table, per chain: where its first rule sits in {@code index}
 * @param jumps       the jumps and gotos between chains; empty until indexed (it follows in a second task)
 * @param parseErrors lines the parser could not read, shown rather than hidden
 * @param tree        the tables and chains as the tree shows them (with reference counts once indexed)
 */
record LoadedRules(String name, Ruleset ruleset, RuleIndex index, Map<String, Map<String, Integer>> offsets,
                   ChainGraph jumps, int parseErrors, List<TableNode> tree) {

    static LoadedRules parsed(String name, Ruleset ruleset, int parseErrors) {
        Map<String, Map<String, Integer>> offsets = new HashMap<>();
        int offset = 0;
        for (Table t : ruleset.tables()) {
            Map<String, Integer> chains = new HashMap<>();
            for (Chain c : t.chains()) {
                chains.put(c.name(), offset);
                offset += c.ruleCount();
            }
            offsets.put(t.name(), chains);
        }
        return new LoadedRules(name, ruleset, RuleIndex.of(ruleset), offsets, ChainGraph.of(Ruleset.empty()),
                parseErrors, List.of()).withJumps(ChainGraph.of(Ruleset.empty()));
    }

    /** With the chain graph of this ruleset: the tree then shows how many rules jump or go to each chain. */
    LoadedRules withJumps(ChainGraph graph) {
        return new LoadedRules(name, ruleset, index, offsets, graph, parseErrors, tree(ruleset, offsets, graph, null));
    }

    /**
     * The tree as a filter shows it: every table with its count of matches, and only the chains with a match
     * (a kube-proxy nat table has 100k chains; the few that match are what one looks for). Without a filter
     * ({@code hits} null) every chain: the tree made once in the background, not a copy of its 180k nodes at
     * 500k rules.
     */
    List<TableNode> tree(Hits hits) {
        return hits == null ? tree : tree(ruleset, offsets, jumps, hits);
    }

    private static List<TableNode> tree(Ruleset ruleset, Map<String, Map<String, Integer>> offsets,
                                        ChainGraph jumps, Hits hits) {
        List<TableNode> nodes = new ArrayList<>();
        Hits.Counter counter = hits == null ? null : hits.counter();
        for (Table t : ruleset.tables()) {
            Map<String, Integer> starts = offsets.get(t.name());
            List<TableNode.ChainNode> chains = new ArrayList<>();
            int tableHits = 0;
            for (Chain c : t.chains()) {
                int matching = counter == null ? -1 : counter.in(starts.get(c.name()), c.ruleCount());
                tableHits += Math.max(0, matching);
                if (matching != 0) {
                    chains.add(new TableNode.ChainNode(t.name(), c.name(), c.policy(), c.ruleCount(),
                            jumps.referencedBy(t.name(), c.name()).size(), matching));
                }
            }
            nodes.add(new TableNode(t.name(), t.ruleCount(), hits == null ? -1 : tableHits, chains));
        }
        return List.copyOf(nodes);
    }

    /** Where a chain's first rule sits in {@link #index}. */
    int offsetOf(String table, String chain) {
        return offsets.get(table).get(chain);
    }
}
