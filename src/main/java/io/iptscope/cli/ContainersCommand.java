package io.iptscope.cli;

import io.iptscope.discover.ContainerDiscovery;
import io.iptscope.discover.ContainerEntry;
import io.iptscope.exec.CommandLog;
import io.iptscope.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "containers", mixinStandardHelpOptions = true,
        description = "List running containers (processes in their own mount namespace), named by the runtime "
                + "where crictl, docker or podman answers. Use one as a binary source: --path container:PID.")
final class ContainersCommand implements Callable<Integer> {

    @Mixin
    private TargetOptions targetOptions = new TargetOptions();

    @Option(names = "--json", description = "Print the list as JSON.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<ContainerEntry> all = new ContainerDiscovery(targetOptions.runner(new CommandLog()), Duration.ofSeconds(10))
                .list();
        if (json) {
            out.println(Json.PRETTY.writeValueAsString(all));
            return ExitCodes.OK;
        }
        out.println(String.format("%-8s %-12s %-9s %-40s %s", "PID", "NETNS", "RUNTIME", "NAME", "IMAGE"));
        for (ContainerEntry c : all) {
            out.println(String.format("%-8d %-12s %-9s %-40s %s", c.pid(), c.hostNet() ? "host" : Long.toString(c.netns()),
                    c.runtime() == null ? "-" : c.runtime(), c.label(), c.image() == null ? "" : c.image()));
        }
        return ExitCodes.OK;
    }
}
