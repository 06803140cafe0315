package io.iptscope.cli;

import io.iptscope.discover.NetnsDiscovery;
import io.iptscope.discover.NetnsEntry;
import io.iptscope.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "netns", mixinStandardHelpOptions = true,
        description = "List named network namespaces and the distinct namespaces of running processes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "2:usage error", "3:could not list", "4:ssh connection failed or lost"})
final class NetnsCommand implements Callable<Integer> {

    @Mixin
    private HostOptions hostOptions = new HostOptions();

    @Option(names = "--json", description = "Print the list as JSON.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        // Bad options and ssh failures reach Main's handler: exit 2, 3 or 4 with the message.
        List<NetnsEntry> entries = new NetnsDiscovery(hostOptions.runner(), Duration.ofSeconds(5)).list();
        if (json) {
            out.println(Json.PRETTY.writeValueAsString(entries));
            return ExitCodes.OK;
        }
        out.println(String.format("%-12s %-24s %-8s %s", "INODE", "TARGET", "PIDS", "PROCESSES"));
        for (NetnsEntry e : entries) {
            String procs = e.processes().stream().map(p -> p.command() + "(" + p.pid() + ")")
                    .collect(Collectors.joining(" "));
            out.println(String.format("%-12d %-24s %-8d %s%s", e.inode(), e.targetSpec() + (e.current() ? " *" : ""),
                    e.pidCount(), procs, e.pidCount() > e.processes().size() ? " ..." : ""));
        }
        out.println("(* the netns iptscope runs in; use a TARGET with detect: --netns NAME or --pid N)");
        return ExitCodes.OK;
    }
}
