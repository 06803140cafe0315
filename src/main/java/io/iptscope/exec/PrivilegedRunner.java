package io.iptscope.exec;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Runs every command of its delegate with a {@link Privilege}; the command log shows the elevated argv. */
public final class PrivilegedRunner implements CommandRunner {

    private final CommandRunner delegate;
    private final Privilege privilege;

    public PrivilegedRunner(CommandRunner delegate, Privilege privilege) {
        this.delegate = delegate;
        this.privilege = privilege;
    }

    @Override
    public CommandResult run(Command command) {
        Command elevated = elevate(command);
        try {
            return withoutSecret(delegate.run(elevated), command);
        } finally {
            wipe(elevated);
        }
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        List<Command> elevated = commands.stream().map(this::elevate).toList();
        List<CommandResult> results;
        try {
            results = delegate.runAll(elevated);
        } finally {
            elevated.forEach(this::wipe);
        }
        return IntStream.range(0, results.size())
                .mapToObj(i -> withoutSecret(results.get(i), commands.get(i))).toList();
    }

    /** The result keeps the elevated argv but the caller's own stdin, never the password line. */
    private CommandResult withoutSecret(CommandResult r, Command original) {
        Command shown = new Command(r.command().argv(), original.stdin(), original.timeout());
        return new CommandResult(shown, r.exitCode(), r.stdout(), r.stderr(), r.duration(), r.timedOut(),
                r.launchError(), r.started(), r.stdoutLength());
    }

    @Override
    public Running start(Command command, java.util.function.Consumer<String> onLine) {
        return delegate.start(elevate(command), onLine);
    }

    @Override
    public String host() {
        return delegate.host();
    }

    public Privilege privilege() {
        return privilege;
    }

    Command elevate(Command command) {
        byte[] preamble = privilege.stdinPreamble();
        Command prefixed = command.prefixed(privilege.prefix());
        if (preamble.length == 0) {
            return prefixed;
        }
        byte[] own = command.stdin();
        byte[] joined = new byte[preamble.length + (own == null ? 0 : own.length)];
        System.arraycopy(preamble, 0, joined, 0, preamble.length);
        if (own != null) {
            System.arraycopy(own, 0, joined, preamble.length, own.length);
        }
        Arrays.fill(preamble, (byte) 0);
        try {
            return prefixed.withStdin(joined);
        } finally {
            Arrays.fill(joined, (byte) 0);
        }
    }

    /** Zeroes the stdin held by an elevated command, which may carry the password line. */
    private void wipe(Command elevated) {
        elevated.wipeStdin();
    }
}
