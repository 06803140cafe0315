package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SaveWriterTest {

    @Test
    void faithfulKeepsEveryLineInOrder() {
        String text = RealDumps.resource("saved-legacy-v4-c.txt");
        assertEquals(text, SaveWriter.faithful(SaveParser.parse(text, "t").ruleset()));
        String nft = RealDumps.resource("saved-nft-v4.txt");
        assertEquals(nft, SaveWriter.faithful(SaveParser.parse(nft, "t").ruleset()));
    }

    @Test
    void faithfulKeepsOtherCommandsAndInterleavedComments() {
        String text = "*filter\n-N X\n# between\n-A X -j DROP\n-I X 1 -j ACCEPT\nCOMMIT\n";
        assertEquals(text, SaveWriter.faithful(SaveParser.parse(text, "t").ruleset()));
    }

    @Test
    void faithfulAddsTheFinalNewlineAndDropsBlankLines() {
        String text = "*filter\n\n:INPUT ACCEPT [0:0]\nCOMMIT";
        assertEquals("*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n", SaveWriter.faithful(SaveParser.parse(text, "t").ruleset()));
    }

    @Test
    void restoreIsCanonical() {
        String text = "# c\n*filter\r\n:INPUT ACCEPT\t[1:2]\n:MY -\n-A MY   -m comment --comment 'single'  -j DROP\n"
                + "[3:4] -A INPUT -m comment --comment \"it's \\\"q\\\"\" -j LOG --log-prefix x\n"
                + "-A MY -m comment --comment plain -j ACCEPT\nCOMMIT";
        String expected = """
                *filter
                :INPUT ACCEPT [1:2]
                :MY - [0:0]
                [3:4] -A INPUT -m comment --comment "it\\'s \\"q\\"" -j LOG --log-prefix x
                -A MY -m comment --comment "\\'single\\'" -j DROP
                -A MY -m comment --comment plain -j ACCEPT
                COMMIT
                """;
        assertEquals(expected, SaveWriter.restore(SaveParser.parse(text, "t").ruleset()));
    }

    @Test
    void restoreQuotesOnlyWhatNeedsIt() {
        String text = "*filter\n-A INPUT -m string --string \"a b\" --algo bm -s 10.0.0.1/32 -m comment --comment \"\" -j ACCEPT\nCOMMIT\n";
        Rule r = SaveParser.parse(text, "t").ruleset().tables().get(0).chains().get(0).rules().get(0);
        assertEquals("-A INPUT -m string --string \"a b\" --algo bm -s 10.0.0.1/32 -m comment --comment \"\" -j ACCEPT",
                SaveWriter.canonicalRule(r));
    }

    @Test
    void restoreOutputParsesBackToTheSameCanonicalText() {
        String text = RealDumps.resource("real-v4.rules");
        String once = SaveWriter.restore(SaveParser.parse(text, "t").ruleset());
        ParseResult again = SaveParser.parse(once, "once");
        assertTrue(again.ok(), () -> again.errors().toString());
        assertEquals(once, SaveWriter.restore(again.ruleset()));
    }
}
