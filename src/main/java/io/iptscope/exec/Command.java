package io.iptscope.exec;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One external command: an argv list (never a shell string), optional stdin and a timeout: locally,
 * the whole process tree is killed once it printed nothing and used no CPU for that long (see
 * {@link ProgressWatchdog}); a read that is merely big is never killed.
 */
public record Command(List<String> argv, byte[] stdin, Duration timeout, OutputTap stdoutTap) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        stdin = stdin == null ? null : stdin.clone();
        Objects.requireNonNull(timeout, "timeout");
    }

    public Command(List<String> argv, byte[] stdin, Duration timeout) {
        this(argv, stdin, timeout, null);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null, DEFAULT_TIMEOUT);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, null, DEFAULT_TIMEOUT);
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(argv, stdin, newTimeout, stdoutTap);
    }

    public Command withStdin(byte[] input) {
        return new Command(argv, input, timeout, stdoutTap);
    }

    /** The same command; its stdout is also handed to {@code tap} as it arrives (see {@link OutputTap}). */
    public Command withStdoutTap(OutputTap tap) {
        return new Command(argv, stdin, timeout, tap);
    }

    /** The same command, run with {@code prefix} in front of its argv (nsenter, sudo, env ...). */
    public Command prefixed(List<String> prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        List<String> joined = new java.util.ArrayList<>(prefix.size() + argv.size());
        joined.addAll(prefix);
        joined.addAll(argv);
        return new Command(joined, stdin, timeout, stdoutTap);
    }

    /**
     * This command and then, if it succeeded, {@code next}, in one process tree: for steps that must share a
     * namespace that dies with them (a restore and a save in a scratch netns). The one shell involved gets both
     * argvs quoted by {@link ShellQuote}; stdin goes to this command, the timeouts add up.
     */
    public Command then(Command next) {
        if (next.stdin != null) {
            throw new IllegalArgumentException("only the first command of a sequence reads stdin: " + next);
        }
        String script = ShellQuote.quote(argv) + " && exec " + ShellQuote.quote(next.argv);
        return new Command(List.of("sh", "-c", script), stdin, timeout.plus(next.timeout));
    }

    public String program() {
        return argv.get(0);
    }

    /** Zeroes this command's stdin (a sudo password line) once it has been written; the command is spent. */
    public void wipeStdin() {
        if (stdin != null) {
            Arrays.fill(stdin, (byte) 0);
        }
    }

    @Override
    public byte[] stdin() {
        return stdin == null ? null : stdin.clone();
    }

    /** What runs: argv, stdin and timeout; who else sees the output does not make another command. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && argv.equals(c.argv) && Arrays.equals(stdin, c.stdin) && timeout.equals(c.timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, Arrays.hashCode(stdin), timeout);
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
