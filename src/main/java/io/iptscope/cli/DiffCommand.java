package io.iptscope.cli;

import io.iptscope.discover.BinaryInfo;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.ToolKind;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.Privilege;
import io.iptscope.iptables.Discovery;
import io.iptscope.iptables.Endpoint;
import io.iptscope.remote.Runners;
import io.iptscope.restore.RestoreTransaction;
import io.iptscope.restore.SaveHeaderLine;
import io.iptscope.rules.Backend;
import io.iptscope.rules.DiffFormatter;
import io.iptscope.rules.Family;
import io.iptscope.rules.ParseError;
import io.iptscope.rules.ParseResult;
import io.iptscope.rules.RulesetDiff;
import io.iptscope.rules.RulesetDiffer;
import io.iptscope.rules.SaveHeader;
import io.iptscope.rules.SaveParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code iptscope diff A B}: the semantic difference of two dumps. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two dumps by meaning: per table and chain, rules added, removed, moved and changed,",
            "policies changed, chains added and removed. The order of matches counts; repeated rules are counted.",
            "What iptables rewrites on save (-p tcp implying -m tcp, /32, --syn, 1024:, defaults, names, option",
            "order within a match, quoting) is no difference; counters only count with --counters.",
            "--exact first restores each dump into a scratch network namespace (unshare --net; unshare -rn without",
            "root) with the real restore binary and saves it back, so both sides are compared in the form the",
            "binaries themselves write. See docs/diff-semantics.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no difference", "1:the dumps differ",
            "2:usage error, unreadable file or a file with errors (with --exact: a line the restore refused)",
            "3:--exact could not run: a restore or save binary is missing or no scratch netns can be made"})
public final class DiffCommand implements Callable<Integer> {

    private static final Duration EXACT_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOCK_WAIT_SECONDS = 10;
    /** How the restore binaries name the line they refused: their parser's error, the kernel's refusal. */
    private static final Pattern FAILED_LINE = Pattern.compile("Error occurred at line: (\\d+)|line (\\d+) failed");

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

    @Option(names = "--exact", description = "Compare what the real binaries make of both dumps: each is restored "
            + "into a scratch network namespace and saved back (this machine's binaries, nothing of its rules read "
            + "or touched).")
    private boolean exact;

    @Option(names = "--backend", paramLabel = "BACKEND", description = "With --exact: restore and save with legacy "
            + "or nft (default: the backend each dump's header names).")
    private Backend backend;

    @Option(names = "--path", paramLabel = "DIRS", description = "With --exact: take the binaries from these "
            + "colon-separated directories instead of PATH.")
    private String path;

    /** Why an --exact side could not be made; the exit code says whose fault it is. */
    private static final class ExactFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int exit;

        ExactFailure(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        if (first.equals("-") && second.equals("-")) {
            err.println("iptscope: only one of A and B can be - (standard input)");
            return CommandLine.ExitCode.USAGE;
        }
        if (!exact && (backend != null || path != null)) {
            err.println("iptscope: --backend and --path only apply with --exact");
            return CommandLine.ExitCode.USAGE;
        }
        String textA = RulesInput.read(first, System.in, err);
        String textB = textA == null ? null : RulesInput.read(second, System.in, err);
        if (textA == null || textB == null) {
            return CommandLine.ExitCode.USAGE;
        }
        ParseResult a = SaveParser.parse(textA, RulesInput.displayName(first));
        ParseResult b = SaveParser.parse(textB, RulesInput.displayName(second));
        if (!a.ok() || !b.ok()) {
            a.errors().stream().map(ParseError::format).forEach(err::println);
            b.errors().stream().map(ParseError::format).forEach(err::println);
            err.println("iptscope: not comparing files with errors");
            return CommandLine.ExitCode.USAGE;
        }
        if (exact) {
            try {
                Endpoint ep = localEndpoint();
                Endpoint.ScratchNetns how = ep.scratchNetns();
                a = canonical(ep, how, first, textA, a);
                b = canonical(ep, how, second, textB, b);
            } catch (ExactFailure e) {
                err.println("iptscope: diff --exact: " + e.getMessage());
                return e.exit;
            }
        }
        RulesetDiff diff = RulesetDiffer.diff(a.ruleset(), b.ruleset(), RulesInput.displayName(first),
                RulesInput.displayName(second), counters);
        out.print(json ? DiffFormatter.json(diff) : DiffFormatter.text(diff, colored()));
        out.flush();
        return diff.isEmpty() ? 0 : 1;
    }

    /** This machine, its current netns (never entered: --exact works in scratch netns) and its binaries. */
    private Endpoint localEndpoint() throws ExactFailure {
        BinarySource source;
        try {
            source = BinarySource.parse(path);
        } catch (IllegalArgumentException e) {
            throw new ExactFailure(ExitCodes.USAGE, e.getMessage());
        }
        CommandRunner runner = Runners.local(new Privilege.Direct());
        return new Endpoint(runner, new NetnsTarget.Current(), new Discovery(runner, EXACT_TIMEOUT).discover(source),
                EXACT_TIMEOUT);
    }

    /** The dump as the binaries of its backend and family save it after restoring it into a scratch netns. */
    private ParseResult canonical(Endpoint ep, Endpoint.ScratchNetns how, String arg, String text, ParseResult parsed)
            throws ExactFailure {
        String name = RulesInput.displayName(arg);
        Family family = RestoreTransaction.Input.familyOf(text).orElse(Family.IPV4);
        Backend b = backend != null ? backend : backendOf(parsed).orElseThrow(() -> new ExactFailure(
                ExitCodes.USAGE, name + " has no header that names its backend: choose one with --backend"));
        Optional<BinaryInfo> restore = ep.binary(b, family, ToolKind.RESTORE);
        Optional<BinaryInfo> save = ep.binary(b, family, ToolKind.SAVE);
        if (restore.isEmpty() || save.isEmpty()) {
            throw new ExactFailure(ExitCodes.CANNOT_INSPECT, Endpoint.missing(b, family,
                    restore.isEmpty() ? ToolKind.RESTORE : ToolKind.SAVE) + " (" + (path == null ? "PATH" : path)
                    + "): cannot canonicalise " + name + "; install it, or compare without --exact");
        }
        CommandResult r = ep.canonical(restore.get(), save.get(), counters, how, LOCK_WAIT_SECONDS,
                text.getBytes(StandardCharsets.UTF_8), EXACT_TIMEOUT);
        if (Endpoint.unshareFailed(r)) {
            throw new ExactFailure(ExitCodes.CANNOT_INSPECT, "cannot make a scratch network namespace ("
                    + how.describe() + "): " + r.stderrText().strip());
        }
        if (!r.ok()) {
            Matcher line = FAILED_LINE.matcher(r.stderrText());
            if (line.find()) {
                String why = r.stderrText().strip().lines().findFirst().orElse("");
                throw new ExactFailure(ExitCodes.USAGE, name + ":" + (line.group(1) != null ? line.group(1)
                        : line.group(2)) + ":1: " + restore.get().name() + " refused the input: " + why);
            }
            throw new ExactFailure(ExitCodes.CANNOT_INSPECT, "restoring " + name + " with " + restore.get().name()
                    + " and saving it with " + save.get().name() + " in a scratch netns failed: " + r.summary());
        }
        ParseResult saved = SaveParser.parse(r.stdoutText(), name + " (as " + save.get().name() + " saves it)");
        if (!saved.ok()) {
            // A save iptscope cannot parse is iptscope's bug: Main logs it with its stack trace.
            throw new IllegalStateException("cannot parse what " + save.get().name() + " saved of " + name + ": "
                    + saved.errors().get(0).format());
        }
        return saved;
    }

    /** The backend a dump's header names: iptscope's own header, else the save program's. */
    private static Optional<Backend> backendOf(ParseResult parsed) {
        return SaveHeaderLine.find(parsed.ruleset().comments()).map(SaveHeaderLine::backend)
                .or(() -> parsed.ruleset().headers().stream().findFirst().map(SaveHeader::backend));
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
