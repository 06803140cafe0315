package io.iptscope.exec;

import java.time.Instant;
import java.util.List;

/** One entry of the command log: what ran where, how it ended and how much it printed. */
public record CommandRecord(String host, List<String> argv, int exitCode, long durationMillis, long stdoutBytes,
                            long stderrBytes, boolean timedOut, String launchError, Instant startedAt) {

    public CommandRecord {
        argv = List.copyOf(argv);
    }

    static CommandRecord of(String host, CommandResult result, Instant started) {
        return new CommandRecord(host, result.command().argv(), result.exitCode(), result.duration().toMillis(),
                result.stdoutLength(), result.stderr().length, result.timedOut(), result.launchError(),
                started);
    }

    public String commandLine() {
        return String.join(" ", argv);
    }

    public String outcome() {
        if (launchError != null) {
            return "not run: " + launchError;
        }
        return timedOut ? "timed out" : "exit " + exitCode;
    }
}
