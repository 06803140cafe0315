package io.iptscope.ui.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.Rule;
import io.iptscope.rules.SaveParser;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FilterQueryTest {

    private static final List<Rule> RULES = SaveParser.parse("""
            *filter
            :INPUT ACCEPT [0:0]
            -A INPUT -p tcp --dport 22 -m comment --comment "ssh from office" -j ACCEPT
            -A INPUT -p udp --dport 53 -j ACCEPT
            -A INPUT -j DROP
            COMMIT
            """, "t").ruleset().table("filter").orElseThrow().chain("INPUT").orElseThrow().rules();

    private static List<Integer> matching(String query) {
        FilterQuery.Valid q = assertInstanceOf(FilterQuery.Valid.class, FilterQuery.compile(query));
        return IntStream.range(0, RULES.size()).filter(i -> q.predicate().test(RULES.get(i))).mapToObj(i -> i + 1)
                .toList();
    }

    @Test
    void wordsMustAllOccurCaseInsensitivelyAndBangExcludes() {
        assertEquals(List.of(1, 2, 3), matching(""));
        assertEquals(List.of(1, 2), matching("accept"));
        assertEquals(List.of(1), matching("ACCEPT tcp"));
        assertEquals(List.of(2, 3), matching("!tcp"));
        assertEquals(List.of(1), matching("\"from office\""));
    }

    @Test
    void errorsCarryTheirPosition() {
        FilterQuery.Invalid open = assertInstanceOf(FilterQuery.Invalid.class, FilterQuery.compile("tcp \"from"));
        assertEquals(4, open.position());
        assertEquals("unclosed quote", open.message());
        FilterQuery.Invalid bang = assertInstanceOf(FilterQuery.Invalid.class, FilterQuery.compile("tcp ! x"));
        assertEquals(4, bang.position());
        FilterQuery.Invalid inside = assertInstanceOf(FilterQuery.Invalid.class, FilterQuery.compile("ab\"c\""));
        assertEquals(2, inside.position());
        assertFalse(FilterQuery.compile("\"\"") instanceof FilterQuery.Valid);
        assertTrue(FilterQuery.compile("  ") instanceof FilterQuery.Valid);
    }
}
