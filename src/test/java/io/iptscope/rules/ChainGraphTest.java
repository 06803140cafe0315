package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChainGraphTest {

    private static final String TEXT = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :A - [0:0]
            :B - [0:0]
            :ORPHAN - [0:0]
            :ISLAND - [0:0]
            -A INPUT -p tcp -j A
            -A INPUT -g B
            -A INPUT -j NOWHERE
            -A INPUT -j LOG --log-prefix x
            -A A -m comment --comment "all of it" -j ACCEPT
            -A A -s 10.0.0.0/8 -j DROP
            -A A -j B
            -A B -s 10.0.0.0/8 -j RETURN
            -A B -j DNAT --to-destination 1.2.3.4
            -A ORPHAN -j ISLAND
            -A ISLAND -j ORPHAN
            COMMIT
            """;

    private final ChainGraph g = ChainGraph.of(SaveParser.parse(TEXT, "t").ruleset());

    @Test
    void edgesAndReferences() {
        assertEquals(List.of("INPUT>A", "INPUT>B", "INPUT>NOWHERE", "A>B", "ORPHAN>ISLAND", "ISLAND>ORPHAN"),
                g.edges().stream().map(e -> e.from() + ">" + e.to()).toList());
        List<ChainGraph.Edge> toB = g.referencedBy("filter", "B");
        assertEquals(2, toB.size());
        assertEquals(Target.Kind.GOTO, toB.get(0).kind());
        assertEquals(9, toB.get(0).line());
        assertEquals(2, toB.get(0).position());
        assertTrue(g.referencedBy("filter", "INPUT").isEmpty());
    }

    @Test
    void deadChainsAndMissingTargets() {
        assertEquals(List.of(), g.unreferenced(), "ORPHAN and ISLAND refer to each other");
        assertEquals(List.of(new ChainRef("filter", "ORPHAN"), new ChainRef("filter", "ISLAND")),
                g.unreachable());
        assertEquals(List.of("NOWHERE"), g.missingTargets().stream().map(ChainGraph.Edge::to).toList());
        ChainGraph lone = ChainGraph.of(SaveParser.parse("*nat\n:X - [0:0]\nCOMMIT\n", "t").ruleset());
        assertEquals(List.of(new ChainRef("nat", "X")), lone.unreferenced());
    }

    @Test
    void rulesAfterAnUnconditionalTerminalAreShadowed() {
        List<ChainGraph.Shadowed> s = g.shadowed();
        assertEquals(2, s.size());
        assertEquals("A", s.get(0).chain());
        assertEquals(2, s.get(0).rule().position());
        assertEquals(1, s.get(0).by().position());
        assertEquals("-A A -j B", s.get(1).rule().text());
    }

    @Test
    void dot() {
        String dot = g.toDot();
        assertTrue(dot.startsWith("digraph iptables {"), dot);
        assertTrue(dot.contains("\"filter:INPUT\" [label=\"INPUT\", shape=box, style=bold];"), dot);
        assertTrue(dot.contains("\"filter:INPUT\" -> \"filter:B\" [style=dashed];"), dot);
        assertTrue(dot.contains("\"filter:NOWHERE\" [label=\"NOWHERE (missing)\", color=red"), dot);
        assertTrue(dot.contains("\"filter:ORPHAN\" [label=\"ORPHAN\", style=dotted];"), dot);
        assertTrue(dot.trim().endsWith("}"));
    }

    @Test
    void kubeRulesetOnlyHasKubeProxysOwnUnusedChains() {
        Ruleset rs = SaveParser.parse(KubeRulesetGenerator.generate(3000, 5, Family.IPV4).text(), "gen").ruleset();
        ChainGraph kube = ChainGraph.of(rs);
        // The canaries exist to be probed, and nothing jumps to KUBE-MARK-DROP any more (Kubernetes >= 1.26).
        assertEquals(List.of("KUBE-KUBELET-CANARY", "KUBE-PROXY-CANARY", "KUBE-KUBELET-CANARY", "KUBE-MARK-DROP",
                        "KUBE-PROXY-CANARY"),
                kube.unreferenced().stream().map(ChainRef::chain).toList());
        assertTrue(kube.missingTargets().isEmpty());
        assertTrue(kube.shadowed().isEmpty());
        assertTrue(kube.referencedBy("nat", "KUBE-MARK-MASQ").size() > 100);
    }
}
