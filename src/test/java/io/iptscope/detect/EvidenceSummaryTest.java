package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.ParseResult;
import io.iptscope.rules.SaveParser;
import org.junit.jupiter.api.Test;

/** The summary skips splitting most rules of owned chains; what it then says must not change. */
class EvidenceSummaryTest {

    private static TableEvidence.ChainFacts facts(String rules, String chain) {
        ParseResult parsed = SaveParser.parse("*filter\n:INPUT ACCEPT [0:0]\n:" + chain + " - [0:0]\n" + rules
                + "COMMIT\n", "test");
        assertTrue(parsed.ok(), parsed.errors().toString());
        return EvidenceCollector.summarise(parsed.ruleset().tables().get(0)).chainFacts(chain).orElseThrow();
    }

    @Test
    void aQuotedAcceptTargetOfAnOwnedChainStillCounts() {
        assertTrue(facts("-A KUBE-FORWARD -m comment --comment \"x y\" -j AC\"CEPT\"\n", "KUBE-FORWARD").accepts());
        assertTrue(facts("-A KUBE-FORWARD -j \"ACC\\EPT\"\n", "KUBE-FORWARD").accepts());
        assertFalse(facts("-A KUBE-FORWARD -m comment --comment \"x y\" -j KUBE-MARK-MASQ\n", "KUBE-FORWARD")
                .accepts());
    }

    @Test
    void aCatchAllDropEndsAnOwnedChainOnlyAsItsLastRule() {
        TableEvidence.ChainFacts last = facts("-A KUBE-FORWARD -s 10.0.0.1/32 -j RETURN\n-A KUBE-FORWARD -j D\"ROP\"\n",
                "KUBE-FORWARD");
        assertEquals("DROP", last.endsWith());
        assertEquals("KUBE-FORWARD", last.name());
        assertNull(facts("-A KUBE-FORWARD -j DROP\n-A KUBE-FORWARD -s 10.0.0.1/32 -j RETURN\n", "KUBE-FORWARD")
                .endsWith());
    }

    @Test
    void aWordIsFoundAcrossQuotesAndEscapesOnly() {
        assertTrue(EvidenceCollector.mayName("-j ACCEPT", "ACCEPT"));
        assertTrue(EvidenceCollector.mayName("-j A\"CC\"EPT", "ACCEPT"));
        assertTrue(EvidenceCollector.mayName("-j \"AC\\CEPT\"", "ACCEPT"));
        assertFalse(EvidenceCollector.mayName("-j AC CEPT", "ACCEPT"));
        assertFalse(EvidenceCollector.mayName("-j \"AC CEPT\"", "ACCEPT"));
        assertFalse(EvidenceCollector.mayName("-j KUBE-SEP-ACCEP", "ACCEPT"));
        assertFalse(EvidenceCollector.mayName("-m comment --comment \"ns/svc:p\" -j KUBE-SEP-X", "ACCEPT"));
        assertTrue(EvidenceCollector.mayName("-m comment --comment \"x\" -j \"AC\"CEPT", "ACCEPT"));
        assertTrue(EvidenceCollector.mayName("-j AC\"CEPT\" -m comment --comment \"x\"", "ACCEPT"));
    }
}
