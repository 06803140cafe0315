package io.iptscope.rules;

import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestNetns;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Round trips through dumps written by the real iptables-legacy-save and iptables-nft-save. */
class RealDumpWriterTest {

    private static List<RealDumps.Dump> dumps;

    @BeforeAll
    static void makeDumps() throws Exception {
        Requirements.requireNetnsTools();
        dumps = RealDumps.all();
    }

    @Test
    void faithfulWriteGivesBackTheSameBytes() {
        for (RealDumps.Dump d : dumps) {
            assertEquals(d.text(), SaveWriter.faithful(SaveParser.parse(d.text(), d.name()).ruleset()), d.name());
        }
    }

    @Test
    void restoreWriteEqualsTheSaveOutputWithoutComments() {
        for (RealDumps.Dump d : dumps) {
            String withoutComments = d.text().lines().filter(l -> !l.startsWith("#"))
                    .collect(Collectors.joining("\n", "", "\n"));
            assertEquals(withoutComments, SaveWriter.restore(SaveParser.parse(d.text(), d.name()).ruleset()), d.name());
        }
    }

    @Test
    void restoreWriteOfTheRawInputIsAcceptedAndSavesTheSame() throws Exception {
        for (Family f : Family.values()) {
            String input = RealDumps.resource(f == Family.IPV4 ? "real-v4.rules" : "real-v6.rules");
            String canonical = SaveWriter.restore(SaveParser.parse(input, "in").ruleset());
            for (Backend b : Backend.values()) {
                String tool = f.toolPrefix() + b.suffix();
                try (TestNetns ns = TestNetns.create()) {
                    ns.execWithInput(canonical, tool + "-restore");
                    String saved = ns.exec(tool + "-save").stdoutText();
                    String expected = dumps.stream().filter(d -> d.family() == f && d.backend() == b && !d.counters())
                            .findFirst().orElseThrow().text();
                    assertEquals(withoutComments(expected), withoutComments(saved), tool);
                }
            }
        }
    }

    private static String withoutComments(String text) {
        return text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
    }
}
