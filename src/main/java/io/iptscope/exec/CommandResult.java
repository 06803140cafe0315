package io.iptscope.exec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a command did. {@code exitCode} is -1 when the process never ran ({@link #launchError})
 * or was killed on timeout.
 *
 * @param stdout       what it printed, unless a runner handed it to the command's {@link OutputTap} as it arrived
 * @param started      when the command started: the command log shows it, and a batch's results arrive together
 * @param stdoutLength how many bytes it printed: more than {@code stdout} holds when they went to the tap
 */
public record CommandResult(Command command, int exitCode, byte[] stdout, byte[] stderr, Duration duration,
                            boolean timedOut, String launchError, Instant started, long stdoutLength) {

    public CommandResult {
        stdout = stdout == null ? new byte[0] : stdout;
        stderr = stderr == null ? new byte[0] : stderr;
        if (stdoutLength < stdout.length) {
            throw new IllegalArgumentException("stdoutLength " + stdoutLength + " < " + stdout.length + " bytes held");
        }
    }

    /** A result that holds all of its output. */
    public CommandResult(Command command, int exitCode, byte[] stdout, byte[] stderr, Duration duration,
                         boolean timedOut, String launchError, Instant started) {
        this(command, exitCode, stdout, stderr, duration, timedOut, launchError, started,
                stdout == null ? 0 : stdout.length);
    }

    /** A result made as its command ends: it started {@code duration} ago. */
    public CommandResult(Command command, int exitCode, byte[] stdout, byte[] stderr, Duration duration,
                         boolean timedOut, String launchError) {
        this(command, exitCode, stdout, stderr, duration, timedOut, launchError, Instant.now().minus(duration));
    }

    public static CommandResult launchFailed(Command command, String error, Duration duration) {
        return new CommandResult(command, -1, null, null, duration, false, error);
    }

    /** This result of a command ended because it made no progress for its timeout. */
    public CommandResult hung() {
        return new CommandResult(command, -1, stdout, stderr, duration, true, null, started, stdoutLength);
    }

    /** This result of a command the user cancelled: its stderr says so. */
    public CommandResult cancelledByUser() {
        byte[] note = "\niptscope: cancelled by the user\n".getBytes(StandardCharsets.UTF_8);
        byte[] err = java.util.Arrays.copyOf(stderr, stderr.length + note.length);
        System.arraycopy(note, 0, err, stderr.length, note.length);
        return new CommandResult(command, -1, stdout, err, duration, false, null, started, stdoutLength);
    }

    public boolean ok() {
        return exitCode == 0 && !timedOut && launchError == null;
    }

    /** Whether its stdout went to the command's tap instead of {@link #stdout}. */
    public boolean stdoutTapped() {
        return stdoutLength > stdout.length;
    }

    public boolean launched() {
        return launchError == null;
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** The binary could not be found or executed (by us, by nsenter, by env or over SSH). */
    public boolean notFound() {
        if (launchError != null) {
            return true;
        }
        if (exitCode == 127 || exitCode == 126) {
            String err = stderrText().toLowerCase(Locale.ROOT);
            return err.contains("no such file") || err.contains("not found") || err.contains("permission denied")
                    || err.contains("cannot execute");
        }
        return false;
    }

    /** A permission problem: not root, no CAP_NET_ADMIN/CAP_SYS_ADMIN, sudo refused. */
    public boolean denied() {
        if (ok()) {
            return false;
        }
        String err = stderrText().toLowerCase(Locale.ROOT);
        return err.contains("permission denied") || err.contains("operation not permitted")
                || err.contains("you must be root") || err.contains("a password is required")
                || err.contains("not allowed to execute");
    }

    /** One line for logs and error messages: exit status and the first line of stderr. */
    public String summary() {
        if (launchError != null) {
            return "could not run " + command.program() + ": " + launchError;
        }
        if (timedOut) {
            return command.program() + " timed out: no output and no CPU time for " + command.timeout().toMillis()
                    + " ms";
        }
        String err = stderrText().strip();
        int nl = err.indexOf('\n');
        String first = nl < 0 ? err : err.substring(0, nl);
        return "exit " + exitCode + (first.isEmpty() ? "" : ": " + first);
    }
}
