package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Compiling never throws, and compiled filters evaluate without throwing. */
class RuleFilterProperties {

    private static final RuleIndex INDEX = RuleIndex.of(SaveParser.parse(
            KubeRulesetGenerator.generate(200, 3, Family.IPV4).text(), "gen").ruleset());

    @Property(tries = 1000)
    void anyStringCompiles(@ForAll String query) {
        check(query);
    }

    @Property(tries = 2000)
    void queryShapedNoiseCompiles(@ForAll("queries") String query) {
        check(query);
    }

    private static void check(String query) {
        RuleFilter.Compiled c = RuleFilter.compile(query);
        if (c instanceof RuleFilter.Compiled.Ok ok) {
            BitSet hits = ok.filter().matches(INDEX);
            assertTrue(hits.length() <= INDEX.size());
        } else {
            RuleFilter.Compiled.Error e = (RuleFilter.Compiled.Error) c;
            assertTrue(e.position() >= 0 && e.position() <= query.length(), e.toString());
        }
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> piece = Arbitraries.of(List.of("chain:", "table:", "target:", "src:", "dst:", "proto:",
                "iface:", "comment:", "module:", "hits>", "hits=", "hits>=", "hits<", "!", "(", ")", "or", "and", "\"",
                "\\", "*", "?", "KUBE-*", "10.244.0.0/16", "fd00::/8", "::", "/", "0", "99999999999999999999", "tcp",
                "x", " ", "nat", "DNAT"));
        return piece.list().ofMaxSize(12).map(p -> String.join("", p));
    }
}
