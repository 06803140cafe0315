package io.iptscope.cli;

import io.iptscope.detect.InspectionException;
import io.iptscope.exec.PrivilegeException;
import io.iptscope.exec.SshConnectionException;
import io.iptscope.report.ToolVersion;
import io.iptscope.restore.RestoreException;
import io.iptscope.ui.GuiLauncher;
import io.iptscope.ui.GuiOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code iptscope} command line; {@code bin/iptscope} and the installed launcher start here. */
@Command(name = "iptscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Shows which iptables backend (legacy or nf_tables) holds which rules, and which binary each "
                + "known heuristic would choose, and why.",
        subcommands = {DetectCommand.class, NetnsCommand.class, SaveCommand.class, SnapshotsCommand.class,
                RestoreCommand.class, ConfirmCommand.class, RollbackCommand.class, MigrateCommand.class,
                ContainersCommand.class, ContextsCommand.class, WatchCommand.class, CheckCommand.class,
                ShowCommand.class, DiffCommand.class, GraphCommand.class, HostsCommand.class,
                GuiCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:findings of severity error", "2:usage error", "3:could not inspect",
            "4:ssh connection failed or lost"})
public final class Main implements Runnable {

    public static void main(String[] args) {
        ProgressLine.installOnTerminal();
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(Main::executeAndDisconnect)
                .setExecutionExceptionHandler(Main::expectedFailure);
    }

    /** Expected failures (a bad argument, a refused restore, a missing netns) get a message, not a stack trace. */
    private static int expectedFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        java.io.PrintWriter err = cl.getErr();
        if (e instanceof RestoreException r) {
            err.println("iptscope: " + r.getMessage());
            r.details().stream().filter(d -> !d.isBlank()).forEach(d -> err.println("  " + d.replace("\n", "\n  ")));
        } else if (e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException
                || e instanceof java.io.IOException
                || e instanceof InspectionException || e instanceof SshConnectionException
                || e instanceof PrivilegeException) {
            err.println("iptscope: " + e.getMessage());
        } else {
            throw e;
        }
        err.flush();
        if (e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof SshConnectionException) {
            return ExitCodes.CONNECTION;
        }
        return e instanceof InspectionException || e instanceof PrivilegeException ? ExitCodes.CANNOT_INSPECT
                : ExitCodes.FINDINGS;
    }

    /** Runs the command, then ends the ssh master connection its {@code --ssh} opened, whatever happened. */
    private static int executeAndDisconnect(CommandLine.ParseResult parsed) {
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            CommandLine.ParseResult last = parsed;
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            closeHosts(last.commandSpec());
        }
    }

    private static void closeHosts(CommandLine.Model.CommandSpec spec) {
        for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof HostOptions host) {
                host.close();
            }
            closeHosts(mixin);
        }
    }

    @Override
    public void run() {
        GuiLauncher.launch(GuiOptions.defaults());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"iptscope " + ToolVersion.get()};
        }
    }
}
