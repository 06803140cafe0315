package io.iptscope.ui.rules;

import io.iptscope.rules.ChainRef;
import java.util.List;

/**
 * A table in the chain tree, with its chains.
 *
 * @param matching how many of its rules the filter matches, or -1 without a filter
 */
public record TableNode(String name, int rules, int matching, List<ChainNode> chains) {

    public TableNode {
        chains = List.copyOf(chains);
    }

    public String label() {
        return name + "  " + counts();
    }

    /** What the tree shows after the name, in view also when the name is shortened. */
    public String counts() {
        return "(" + (matching < 0 ? rules + " rules" : matching + " of " + rules + " match") + ")";
    }

    /**
     * @param references how many rules jump or go to this chain
     * @param matching   how many of its rules the filter matches, or -1 without a filter
     */
    public record ChainNode(String table, String name, String policy, int rules, int references, int matching) {

        /** Short, so that long kube chain names still fit: {@code INPUT  ACCEPT · 3 rules ←2}. */
        public String label() {
            return name + "  " + counts();
        }

        /** Policy, rule count and references: what the tree shows after the name, in view also when it is shortened. */
        public String counts() {
            String p = policy.equals(io.iptscope.rules.Chain.NO_POLICY) ? "" : policy + " · ";
            String n = matching < 0 ? rules + (rules == 1 ? " rule" : " rules") : matching + " of " + rules;
            return p + n + (references > 0 ? " ←" + references : "");
        }

        public String tooltip() {
            return name + (policy.equals(io.iptscope.rules.Chain.NO_POLICY) ? " (user chain)" : " (policy " + policy
                    + ")") + ": " + rules + " rules" + (matching < 0 ? "" : ", " + matching + " match the filter")
                    + "; " + references + " rules jump or go here";
        }

        public ChainRef ref() {
            return new ChainRef(table, name);
        }
    }
}
