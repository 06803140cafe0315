package io.iptscope.cli;

import io.iptscope.rules.ChainGraph;
import io.iptscope.rules.ParseError;
import io.iptscope.rules.ParseResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iptscope graph FILE [--dot]}: the jump/goto graph of a dump and what it shows. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Show the chain graph of a dump: with --dot as Graphviz DOT, otherwise as a report of",
            "unreferenced and unreachable user chains, jumps to missing chains and shadowed rules."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed (parse errors, if any, go to standard error)", "2:usage error or unreadable file"})
public final class GraphCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The dump; - reads standard input.")
    private String file;

    @Option(names = "--dot", description = "Write Graphviz DOT (render with: dot -Tsvg).")
    private boolean dot;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        ParseResult r = RulesInput.parse(file, System.in, err);
        if (r == null) {
            return CommandLine.ExitCode.USAGE;
        }
        r.errors().stream().map(ParseError::format).forEach(err::println);
        ChainGraph g = ChainGraph.of(r.ruleset());
        if (dot) {
            out.print(g.toDot());
        } else {
            report(g, out);
        }
        out.flush();
        return 0;
    }

    private static void report(ChainGraph g, PrintWriter out) {
        out.println(g.edges().size() + " jumps and gotos");
        out.println("unreferenced user chains: " + g.unreferenced().size());
        g.unreferenced().forEach(c -> out.println("  " + c.table() + " " + c.chain()));
        out.println("unreachable user chains: " + g.unreachable().size());
        g.unreachable().forEach(c -> out.println("  " + c.table() + " " + c.chain()));
        out.println("jumps to missing chains: " + g.missingTargets().size());
        g.missingTargets().forEach(e -> out.println("  " + e.table() + " " + e.from() + " rule " + e.position()
                + " (line " + e.line() + ") -> " + e.to()));
        out.println("shadowed rules: " + g.shadowed().size());
        g.shadowed().forEach(s -> out.println("  " + s.table() + " " + s.chain() + " rule " + s.rule().position()
                + " (line " + s.rule().line() + ") after rule " + s.by().position() + " (line " + s.by().line() + ")"));
    }
}
