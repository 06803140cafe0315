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

        /** Short, so that long kube chain names still fit: {@code INPUT  ACCEPT · 3 rules ←2}. */
        public String label() {
            String p = policy.equals(io.iptscope.rules.Chain.NO_POLICY) ? "" : policy + " · ";
            return name + "  " + p + rules + (rules == 1 ? " rule" : " rules") + (references > 0 ? " ←" + references
                    : "");
        }

        public String tooltip() {
            return name + (policy.equals(io.iptscope.rules.Chain.NO_POLICY) ? " (user chain)" : " (policy " + policy
                    + ")") + ": " + rules + " rules; " + references + " rules jump or go here";
        }

        public ChainRef ref() {
            return new ChainRef(table, name);
        }
    }
}
