package io.iptscope.ui.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.SaveParser;
import org.junit.jupiter.api.Test;

class RuleRowTest {

    private static RuleRow row(String line) {
        return new RuleRow("filter", SaveParser.parse("*filter\n:FORWARD DROP [0:0]\n" + line + "\nCOMMIT\n", "t")
                .ruleset().table("filter").orElseThrow().chain("FORWARD").orElseThrow().rules().get(0), 1);
    }

    @Test
    void columnsShowTheParsedFieldsWithNegationAndCounters() {
        RuleRow r = row("[5:300] -A FORWARD -i docker0 ! -o docker0 -s 172.17.0.0/16 -p tcp -m conntrack "
                + "--ctstate NEW -m comment --comment \"docker egress\" -j ACCEPT");
        assertEquals("5", r.packets());
        assertEquals("300", r.bytes());
        assertEquals("ACCEPT", r.target());
        assertEquals("tcp", r.protocol());
        assertEquals("172.17.0.0/16", r.source());
        assertEquals("", r.destination());
        assertEquals("docker0", r.inInterface());
        assertEquals("! docker0", r.outInterface());
        assertEquals("conntrack --ctstate NEW", r.matches(), "interfaces have their own columns");
        assertEquals("", r.targetArguments());
        assertEquals("docker egress", r.comment());
        String details = r.details();
        assertTrue(details.contains("out interface    ! docker0"), details);
        assertTrue(details.contains("counters         5 packets, 300 bytes"), details);
    }

    @Test
    void aGotoIsMarkedAsSuch() {
        RuleRow r = row("-A FORWARD -g DOCKER-USER");
        assertEquals("goto DOCKER-USER", r.target());
        assertEquals("DOCKER-USER", r.jumpName());
        assertTrue(r.details().contains("goto             DOCKER-USER"), r.details());
    }

    @Test
    void targetArgumentsSayWhereNatAndMarkSendThePacket() {
        assertEquals("--to-destination 10.244.1.5:8080", row("-A FORWARD -p tcp -j DNAT --to-destination "
                + "10.244.1.5:8080").targetArguments());
        assertEquals("--to-source 192.0.2.1", row("-A FORWARD -j SNAT --to-source 192.0.2.1").targetArguments());
        assertEquals("--to-ports 1024-65535", row("-A FORWARD -p tcp -j MASQUERADE --to-ports 1024-65535")
                .targetArguments());
        assertEquals("--set-xmark 0x4000/0x4000", row("-A FORWARD -j MARK --set-xmark 0x4000/0x4000")
                .targetArguments());
        assertEquals("--random-fully", row("-A FORWARD -j MASQUERADE --random-fully").targetArguments());
    }

    @Test
    void eachColumnOffersTheTermThatFindsItsValue() {
        RuleRow r = row("-A FORWARD -i docker0 ! -o docker0 -p tcp -m comment --comment \"default/web:http cluster IP\" "
                + "-j DNAT --to-destination 10.0.0.1:80");
        assertEquals("iface:docker0", RuleColumn.IN.term(r).orElseThrow());
        assertEquals("iface:docker0", RuleColumn.OUT.term(r).orElseThrow(), "the value, not its negation");
        assertEquals("target:DNAT", RuleColumn.TARGET.term(r).orElseThrow());
        assertEquals("\"--to-destination 10.0.0.1:80\"", RuleColumn.TARGET_ARGUMENTS.term(r).orElseThrow());
        assertEquals("comment:\"default/web:http cluster IP\"", RuleColumn.COMMENT.term(r).orElseThrow());
        assertTrue(RuleColumn.SOURCE.term(r).isEmpty(), "an empty cell offers nothing");
        for (RuleColumn c : RuleColumn.values()) {
            c.term(r).ifPresent(term -> assertTrue(io.iptscope.rules.RuleFilter.compile(term)
                    instanceof io.iptscope.rules.RuleFilter.Compiled.Ok, term));
        }
    }
}
