package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** The index's one-pass scan must read every rule the way {@link RuleSpec} does. */
final class RuleIndexOracle {

    private RuleIndexOracle() {
    }

    static void check(Ruleset rs) {
        RuleIndex idx = RuleIndex.of(rs);
        assertEquals(rs.ruleCount(), idx.size());
        int i = 0;
        for (Table t : rs.tables()) {
            for (Chain c : t.chains()) {
                for (Rule r : c.rules()) {
                    checkRule(idx, i++, t, r);
                }
            }
        }
    }

    private static void checkRule(RuleIndex idx, int i, Table t, Rule r) {
        RuleSpec s = r.spec();
        String at = "rule " + i + " (line " + r.line() + "): " + r.raw();
        assertEquals(t.name(), idx.table(i), at);
        assertEquals(r.chain(), idx.chain(i), at);
        // A NUL ends the line for iptables-restore's C strings; past it the readers need not agree. Every other
        // line, malformed ones included (-j ! X, -i at the end, two commands), is read alike.
        if (r.raw().indexOf('\0') >= 0) {
            return;
        }
        assertEquals(s.target() == null || s.target().name().isEmpty() ? null : s.target().name(),
                idx.value(RuleIndex.Field.TARGET, i), at);
        assertEquals(value(s.protocol()) == null ? null : RuleIndex.protocolName(value(s.protocol())),
                idx.value(RuleIndex.Field.PROTO, i), at);
        assertEquals(value(s.inInterface()), idx.value(RuleIndex.Field.IN_IFACE, i), at);
        assertEquals(value(s.outInterface()), idx.value(RuleIndex.Field.OUT_IFACE, i), at);
        assertEquals(s.matches().stream().map(Match::module).filter(m -> !m.isEmpty()).toList(),
                List.of(idx.modules(i)), at);
        String comment = s.comment();
        if (comment != null) {
            assertTrue(idx.textMatches(RuleIndex.COMMENT, i, new RuleFilter.Glob(comment, false)), at);
        }
        checkAddress(idx, RuleIndex.SRC, i, value(s.source()), at);
        checkAddress(idx, RuleIndex.DST, i, value(s.destination()), at);
        assertEquals(r.counters() != null, idx.counted(i), at);
        if (r.counters() != null) {
            assertEquals(r.counters().packets(), idx.packets(i), at);
        }
    }

    private static void checkAddress(RuleIndex idx, int column, int i, String value, String at) {
        if (value == null) {
            return;
        }
        assertTrue(idx.textMatches(column, i, new RuleFilter.Glob(value, false)), at);
        Cidr c = Cidr.parse(value);
        if (c != null) {
            assertTrue(idx.overlaps(column, i, c), at);
        }
    }

    /** A parameter's value; a parameter written without one ({@code -p} at the end of a line) has none. */
    private static String value(Param p) {
        return p == null || p.value().isEmpty() ? null : p.value();
    }
}
