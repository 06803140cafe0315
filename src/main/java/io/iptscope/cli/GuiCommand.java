package io.iptscope.cli;

import io.iptscope.ui.GuiLauncher;
import io.iptscope.ui.GuiOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Opens the window: on a netns (the current one by default), or on a saved report (offline, no root needed). */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the inspector window (the default when no command is given).")
final class GuiCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--open", paramLabel = "REPORT.json",
            description = "Show a saved report (from detect --json or File > Save report) instead of detecting.")
    private Path report;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String remote : new String[] {"--ssh", "--ssh-option", "--ssh-config", "--privilege"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(remote)) {
                // The shared target options bring the SSH ones; the window itself reads this machine only.
                spec.commandLine().getErr().println("iptscope: gui inspects this machine; " + remote
                        + " is for the command line (choose the privilege mode in the window's toolbar)");
                return ExitCodes.USAGE;
            }
        }
        if (report != null && !Files.isReadable(report)) {
            spec.commandLine().getErr().println("iptscope: cannot read " + report);
            return ExitCodes.USAGE;
        }
        GuiLauncher.launch(new GuiOptions(report == null ? null : report.toAbsolutePath(), targetOptions.target(),
                targetOptions.source().describe()));
        return ExitCodes.OK;
    }
}
