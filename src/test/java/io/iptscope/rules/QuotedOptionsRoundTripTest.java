package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iptscope.testing.Requirements;
import io.iptscope.testing.TestNetns;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code save --tables} reprints real iptables-save output byte for byte, also the options iptables-save always
 * quotes ({@code string}, {@code u32}, {@code connlabel}) and those it quotes only when needed ({@code comment},
 * {@code LOG}).
 */
class QuotedOptionsRoundTripTest {

    private static final String RULES = """
            *filter
            -A INPUT -m string --string "test" --algo bm
            -A INPUT -m string --string "a b\\"c\\\\d" --algo kmp --to 100
            -A INPUT -m string --hex-string "|0a0b|ab" --algo kmp
            -A INPUT -m u32 --u32 "0x0>>0x16&0x3c@0x4=0x0"
            -A INPUT -m connlabel --label 1
            -A INPUT -m comment --comment plain -j LOG --log-prefix "a b: "
            -A INPUT -m comment --comment "two words" -j NFLOG --nflog-prefix x
            COMMIT
            """;

    @Test
    void restoreFormatOfARealSaveIsThatSave() {
        Requirements.requireNetnsTools();
        for (Family f : Family.values()) {
            for (Backend b : Backend.values()) {
                String tool = f.toolPrefix() + b.suffix();
                try (TestNetns ns = TestNetns.create()) {
                    ns.restore(tool + "-restore", RULES);
                    String saved = ns.exec(tool + "-save").stdoutText();
                    String expected = saved.lines().filter(l -> !l.startsWith("#"))
                            .collect(Collectors.joining("\n", "", "\n"));
                    assertEquals(expected, SaveWriter.restore(SaveParser.parse(saved, tool).ruleset()), tool);
                }
            }
        }
    }

    @Test
    void cgroupPathsAreQuotedOnlyWhenNeeded() {
        // cgroup --path needs cgroup v2 in the kernel, so this is the form libxt_cgroup prints (xtables_save_string).
        String saved = "*filter\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -m cgroup --path \"/init.scope\"\n-A OUTPUT -m cgroup --path x\nCOMMIT\n";
        assertEquals(saved, SaveWriter.restore(SaveParser.parse(saved, "t").ruleset()));
    }
}
