package io.iptscope.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecialLinesTest {

    private static Optional<SpecialLine.Kind> kind(String line) {
        return SpecialLines.classify(line);
    }

    @Test
    void classifiesEveryKind() {
        assertEquals(Optional.of(SpecialLine.Kind.LEGACY_TABLES_WARNING),
                kind("# Warning: iptables-legacy tables present, use iptables-legacy-save to see them"));
        assertEquals(Optional.of(SpecialLine.Kind.LEGACY_TABLES_WARNING),
                kind("# Warning: ip6tables-legacy tables present, use ip6tables-legacy to see them"));
        assertEquals(Optional.of(SpecialLine.Kind.CANT_FIND_LIBRARY), kind("Can't find library for target 'FOO'"));
        assertEquals(Optional.of(SpecialLine.Kind.CANT_FIND_LIBRARY), kind("Can't find library for match 'bar'"));
        assertEquals(Optional.of(SpecialLine.Kind.INCOMPATIBLE_TABLE), kind("# Table `filter' is incompatible, use 'nft' tool."));
        assertEquals(Optional.of(SpecialLine.Kind.INCOMPATIBLE_TABLE), kind("# Table 'filter' is incompatible, use 'nft' tool."));
        assertEquals(Optional.of(SpecialLine.Kind.INCOMPATIBLE_BASE_CHAINS),
                kind("# Table `nat' contains incompatible base-chains, use 'nft' tool to list them."));
        assertEquals(Optional.of(SpecialLine.Kind.UNSUPPORTED_REVISION),
                kind("-A INPUT -m foo [unsupported revision] -j ACCEPT"));
    }

    @Test
    void ordinaryLinesAreNotSpecial() {
        assertEquals(Optional.empty(), kind("# Completed on Sat Nov 21 15:20:11 2026"));
        assertEquals(Optional.empty(), kind("-A INPUT -m comment --comment \"[unsupported]\" -j ACCEPT"));
        assertEquals(Optional.empty(), kind(""));
        assertEquals(Optional.empty(), kind("# Table filter"));
    }

    @Test
    void namesTheTableWithEitherQuote() {
        assertEquals(Optional.of("filter"), SpecialLines.tableNamed("# Table `filter' is incompatible, use 'nft' tool."));
        assertEquals(Optional.of("nat"), SpecialLines.tableNamed("# Table 'nat' contains incompatible base-chains"));
        assertEquals(Optional.empty(), SpecialLines.tableNamed("# Table filter"));
    }

    @Test
    void parserRecordsSpecialLinesWithTheirTable() {
        String text = """
                # Table `mangle' is incompatible, use 'nft' tool.
                *filter
                :INPUT ACCEPT [0:0]
                -A INPUT -m foo [unsupported revision] -j ACCEPT
                COMMIT
                # Warning: iptables-legacy tables present, use iptables-legacy-save to see them
                """;
        Ruleset rs = SaveParser.parse(text, "t").ruleset();
        assertEquals(3, rs.specials().size());
        assertEquals(new SpecialLine(1, SpecialLine.Kind.INCOMPATIBLE_TABLE, "mangle",
                "# Table `mangle' is incompatible, use 'nft' tool."), rs.specials().get(0));
        assertEquals(new SpecialLine(4, SpecialLine.Kind.UNSUPPORTED_REVISION, "filter",
                "-A INPUT -m foo [unsupported revision] -j ACCEPT"), rs.specials().get(1));
        assertEquals(SpecialLine.Kind.LEGACY_TABLES_WARNING, rs.specials().get(2).kind());
        assertEquals(null, rs.specials().get(2).table());
        assertEquals(1, rs.ruleCount());
    }
}
