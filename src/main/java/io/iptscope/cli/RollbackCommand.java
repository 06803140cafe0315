package io.iptscope.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Roll an armed restore back now, with the rollback armed on the target.")
final class RollbackCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Parameters(paramLabel = "ID")
    private String id;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ConfirmCommand.SwitchOptions switchOptions = new ConfirmCommand.SwitchOptions();

    @Override
    public Integer call() throws IOException, io.iptscope.restore.RestoreException {
        return ConfirmCommand.Switches.act(spec, targetOptions, switchOptions, id, true);
    }
}
