package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSpecTest {

    static RuleSpec spec(String line) {
        return RuleSpec.of(Tokenizer.split(line, 0, line.length()));
    }

    @Test
    void kubeServiceRule() {
        RuleSpec s = spec("-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment \"default/svc:http cluster IP\""
                + " -m tcp --dport 80 -j KUBE-SVC-MUQ2WJJOBN5TYKNC");
        assertEquals(Command.APPEND, s.command());
        assertEquals("KUBE-SERVICES", s.chain());
        assertEquals(new Param("10.96.0.10/32", false), s.destination());
        assertEquals(new Param("tcp", false), s.protocol());
        assertNull(s.source());
        assertEquals(List.of("comment", "tcp"), s.matches().stream().map(Match::module).toList());
        assertEquals(new Option("--dport", List.of("80"), Option.Negation.NONE), s.matches().get(1).options().get(0));
        assertEquals(new Target(Target.Kind.JUMP, "KUBE-SVC-MUQ2WJJOBN5TYKNC", List.of()), s.target());
        assertEquals("default/svc:http cluster IP", s.comment());
    }

    @Test
    void negationsInAllPlaces() {
        RuleSpec s = spec("-A IN ! -s 10.0.0.0/8 ! -i eth0 -o ! lo ! -f -m conntrack ! --ctstate NEW,INVALID"
                + " -m mark --mark ! 0x1 -j DROP");
        assertEquals(new Param("10.0.0.0/8", true), s.source());
        assertEquals(new Param("eth0", true), s.inInterface());
        assertEquals(new Param("lo", true), s.outInterface());
        assertEquals(new Param("", true), s.fragment());
        assertEquals(Option.Negation.BEFORE_OPTION, s.match("conntrack").orElseThrow().options().get(0).negation());
        Option mark = s.match("mark").orElseThrow().option("--mark").orElseThrow();
        assertEquals(Option.Negation.AFTER_OPTION, mark.negation());
        assertEquals("0x1", mark.value());
    }

    @Test
    void gotoAndTargetOptions() {
        RuleSpec s = spec("-A X -p udp -g KUBE-Y");
        assertEquals(Target.Kind.GOTO, s.target().kind());
        assertEquals("KUBE-Y", s.target().name());
        RuleSpec d = spec("-A KUBE-SEP-1 -p tcp -m tcp -j DNAT --to-destination 10.244.0.39:8080 --random");
        assertEquals(List.of(new Option("--to-destination", List.of("10.244.0.39:8080"), Option.Negation.NONE),
                new Option("--random", List.of(), Option.Negation.NONE)), d.target().options());
    }

    @Test
    void unknownOptionsAreKept() {
        RuleSpec s = spec("-A X -c 10 20 --weird a b -p tcp --dport 22 stray -j ACCEPT");
        assertEquals(List.of(new Option("-c", List.of("10", "20"), Option.Negation.NONE),
                new Option("--weird", List.of("a", "b"), Option.Negation.NONE),
                new Option("--dport", List.of("22", "stray"), Option.Negation.NONE)), s.otherOptions());
    }

    @Test
    void otherCommandsAndTheirArguments() {
        RuleSpec ins = spec("-I INPUT 3 -j DROP");
        assertEquals(Command.INSERT, ins.command());
        assertEquals("INPUT", ins.chain());
        assertEquals(List.of("3"), ins.commandArgs());
        RuleSpec pol = spec("--policy FORWARD DROP");
        assertEquals(Command.POLICY, pol.command());
        assertEquals(List.of("DROP"), pol.commandArgs());
        RuleSpec flush = spec("-F");
        assertEquals(Command.FLUSH, flush.command());
        assertNull(flush.chain());
        assertEquals(Command.NONE, spec("garbage here").command());
    }

    @Test
    void commandNeedNotComeFirst() {
        RuleSpec s = spec("-p tcp -A INPUT -j ACCEPT");
        assertEquals(Command.APPEND, s.command());
        assertEquals("INPUT", s.chain());
        assertEquals("tcp", s.protocol().value());
    }

    @Test
    void quotedValuesAreNeverOptions() {
        RuleSpec s = spec("-A X -m comment --comment \"-j DROP\" -j ACCEPT");
        assertEquals("-j DROP", s.comment());
        assertEquals("ACCEPT", s.target().name());
    }

    @Test
    void negativeNumbersAreValues() {
        RuleSpec s = spec("-A X -m foo --bar -5 -j ACCEPT");
        assertEquals(List.of("-5"), s.match("foo").orElseThrow().option("--bar").orElseThrow().values());
    }
}
