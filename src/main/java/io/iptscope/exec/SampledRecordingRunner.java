package io.iptscope.exec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a poll that repeats the same commands (the GUI's watch) without flooding the log: each
 * command's first run, every failure and every {@code every}th run; a streamed command always.
 */
public final class SampledRecordingRunner implements CommandRunner {

    private final CommandRunner delegate;
    private final CommandLog log;
    private final int every;
    private final Map<List<String>, Integer> runs = new ConcurrentHashMap<>();

    public SampledRecordingRunner(CommandRunner delegate, CommandLog log, int every) {
        this.delegate = delegate;
        this.log = log;
        this.every = every;
    }

    @Override
    public CommandResult run(Command command) {
        CommandLog one = new CommandLog();
        CommandResult result = new RecordingRunner(delegate, one).run(command);
        int n = runs.merge(command.argv(), 1, Integer::sum);
        if (n == 1 || !result.ok() || n % every == 0) {
            one.snapshot().forEach(log::add);
        }
        return result;
    }

    @Override
    public Running start(Command command, java.util.function.Consumer<String> onLine) {
        return new RecordingRunner(delegate, log).start(command, onLine);
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public java.util.Optional<String> knownPath() {
        return delegate.knownPath();
    }
}
