package io.iptscope.cli;

/** Whether to colour output: only on a terminal, and never when NO_COLOR is set (no-color.org). */
final class Terminal {

    private Terminal() {
    }

    static boolean colour() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
