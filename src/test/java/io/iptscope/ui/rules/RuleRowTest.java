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
        assertEquals("in docker0 · out ! docker0 · conntrack --ctstate NEW", r.matches());
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
}
