package io.iptscope.cli;

import io.iptscope.detect.InspectionException;
import io.iptscope.exec.PrivilegeException;
import io.iptscope.exec.SshConnectionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The exit codes every command shares (documented in README and --help), and which failure gets which. */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int CANNOT_INSPECT = 3;
    /** The remote host could not be reached, its key was refused, or the connection broke mid-task. */
    static final int CONNECTION = 4;
    /** A file (rules, report, snapshot, state) could not be read or written. */
    static final int IO = 5;
    /** A bug: an exception nobody expected (the log file has its stack trace). */
    static final int INTERNAL = 70;

    /** Checked in order; the first type the failure is an instance of decides. */
    private static final List<Map.Entry<Class<? extends Throwable>, Integer>> BY_TYPE = List.of(
            // picocli hands its parse errors (mutually exclusive options, a missing value) to this mapper too.
            Map.entry(CommandLine.ParameterException.class, USAGE),
            Map.entry(IllegalArgumentException.class, USAGE),
            Map.entry(UnsupportedOperationException.class, USAGE),
            Map.entry(SshConnectionException.class, CONNECTION),
            Map.entry(InspectionException.class, CANNOT_INSPECT),
            Map.entry(PrivilegeException.class, CANNOT_INSPECT),
            Map.entry(IOException.class, IO),
            Map.entry(UncheckedIOException.class, IO));

    /** Whether the failure is one a user can meet (a message suffices) rather than a bug. */
    static boolean expected(Throwable t) {
        return BY_TYPE.stream().anyMatch(e -> e.getKey().isInstance(t));
    }

    @Override
    public int getExitCode(Throwable t) {
        return BY_TYPE.stream().filter(e -> e.getKey().isInstance(t)).map(Map.Entry::getValue).findFirst()
                .orElse(INTERNAL);
    }
}
