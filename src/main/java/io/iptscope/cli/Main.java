package io.iptscope.cli;

import io.iptscope.report.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code iptscope} command line; {@code bin/iptscope} and the installed launcher start here. */
@Command(name = "iptscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Shows which iptables backend (legacy or nf_tables) holds which rules, and which binary each "
                + "known heuristic would choose, and why.",
        subcommands = {DetectCommand.class, NetnsCommand.class},
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
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
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
