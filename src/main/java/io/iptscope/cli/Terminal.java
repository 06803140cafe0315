package io.iptscope.cli;

import picocli.CommandLine;

/**
 * Whether to colour output: picocli's own decision (the same as for --help), which colours only a terminal
 * and honours NO_COLOR (no-color.org), CLICOLOR, CLICOLOR_FORCE and -Dpicocli.ansi.
 */
final class Terminal {

    private Terminal() {
    }

    static boolean colour() {
        return CommandLine.Help.Ansi.AUTO.enabled();
    }
}
