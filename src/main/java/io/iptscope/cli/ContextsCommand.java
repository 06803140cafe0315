package io.iptscope.cli;

import io.iptscope.detect.ContextMatrix;
import io.iptscope.detect.Finding;
import io.iptscope.detect.Strategies;
import io.iptscope.detect.Strategy;
import io.iptscope.discover.BinarySource;
import io.iptscope.discover.ContainerDiscovery;
import io.iptscope.discover.ContainerEntry;
import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.json.Json;
import io.iptscope.rules.Family;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "contexts", mixinStandardHelpOptions = true,
        description = {"The context matrix: rows are binary sources (the host's PATH, each running container), "
                + "columns are network namespaces (the host's, each container's); each cell says what the strategy "
                + "would pick there and whether that is where the rules are."})
final class ContextsCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--strategy", description = "Strategy of the cells.")
    private String strategy = Strategies.RECOMMENDED.id();

    @Option(names = "--netns-name", paramLabel = "NAME", description = "Add a named netns as a column (repeatable).")
    private List<String> extraNetns = new ArrayList<>();

    @Option(names = "--source", paramLabel = "SPEC",
            description = "Add a binary source as a row: DIRS or container:PID (repeatable).")
    private List<String> extraSources = new ArrayList<>();

    @Option(names = "--no-containers", description = "Only the host's PATH and the sources given.")
    private boolean noContainers;

    @Option(names = "--json", description = "Print the matrix as JSON.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Strategy s = Strategies.byId(strategy).orElse(null);
        if (s == null) {
            spec.commandLine().getErr().println("unknown strategy '" + strategy + "'; known: " + Strategies.ids());
            return ExitCodes.USAGE;
        }
        Duration timeout = Duration.ofSeconds(10);
        CommandRunner runner = targetOptions.runner(new CommandLog());
        List<BinarySource> sources = new ArrayList<>(List.of(new BinarySource.ProcessPath()));
        Set<NetnsTarget> targets = new LinkedHashSet<>(List.of(targetOptions.target()));
        if (!noContainers) {
            for (ContainerEntry c : new ContainerDiscovery(runner, timeout).list()) {
                sources.add(c.binarySource());
                if (!c.hostNet()) {
                    targets.add(new NetnsTarget.OfPid(c.pid()));
                }
            }
        }
        extraSources.forEach(x -> sources.add(BinarySource.parse(x)));
        extraNetns.forEach(n -> targets.add(new NetnsTarget.Named(n)));
        ContextMatrix m = ContextMatrix.build(runner, timeout, s, new BinarySource.ProcessPath(), sources,
                List.copyOf(targets));
        if (json) {
            out.println(Json.PRETTY.writeValueAsString(m));
        } else {
            print(out, m);
        }
        return m.findings().stream().anyMatch(f -> f.severity() == io.iptscope.detect.Severity.ERROR)
                ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static void print(PrintWriter out, ContextMatrix m) {
        out.println("strategy " + m.strategy() + "; a cell is ipv4/ipv6, '!' where it differs from where the rules are");
        for (String col : m.columns()) {
            out.println("netns " + col);
            for (String row : m.rows()) {
                StringBuilder sb = new StringBuilder(String.format("  %-44s", row));
                for (Family f : Family.values()) {
                    ContextMatrix.Cell c = m.cell(row, col, f).orElseThrow();
                    sb.append(String.format(" %-18s", f.id() + " " + c.chosen().id() + (c.agrees() ? "" : "! (rules: "
                            + c.actual().id() + ")")));
                }
                out.println(sb.toString().stripTrailing());
            }
        }
        for (Finding f : m.findings()) {
            out.println(f.severity().id().toUpperCase(java.util.Locale.ROOT) + " " + f.id() + ": " + f.message());
        }
    }
}
