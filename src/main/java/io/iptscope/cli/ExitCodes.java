package io.iptscope.cli;

/** The exit codes every command shares (documented in README and --help). */
final class ExitCodes {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int CANNOT_INSPECT = 3;
    /** The remote host could not be reached, its key was refused, or the connection broke mid-task. */
    static final int CONNECTION = 4;

    private ExitCodes() {
    }
}
