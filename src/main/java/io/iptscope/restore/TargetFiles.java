package io.iptscope.restore;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Files on the machine that holds the rules, written and read through its runner with
 * coreutils only, so that the same code works over SSH where nothing of iptscope is installed.
 */
final class TargetFiles {

    private final CommandRunner runner;
    private final Duration timeout;

    TargetFiles(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /** The transaction root: created 0700, or tightened to 0700 when it exists. */
    void mkdirPrivate(String dir) throws RestoreException {
        check(runner.run(Command.of("mkdir", "-p", "-m", "0700", dir).withTimeout(timeout)), "create " + dir);
        check(runner.run(Command.of("chmod", "0700", dir).withTimeout(timeout)), "make " + dir + " private");
    }

    /** A transaction's own directory: new (an existing one is refused) and 0700. */
    void mkdirFresh(String dir) throws RestoreException {
        check(runner.run(Command.of("mkdir", "-m", "0700", dir).withTimeout(timeout)), "create " + dir);
    }

    /** {@code UID MODE TYPE} of a path, not following a final link ({@code stat -c}); empty when it is not there. */
    String stat(String path) {
        CommandResult r = runner.run(Command.of("stat", "-c", "%u %a %F", "--", path).withTimeout(timeout));
        return r.ok() ? r.stdoutText().strip() : "";
    }

    /** dd with conv=fsync: the data is on disk before the command returns. */
    void write(String path, String content) throws RestoreException {
        Command dd = Command.of("dd", "of=" + path, "conv=fsync", "status=none")
                .withStdin(content.getBytes(StandardCharsets.UTF_8)).withTimeout(timeout);
        check(runner.run(dd), "write " + path);
    }

    /** Renames {@code from} to {@code to}; false when {@code from} is gone (the atomic claim was lost). */
    boolean rename(String from, String to) {
        return runner.run(Command.of("mv", from, to).withTimeout(timeout)).ok();
    }

    /** The names present among {@code names} in {@code dir}. */
    List<String> present(String dir, List<String> names) {
        CommandResult r = runner.run(Command.of("ls", "-1", dir).withTimeout(timeout));
        List<String> listed = r.stdoutText().lines().toList();
        return names.stream().filter(listed::contains).toList();
    }

    String read(String path) {
        CommandResult r = runner.run(Command.of("cat", path).withTimeout(timeout));
        return r.ok() ? r.stdoutText() : "";
    }

    private static void check(CommandResult r, String what) throws RestoreException {
        if (!r.ok()) {
            throw new RestoreException("cannot " + what + ": " + r.summary());
        }
    }
}
