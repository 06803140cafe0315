package io.iptscope.cli;

import io.iptscope.exec.CommandRunner;
import io.iptscope.remote.HostEntry;
import io.iptscope.remote.HostStore;
import io.iptscope.remote.PrivilegeMode;
import io.iptscope.remote.RemoteHost;
import io.iptscope.remote.Runners;
import io.iptscope.exec.Privilege;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where every command runs: this machine, or a remote host over SSH ({@code --ssh}). */
final class HostOptions {

    @Option(names = "--ssh", paramLabel = "DEST",
            description = "Run on a remote host through the system ssh client: [user@]host, a Host alias of "
                    + "~/.ssh/config, ssh://[user@]host[:port], or the name of a host saved in hosts.json.")
    private String ssh;

    @Option(names = "--ssh-option", paramLabel = "KEY=VALUE",
            description = "An extra ssh client option (-o KEY=VALUE), repeatable. Host key checking stays strict.")
    private List<String> sshOptions = new ArrayList<>();

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "Use this ssh config file (ssh -F FILE).")
    private String sshConfig;

    @Option(names = "--privilege", paramLabel = "MODE",
            description = "How the remote host gives root: auto (default: direct as root, else sudo -n, else sudo "
                    + "with a password asked once), direct, sudo-n, sudo-password.")
    private String privilege;

    /** The runner and what to close afterwards; validates options before anything connects. */
    record Opened(CommandRunner runner, String host, Optional<RemoteHost> remote) implements AutoCloseable {
        @Override
        public void close() {
            remote.ifPresent(RemoteHost::close);
        }
    }

    boolean remote() {
        return ssh != null;
    }

    Opened open() throws IOException {
        if (ssh == null) {
            if (privilege != null || sshConfig != null || !sshOptions.isEmpty()) {
                throw new IllegalArgumentException("--privilege, --ssh-config and --ssh-option need --ssh");
            }
            CommandRunner local = Runners.local(new Privilege.Direct());
            return new Opened(local, local.host(), Optional.empty());
        }
        HostEntry entry = HostStore.forUser().find(ssh).orElseGet(() -> HostEntry.of(ssh, PrivilegeMode.AUTO));
        if (privilege != null) {
            entry = new HostEntry(entry.name(), entry.destination(), PrivilegeMode.parse(privilege));
        }
        ConsolePrompts prompts = new ConsolePrompts();
        RemoteHost host = Runners.remote(entry, clientOptions(), prompts, prompts);
        return new Opened(host.runner(), entry.destination(), Optional.of(host));
    }

    private List<String> clientOptions() {
        List<String> out = new ArrayList<>();
        if (sshConfig != null) {
            out.add("-F");
            out.add(sshConfig);
        }
        for (String o : sshOptions) {
            out.add("-o");
            out.add(o);
        }
        return out;
    }
}
