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

    /**
     * The PATH this runner's commands see, when the runner sets it itself (a local runner); empty when only a
     * command could tell (sudo resets it, a remote host has its own).
     */
    default java.util.Optional<String> knownPath() {
        return java.util.Optional.empty();
    }

    /**
     * Starts a long-running command and hands each line of its stdout to {@code onLine} (on a reader
     * thread) until it ends or is stopped. {@link Command#timeout()} does not apply.
     */
    default Running start(Command command, java.util.function.Consumer<String> onLine) {
        throw new UnsupportedOperationException(host() + ": this runner cannot stream a command's output");
    }
}
