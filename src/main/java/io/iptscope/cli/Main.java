package io.iptscope.cli;

import io.iptscope.exec.PrivilegeException;
import io.iptscope.exec.SshConnectionException;
import io.iptscope.report.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code iptscope} command line; {@code bin/iptscope} and the installed launcher start here. */
@Command(name = "iptscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Shows which iptables backend (legacy or nf_tables) holds which rules, and which binary each "
                + "known heuristic would choose, and why.",
        subcommands = {DetectCommand.class, NetnsCommand.class, SaveCommand.class, SnapshotsCommand.class,
                RestoreCommand.class, ConfirmCommand.class, RollbackCommand.class, MigrateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:findings of severity error", "2:usage error", "3:could not inspect",
            "4:ssh connection failed or lost"})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(Main::executeAndDisconnect)
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    // Expected failures (a missing file, an unknown snapshot) need a message, not a stack trace.
                    if (e instanceof java.io.IOException || e instanceof IllegalArgumentException) {
                        cl.getErr().println("iptscope: " + e.getMessage());
                        return e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FINDINGS;
                    }
                    if (e instanceof SshConnectionException) {
                        cl.getErr().println("iptscope: " + e.getMessage());
                        return ExitCodes.CONNECTION;
                    }
                    if (e instanceof PrivilegeException) {
                        cl.getErr().println("iptscope: " + e.getMessage());
                        return ExitCodes.CANNOT_INSPECT;
                    }
                    throw e;
                });
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
        // The GUI will open here; until it exists the help is the most useful answer.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"iptscope " + ToolVersion.get()};
        }
    }
}
