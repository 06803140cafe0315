package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFilterTest {

    private static final String TEXT = """
            *filter
            :INPUT ACCEPT [0:0]
            :KUBE-SVC-ABC - [0:0]
            :KUBE-SEP-XYZ - [0:0]
            [10:600] -A INPUT -i eth0 -p tcp -m tcp --dport 22 -m comment --comment "SSH in" -j ACCEPT
            [0:0] -A INPUT -i wg+ -s 10.244.1.0/24 -j KUBE-SVC-ABC
            [3:180] -A KUBE-SVC-ABC -m comment --comment "ns/web:http -> 10.244.1.5:80" -m statistic --mode random --probability 0.5 -j KUBE-SEP-XYZ
            [0:0] -A KUBE-SEP-XYZ -s fd00:10:244::5/128 -p udp -j DNAT --to-destination [fd00::5]:53
            -A KUBE-SEP-XYZ -d 192.168.0.0/16 -j DROP
            COMMIT
            *nat
            :POSTROUTING ACCEPT [0:0]
            [7:7] -A POSTROUTING -o eth1 -j MASQUERADE
            COMMIT
            """;

    private static final RuleIndex INDEX = RuleIndex.of(SaveParser.parse(TEXT, "t").ruleset());

    /** The 1-based numbers of the matching rules in file order (the index order here). */
    private static List<Integer> hits(String query) {
        RuleFilter.Compiled c = RuleFilter.compile(query);
        assertInstanceOf(RuleFilter.Compiled.Ok.class, c, () -> query + " -> " + c);
        return ((RuleFilter.Compiled.Ok) c).filter().matches(INDEX).stream().map(i -> i + 1).boxed().toList();
    }

    private static RuleFilter.Compiled.Error error(String query) {
        RuleFilter.Compiled c = RuleFilter.compile(query);
        assertInstanceOf(RuleFilter.Compiled.Error.class, c, () -> query + " -> " + c);
        return (RuleFilter.Compiled.Error) c;
    }

    @Test
    void emptyQueryMatchesEverything() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6), hits(""));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), hits("   "));
    }

    @Test
    void fields() {
        assertEquals(List.of(3), hits("chain:KUBE-SVC-ABC"));
        assertEquals(List.of(3, 4, 5), hits("chain:kube-s*"));
        assertEquals(List.of(6), hits("table:nat"));
        assertEquals(List.of(2, 3), hits("target:KUBE-*"));
        assertEquals(List.of(4), hits("target:dnat"));
        assertEquals(List.of(3), hits("comment:http"), "comment matches a part");
        assertEquals(List.of(1), hits("comment:\"ssh in\""));
        assertEquals(List.of(1), hits("proto:tcp"));
        assertEquals(List.of(4), hits("proto:17"));
        assertEquals(List.of(3), hits("module:statistic"));
        assertEquals(List.of(1, 6), hits("iface:eth*"));
        assertEquals(List.of(2), hits("iface:wg0"), "wg+ covers wg0");
    }

    @Test
    void addresses() {
        assertEquals(List.of(2), hits("src:10.244.1.7"));
        assertEquals(List.of(2), hits("src:10.0.0.0/8"));
        assertEquals(List.of(), hits("src:10.245.0.0/16"));
        assertEquals(List.of(4), hits("src:fd00:10:244::/104"));
        assertEquals(List.of(5), hits("dst:192.168.3.4"));
        assertEquals(List.of(2), hits("src:10.244.*"));
    }

    @Test
    void hitsCounters() {
        assertEquals(List.of(1, 3, 6), hits("hits>0"));
        assertEquals(List.of(2, 4), hits("hits=0"), "rule 5 has no counters");
        assertEquals(List.of(1), hits("hits>=10"));
        assertEquals(List.of(2, 3, 4, 6), hits("hits<10"));
    }

    @Test
    void logic() {
        assertEquals(List.of(4, 5), hits("chain:KUBE-SEP-XYZ"));
        assertEquals(List.of(4), hits("chain:KUBE-SEP-XYZ target:DNAT"));
        assertEquals(List.of(4), hits("chain:KUBE-SEP-XYZ and target:DNAT"));
        assertEquals(List.of(1, 4), hits("target:DNAT or target:ACCEPT"));
        assertEquals(List.of(2, 3, 5, 6), hits("!(target:DNAT or target:ACCEPT)"));
        assertEquals(List.of(2, 3, 5, 6), hits("! target:DNAT !target:ACCEPT"));
        assertEquals(List.of(1, 4), hits("(table:filter (target:DNAT or proto:tcp))"));
        assertEquals(List.of(3, 4), hits("(chain:KUBE-SVC-ABC or chain:KUBE-SEP-XYZ) hits>=0"));
    }

    @Test
    void freeText() {
        assertEquals(List.of(2, 3, 4, 5), hits("KUBE-S"));
        assertEquals(List.of(2, 3, 4, 5), hits("kube-s"));
        assertEquals(List.of(), hits("Kube-s"), "a capital letter makes it case-sensitive");
        assertEquals(List.of(3), hits("10.244.1.5:80"));
        assertEquals(List.of(1), hits("\"--dport 22\""));
        assertEquals(List.of(4), hits("[fd00::5]:53"));
        assertEquals(List.of(6), hits("masquerade"));
        assertEquals(List.of(), hits("COMMIT"), "only rule lines are searched");
        assertEquals(List.of(2, 3), hits("KUBE-SVC-*"));
        assertEquals(List.of(3), hits("*statistic*0.5*"));
        assertEquals(List.of(1), hits("--dport ?2"));
        assertEquals(List.of(2), hits("-s 10.244.?.0/24"));
    }

    @Test
    void errorsCarryPositions() {
        assertEquals(0, error("chian:X").position());
        assertEquals(6, error("chain:").position());
        assertEquals(8, error("comment:\"open").position());
        assertEquals(0, error("(chain:A").position());
        assertEquals(7, error("chain:A)").position());
        assertEquals(11, error("chain:A or ").position());
        assertEquals(1, error("!").position());
        assertEquals(5, error("hits>x").position());
        assertEquals(4, error("src:nonsense").position());
        assertEquals(1, error("()").position());
        RuleFilter.Compiled.Error e = error("chain:A or ");
        assertTrue(e.pointAt("chain:A or ").endsWith("           ^ expected a term after 'or'"), e.pointAt("chain:A or "));
    }

    @Test
    void selectReturnsRules() {
        RuleFilter f = ((RuleFilter.Compiled.Ok) RuleFilter.compile("target:MASQUERADE")).filter();
        List<Rule> rules = f.select(INDEX);
        assertEquals(1, rules.size());
        assertEquals("POSTROUTING", rules.get(0).chain());
        assertEquals(13, rules.get(0).line());
    }
}
