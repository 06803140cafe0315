package io.iptscope.cli;

/** The exit codes every command shares (documented in README and --help). */
final class ExitCodes {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int CANNOT_INSPECT = 3;

    private ExitCodes() {
    }
}
