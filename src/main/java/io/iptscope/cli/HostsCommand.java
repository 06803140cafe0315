package io.iptscope.cli;

import io.iptscope.json.Json;
import io.iptscope.remote.HostEntry;
import io.iptscope.remote.HostStore;
import io.iptscope.exec.PrivilegeMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "The remembered remote hosts (name, ssh destination, privilege mode; never a password) in "
                + "$XDG_CONFIG_HOME/iptscope/hosts.json. Use one with --ssh NAME.")
final class HostsCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the saved hosts.")
    int list(@Option(names = "--json", description = "Print the list as JSON.") boolean json) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<HostEntry> hosts = HostStore.forUser().list();
        if (json) {
            out.println(Json.PRETTY.writeValueAsString(hosts));
            return ExitCodes.OK;
        }
        out.println(String.format("%-20s %-32s %s", "NAME", "DESTINATION", "PRIVILEGE"));
        hosts.forEach(h -> out.println(String.format("%-20s %-32s %s", h.name(), h.destination(), h.privilege().id())));
        return ExitCodes.OK;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Save a host, or change the one with this name. Connects to nothing.")
    int add(@Parameters(index = "0", paramLabel = "NAME", description = "A short name for --ssh.") String name,
            @Parameters(index = "1", paramLabel = "DEST", description = "The ssh destination.") String destination,
            @Option(names = "--privilege", paramLabel = "MODE", defaultValue = "auto",
                    description = "auto (default), direct, sudo-n or sudo-password.") String privilege)
            throws IOException {
        HostStore store = HostStore.forUser();
        store.put(new HostEntry(name, destination, PrivilegeMode.parse(privilege)));
        spec.commandLine().getOut().println("saved " + name + " (" + destination + ") in " + store.file());
        return ExitCodes.OK;
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Forget a saved host.")
    int rm(@Parameters(paramLabel = "NAME") String name) throws IOException {
        if (!HostStore.forUser().remove(name)) {
            spec.commandLine().getErr().println("iptscope: no saved host " + name);
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }
}
