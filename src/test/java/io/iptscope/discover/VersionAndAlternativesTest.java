package io.iptscope.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionAndAlternativesTest {

    @Test
    void versionsAreFoundInToolOutputAndCompareNumerically() {
        assertEquals(Version.of(1, 8, 9), Version.find("iptables v1.8.9 (nf_tables)").orElseThrow());
        assertEquals(Version.of(1, 0, 6), Version.find("nftables v1.0.6 (Lester Gooch #5)").orElseThrow());
        assertEquals(Version.of(1, 6, 0), Version.find("iptables v1.6").orElseThrow());
        assertTrue(Version.find("no version here").isEmpty());
        assertTrue(Version.of(1, 8, 10).compareTo(Version.of(1, 8, 9)) > 0);
        assertTrue(Version.of(1, 8, 3).between(Version.of(1, 8, 0), Version.of(1, 8, 3)));
        assertTrue(Version.of(1, 4, 22).atLeast(1, 4, 20));
    }

    @Test
    void modesComeFromTheOutputThenTheName() {
        assertEquals(Mode.NF_TABLES, Versions.modeOf(Tool.of(io.iptscope.rules.Family.IPV4, Variant.PLAIN,
                ToolKind.BASE), "iptables v1.8.9 (nf_tables)", true));
        assertEquals(Mode.LEGACY, Versions.modeOf(Tool.of(io.iptscope.rules.Family.IPV4, Variant.PLAIN,
                ToolKind.BASE), "iptables v1.8.9 (legacy)", true));
        assertEquals(Mode.UNKNOWN, Versions.modeOf(Tool.of(io.iptscope.rules.Family.IPV6, Variant.PLAIN,
                ToolKind.SAVE), "", false));
        assertEquals(Mode.NF_TABLES, Versions.modeOf(Tool.of(io.iptscope.rules.Family.IPV6, Variant.NFT,
                ToolKind.SAVE), "", false));
    }

    @Test
    void parsesUpdateAlternativesQuery() {
        String out = """
                Name: iptables
                Link: /usr/sbin/iptables
                Slaves:
                 iptables-restore /usr/sbin/iptables-restore
                 iptables-save /usr/sbin/iptables-save
                Status: manual
                Best: /usr/sbin/iptables-nft
                Value: /usr/sbin/iptables-legacy

                Alternative: /usr/sbin/iptables-legacy
                Priority: 10
                Slaves:
                 iptables-restore /usr/sbin/iptables-legacy-restore

                Alternative: /usr/sbin/iptables-nft
                Priority: 20
                """;
        Alternatives a = Alternatives.parseQuery(out);
        assertEquals("iptables", a.name());
        assertEquals("manual", a.status());
        assertEquals("/usr/sbin/iptables-legacy", a.value());
        assertEquals("/usr/sbin/iptables-nft", a.best());
        assertEquals(List.of("/usr/sbin/iptables-legacy", "/usr/sbin/iptables-nft"), a.choices());
        assertNull(Alternatives.parseQuery("update-alternatives: error: no alternatives for iptables"));
    }

    @Test
    void thereAreEighteenIptablesNamesAndThreeOthers() {
        assertEquals(21, Tool.ALL.size());
        assertEquals(18, Tool.ALL.stream().filter(Tool::isIptables).count());
        assertEquals("ip6tables-legacy-restore", Tool.of(io.iptscope.rules.Family.IPV6, Variant.LEGACY,
                ToolKind.RESTORE).name());
    }
}
