package io.iptscope.rules;

import java.util.List;

/**
 * The semantic difference between two rulesets, per table and chain. Only what differs is listed.
 *
 * @param before a name for the first ruleset (a file name, a host), used by the formatters
 * @param after  a name for the second
 */
public record RulesetDiff(String before, String after, boolean countersCompared, List<TableDiff> tables) {

    public RulesetDiff {
        tables = List.copyOf(tables);
    }

    /** Whether a table, chain or rule was added, removed or changed. */
    public enum Status {
        ADDED,
        REMOVED,
        CHANGED
    }

    /**
     * One rule-level difference. ADDED has only {@code after}, REMOVED only {@code before}; MOVED is the same rule
     * at another place among the rules both sides share; CHANGED pairs a rule with its replacement (same place or
     * same comment and target), or, when counters are compared, the same rule with other counters.
     */
    public record RuleChange(Kind kind, RuleRef before, RuleRef after) {
        public enum Kind {
            ADDED,
            REMOVED,
            MOVED,
            CHANGED
        }
    }

    /** A chain that differs; policies and policy counters are null on the side where the chain is missing. */
    public record ChainDiff(String name, Status status, String policyBefore, String policyAfter,
                            Counters countersBefore, Counters countersAfter, List<RuleChange> rules) {
        public ChainDiff {
            rules = List.copyOf(rules);
        }

        public boolean policyChanged() {
            return status == Status.CHANGED && !policyBefore.equals(policyAfter);
        }
    }

    public record TableDiff(String name, Status status, List<ChainDiff> chains) {
        public TableDiff {
            chains = List.copyOf(chains);
        }
    }

    /** Totals over the whole diff. */
    public record Summary(int tablesAdded, int tablesRemoved, int chainsAdded, int chainsRemoved, int policiesChanged,
                          int rulesAdded, int rulesRemoved, int rulesMoved, int rulesChanged) {
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }

    public Summary summary() {
        int ta = 0;
        int tr = 0;
        int ca = 0;
        int cr = 0;
        int pc = 0;
        int[] rules = new int[RuleChange.Kind.values().length];
        for (TableDiff t : tables) {
            ta += t.status() == Status.ADDED ? 1 : 0;
            tr += t.status() == Status.REMOVED ? 1 : 0;
            for (ChainDiff c : t.chains()) {
                ca += c.status() == Status.ADDED ? 1 : 0;
                cr += c.status() == Status.REMOVED ? 1 : 0;
                pc += c.policyChanged() ? 1 : 0;
                for (RuleChange r : c.rules()) {
                    rules[r.kind().ordinal()]++;
                }
            }
        }
        return new Summary(ta, tr, ca, cr, pc, rules[RuleChange.Kind.ADDED.ordinal()],
                rules[RuleChange.Kind.REMOVED.ordinal()], rules[RuleChange.Kind.MOVED.ordinal()],
                rules[RuleChange.Kind.CHANGED.ordinal()]);
    }

    /** Where a change sorts in its chain: its place on the new side, else on the old side. */
    static int order(RuleChange c) {
        return c.after() != null ? c.after().position() : c.before().position();
    }
}
