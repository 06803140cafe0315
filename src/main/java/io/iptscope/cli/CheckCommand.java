package io.iptscope.cli;

import io.iptscope.rules.ParseError;
import io.iptscope.rules.ParseResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iptscope check FILE}: validates an iptables-save dump or iptables-restore input. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate an iptables-save dump or iptables-restore input the way iptables-restore reads it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors", "1:the file has errors (printed as FILE:LINE:COL: message)",
            "2:usage error or unreadable file"})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The dump to check; - reads standard input.")
    private String file;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        ParseResult r = RulesInput.parse(file, System.in, err);
        if (r == null) {
            return CommandLine.ExitCode.USAGE;
        }
        for (ParseError e : r.errors()) {
            out.println(e.format());
        }
        out.flush();
        if (!r.ok()) {
            err.println(r.errors().size() + " error" + (r.errors().size() == 1 ? "" : "s") + " in "
                    + RulesInput.displayName(file));
            return 1;
        }
        return 0;
    }
}
