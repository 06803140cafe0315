package io.iptscope.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iptscope.rules.Family;
import io.iptscope.rules.KubeRulesetGenerator;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.SaveParser;
import io.iptscope.rules.Table;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    @Test
    void aBigTableSummarisedInTwoHalvesSaysWhatOneSummarySays() {
        String kube = KubeRulesetGenerator.generate(20_000, 7, Family.IPV4).text();
        // An owner in the first half only, kube-proxy in both, an unowned chain last: the merge keeps counts and order.
        int natCommit = kube.lastIndexOf("COMMIT\n");
        ParseResult parsed = SaveParser.parse((kube.substring(0, natCommit)
                + ":ZZ-LAST - [0:0]\n-A ZZ-LAST -j ACCEPT\n-A DOCKER -j RETURN\nCOMMIT\n").replace("*nat\n", "*nat\n:DOCKER - [0:0]\n"),
                "kube");
        assertTrue(parsed.ok(), parsed.errors().toString());
        Table nat = parsed.ruleset().table("nat").orElseThrow();
        assertTrue(nat.chains().size() > 2 * 2000, "big enough to be split: " + nat.chains().size());
        TableEvidence whole = EvidenceCollector.summarise(nat);
        ExecutorService beside = Executors.newSingleThreadExecutor();
        try {
            assertEquals(whole, EvidenceCollector.summarise(nat, beside));
        } finally {
            beside.shutdownNow();
        }
        assertTrue(whole.owners().size() >= 2, whole.owners().toString());
        assertTrue(whole.chainFacts("ZZ-LAST").orElseThrow().accepts());
    }

    @Test
    void aFailureInTheOtherHalfIsTheSummarysOwn() {
        ParseResult parsed = SaveParser.parse(KubeRulesetGenerator.generate(20_000, 7, Family.IPV4).text(), "kube");
        Table nat = parsed.ruleset().table("nat").orElseThrow();
        IllegalStateException refused = new IllegalStateException("no thread");
        Executor failing = r -> {
            throw refused;
        };
        assertSame(refused, assertThrows(IllegalStateException.class, () -> EvidenceCollector.summarise(nat, failing)));
    }
}
