package io.iptscope.ui.rules;

import java.util.List;

/** A table in the chain tree, with its chains. */
public record TableNode(String name, int rules, List<ChainNode> chains) {

    public TableNode {
        chains = List.copyOf(chains);
    }

    public String label() {
        return name + "  (" + rules + " rules)";
    }

    /**
     * @param references how many rules jump or go to this chain
     */
    public record ChainNode(String table, String name, String policy, int rules, int references) {

        public String label() {
            String p = policy.equals(io.iptscope.rules.Chain.NO_POLICY) ? "" : "policy " + policy + ", ";
            return name + "  (" + p + rules + " rules" + (references > 0 ? ", ← " + references : "") + ")";
        }

        public ChainRef ref() {
            return new ChainRef(table, name);
        }
    }
}
