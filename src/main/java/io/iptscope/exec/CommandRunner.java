package io.iptscope.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs argv commands somewhere: on this machine, or (later) on a remote host over SSH. Every
 * implementation runs with {@code LC_ALL=C} and {@code /usr/sbin:/sbin} appended to PATH, never
 * through a shell, and kills the whole process tree when a command times out.
 */
public interface CommandRunner {

    CommandResult run(Command command);

    /** Runs several independent commands; implementations may run them in parallel. Results keep the order. */
    default List<CommandResult> runAll(List<Command> commands) {
        List<CommandResult> results = new ArrayList<>(commands.size());
        for (Command c : commands) {
            results.add(run(c));
        }
        return results;
    }

    /** Where the commands run, for reports and the command log: "local" or an SSH destination. */
    String host();
}
