package io.iptscope.archfixture;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;

/** What {@code RunnerArchitectureTest} must refuse outside the runner: an iptables argv built by hand. */
public final class BuildsIptablesArgv {

    private BuildsIptablesArgv() {
    }

    public static CommandResult save(CommandRunner runner, NetnsTarget target, BinaryInfo save) {
        return runner.run(target.enter(Command.of(save.path(), "-c")));
    }
}
