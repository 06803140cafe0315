package io.iptscope.ui.diff;

import io.iptscope.rules.RulesetDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a diff as the views list it: a table or chain heading, a policy change or a rule change.
 * The marker ({@code +}, {@code -}, {@code ~}, {@code ↕}) says what it is without colour.
 */
public record DiffLine(Kind kind, String table, String chain, String text) {

    public enum Kind {
        TABLE(""),
        /** A chain both sides hold, with its changes below it. */
        CHAIN(""),
        /** A chain only one side holds: all its rules are that side's alone, so it starts collapsed. */
        CHAIN_ONE_SIDED(""),
        /** The chains of a table both sides hold alike (their names below it, collapsed). */
        ALIKE("= "),
        ALIKE_CHAIN("= "),
        POLICY("~ "),
        ADDED("+ "),
        REMOVED("- "),
        MOVED("↕ "),
        CHANGED("~ ");

        private final String marker;

        Kind(String marker) {
            this.marker = marker;
        }

        public String marker() {
            return marker;
        }

        /** 0 for a table, 1 for what a table holds, 2 for what a chain holds. */
        public int level() {
            return switch (this) {
                case TABLE -> 0;
                case CHAIN, CHAIN_ONE_SIDED, ALIKE -> 1;
                default -> 2;
            };
        }

        /** Whether a tree shows this line's children only when asked. */
        public boolean collapsed() {
            return this == CHAIN_ONE_SIDED || this == ALIKE;
        }

        /** The style class of a line of this kind (base.css). */
        public String styleClass() {
            return "ipts-diff-" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Indented by level (table, chain, rule), then the marker, then the text. */
    public String display() {
        return "  ".repeat(kind.level()) + kind.marker() + text;
    }

    /** Flattens a diff into lines, table by table and chain by chain. */
    public static List<DiffLine> of(RulesetDiff diff) {
        List<DiffLine> out = new ArrayList<>();
        for (RulesetDiff.TableDiff t : diff.tables()) {
            out.add(new DiffLine(Kind.TABLE, t.name(), null, "*" + t.name() + "  (" + status(t.status()) + ")"));
            for (RulesetDiff.ChainDiff c : t.chains()) {
                out.add(new DiffLine(Kind.CHAIN, t.name(), c.name(), ":" + c.name() + "  (" + status(c.status())
                        + ")"));
                if (c.policyChanged()) {
                    out.add(new DiffLine(Kind.POLICY, t.name(), c.name(), "policy " + c.policyBefore() + " → "
                            + c.policyAfter()));
                }
                for (RulesetDiff.RuleChange r : c.rules()) {
                    out.add(new DiffLine(kind(r.kind()), t.name(), c.name(), describe(r)));
                }
            }
        }
        return out;
    }

    private static String status(RulesetDiff.Status s) {
        return switch (s) {
            case ADDED -> "only in the second";
            case REMOVED -> "only in the first";
            case CHANGED -> "differs";
        };
    }

    private static Kind kind(RulesetDiff.RuleChange.Kind k) {
        return switch (k) {
            case ADDED -> Kind.ADDED;
            case REMOVED -> Kind.REMOVED;
            case MOVED -> Kind.MOVED;
            case CHANGED -> Kind.CHANGED;
        };
    }

    private static String describe(RulesetDiff.RuleChange r) {
        return switch (r.kind()) {
            case ADDED -> "#" + r.after().position() + " " + r.after().text();
            case REMOVED -> "#" + r.before().position() + " " + r.before().text();
            case MOVED -> "#" + r.before().position() + " → #" + r.after().position() + " " + r.after().text();
            case CHANGED -> "#" + r.before().position() + " " + r.before().text() + "\n        → #"
                    + r.after().position() + " " + r.after().text();
        };
    }
}
