package io.iptscope.exec;

import java.time.Instant;
import java.util.List;

/** Writes every command that passes through into a {@link CommandLog}. */
public final class RecordingRunner implements CommandRunner {

    private final CommandRunner delegate;
    private final CommandLog log;

    public RecordingRunner(CommandRunner delegate, CommandLog log) {
        this.delegate = delegate;
        this.log = log;
    }

    @Override
    public CommandResult run(Command command) {
        Instant started = Instant.now();
        CommandResult result = delegate.run(command);
        log.add(CommandRecord.of(delegate.host(), result, started));
        return result;
    }

    @Override
    public List<CommandResult> runAll(List<Command> commands) {
        // The delegate keeps its parallelism; each result is logged with its own start time.
        return delegate.runAll(commands).stream().peek(r -> log.add(CommandRecord.of(delegate.host(), r, r.started())))
                .toList();
    }

    @Override
    public Running start(Command command, java.util.function.Consumer<String> onLine) {
        Instant started = Instant.now();
        Running running = delegate.start(command, onLine);
        return new Running() {
            private boolean logged;

            @Override
            public boolean alive() {
                return running.alive();
            }

            @Override
            public synchronized CommandResult stop() {
                CommandResult r = running.stop();
                if (!logged) {
                    logged = true;
                    log.add(CommandRecord.of(delegate.host(), r, started));
                }
                return r;
            }
        };
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public java.util.Optional<String> knownPath() {
        return delegate.knownPath();
    }

    public CommandLog log() {
        return log;
    }
}
