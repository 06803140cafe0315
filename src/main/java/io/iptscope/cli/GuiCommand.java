package io.iptscope.cli;

import io.iptscope.exec.NetnsTarget;
import io.iptscope.ui.GuiLauncher;
import io.iptscope.ui.GuiOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Opens the window: on the current netns, or on a saved report (offline, no root needed). */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the inspector window (the default when no command is given).")
final class GuiCommand implements Callable<Integer> {

    @Option(names = "--open", paramLabel = "REPORT.json",
            description = "Show a saved report (from detect --json or File > Save) instead of detecting.")
    private Path report;

    @Option(names = "--target", paramLabel = "T", defaultValue = "current",
            description = "The netns to detect at start: current, netns:NAME, pid:N or path:/FILE (default: current).")
    private String target;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (report != null && !Files.isReadable(report)) {
            spec.commandLine().getErr().println("iptscope: cannot read " + report);
            return ExitCodes.USAGE;
        }
        NetnsTarget start;
        try {
            start = NetnsTarget.parse(target);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("iptscope: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        GuiLauncher.launch(new GuiOptions(report == null ? null : report.toAbsolutePath(), start));
        return ExitCodes.OK;
    }
}
