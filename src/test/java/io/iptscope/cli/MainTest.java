package io.iptscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run builds only the subcommand it names, none for the version; help, a typo or no subcommand see them all. */
class MainTest {

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertEquals(Set.of("check"), Main.commandLine(new String[] {"--verbose", "check", "detect"})
                .getSubcommands().keySet());
        assertEquals(Set.of("detect"), Main.commandLine(new String[] {"detect", "--json"}).getSubcommands().keySet());
    }

    @Test
    void theVersionNeedsNoSubcommand() {
        assertEquals(Set.of(), Main.commandLine(new String[] {"--version"}).getSubcommands().keySet());
        assertEquals(Set.of(), Main.commandLine(new String[] {"--verbose", "-V"}).getSubcommands().keySet());
        assertEquals(Set.of("check"), Main.commandLine(new String[] {"-V", "check"}).getSubcommands().keySet());
        assertEquals(17, Main.commandLine(new String[] {"--version", "--help"}).getSubcommands().size());
        assertEquals(17, Main.commandLine(new String[] {"--verbose"}).getSubcommands().size());
    }

    @Test
    void helpATypoOrNoSubcommandSeeEveryOne() {
        Set<String> all = Main.commandLine().getSubcommands().keySet();
        assertEquals(all, Main.commandLine(new String[] {"--help"}).getSubcommands().keySet());
        assertEquals(all, Main.commandLine(new String[] {"detcet"}).getSubcommands().keySet());
        assertEquals(all, Main.commandLine(new String[0]).getSubcommands().keySet());
        assertEquals(17, all.size());
    }
}
