package io.iptscope.ui.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.RuleIndex;
import io.iptscope.rules.SaveParser;
import org.junit.jupiter.api.Test;

/** The filter bar's wrapper around the rules model's filter language. */
class FilterQueryTest {

    private static final RuleIndex INDEX = RuleIndex.of(SaveParser.parse("""
            *filter
            :INPUT ACCEPT [0:0]
            -A INPUT -p tcp --dport 22 -m comment --comment "ssh from office" -j ACCEPT
            -A INPUT -p udp --dport 53 -j ACCEPT
            -A INPUT -j DROP
            COMMIT
            """, "t").ruleset());

    @Test
    void aValidQueryCarriesTheFilterAndTheEmptyOneShowsEverything() {
        FilterQuery.Valid q = assertInstanceOf(FilterQuery.Valid.class, FilterQuery.compile("target:ACCEPT !proto:udp"));
        assertEquals("{0}", q.filter().matches(INDEX).toString());
        assertFalse(q.everything());
        assertTrue(assertInstanceOf(FilterQuery.Valid.class, FilterQuery.compile("  ")).everything());
    }

    @Test
    void anInvalidQueryCarriesMessageAndPosition() {
        FilterQuery.Invalid open = assertInstanceOf(FilterQuery.Invalid.class, FilterQuery.compile("tcp \"from"));
        assertEquals(4, open.position());
        assertEquals("unterminated quote", open.message());
        FilterQuery.Invalid field = assertInstanceOf(FilterQuery.Invalid.class, FilterQuery.compile("proto:tcp target:"));
        assertEquals(17, field.position());
        assertEquals("proto:tcp target:", field.text());
    }
}
