package io.iptscope.cli;

import io.iptscope.rules.DiffFormatter;
import io.iptscope.rules.ParseError;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.RulesetDiff;
import io.iptscope.rules.RulesetDiffer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code iptscope diff A B}: the semantic difference of two dumps. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two dumps by meaning: per table and chain, rules added, removed, moved and changed,",
            "policies changed, chains added and removed. The order of matches counts; repeated rules are counted.",
            "What iptables rewrites on save (-p tcp implying -m tcp, /32, --syn, 1024:, defaults, names, option",
            "order within a match, quoting) is no difference; counters only count with --counters.",
            "See docs/diff-semantics.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no difference", "1:the dumps differ", "2:usage error, unreadable file or a file with errors"})
public final class DiffCommand implements Callable<Integer> {

    /** When to colour the text output; lower case because picocli shows and matches the constant names. */
    enum ColorMode { auto, always, never }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The first dump; - reads standard input.")
    private String first;

    @Parameters(index = "1", paramLabel = "B", description = "The second dump; - reads standard input.")
    private String second;

    @Option(names = "--json", description = "Print the diff as JSON.")
    private boolean json;

    @Option(names = "--counters", description = "Also report changed packet/byte counters.")
    private boolean counters;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; auto means a "
                    + "terminal without NO_COLOR).")
    private ColorMode color;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        if (first.equals("-") && second.equals("-")) {
            err.println("iptscope: only one of A and B can be - (standard input)");
            return CommandLine.ExitCode.USAGE;
        }
        ParseResult a = RulesInput.parse(first, System.in, err);
        ParseResult b = a == null ? null : RulesInput.parse(second, System.in, err);
        if (a == null || b == null) {
            return CommandLine.ExitCode.USAGE;
        }
        if (!a.ok() || !b.ok()) {
            a.errors().stream().map(ParseError::format).forEach(err::println);
            b.errors().stream().map(ParseError::format).forEach(err::println);
            err.println("iptscope: not comparing files with errors");
            return CommandLine.ExitCode.USAGE;
        }
        RulesetDiff diff = RulesetDiffer.diff(a.ruleset(), b.ruleset(), RulesInput.displayName(first),
                RulesInput.displayName(second), counters);
        out.print(json ? DiffFormatter.json(diff) : DiffFormatter.text(diff, colored()));
        out.flush();
        return diff.isEmpty() ? 0 : 1;
    }

    private boolean colored() {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
    }
}
