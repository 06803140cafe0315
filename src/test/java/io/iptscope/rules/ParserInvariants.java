package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What must hold for the result of any parse, whatever the input. */
final class ParserInvariants {

    private ParserInvariants() {
    }

    static ParseResult parseAndCheck(String text) {
        ParseResult r = SaveParser.parse(text, "in");
        assertNotNull(r);
        Ruleset rs = r.ruleset();
        int rules = 0;
        for (Table t : rs.tables()) {
            for (Chain c : t.chains()) {
                assertTrue(t.chain(c.name()).isPresent());
                for (Rule rule : c.rules()) {
                    assertEquals(c.name(), rule.chain());
                    assertTrue(rule.line() >= 1 && rule.line() <= rs.lineCount());
                    assertFalse(rule.raw().contains("\n"));
                    assertNotNull(rule.spec());
                    assertNotNull(rule.tokens());
                    rules++;
                }
            }
            for (Rule cmd : t.commands()) {
                assertNotNull(cmd.spec());
            }
        }
        assertEquals(rules, rs.ruleCount());
        for (ParseError e : r.errors()) {
            assertFalse(e.message().startsWith("internal parser error"), e::format);
            assertTrue(e.line() >= 1 && e.line() <= rs.lineCount() + 1, e::format);
            assertTrue(e.column() >= 1, e::format);
        }
        return r;
    }
}
