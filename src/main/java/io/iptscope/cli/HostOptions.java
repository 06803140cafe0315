package io.iptscope.cli;

import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.Privilege;
import io.iptscope.exec.SshOptions;
import io.iptscope.remote.HostEntry;
import io.iptscope.remote.HostStore;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.remote.RemoteHost;
import io.iptscope.remote.Runners;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where every command runs: this machine, or a remote host over SSH ({@code --ssh}). The runner is
 * built on first use, once per command; {@link Main} closes it (ends the ssh master) when the
 * command has finished.
 */
final class HostOptions implements AutoCloseable {

    @Option(names = "--ssh", paramLabel = "DEST",
            description = "Run on a remote host through the system ssh client: [user@]host, a Host alias of "
                    + "~/.ssh/config, ssh://[user@]host[:port], or the name of a host saved in hosts.json.")
    private String ssh;

    @Option(names = "--ssh-option", paramLabel = "KEY=VALUE",
            description = "An extra ssh client option (-o KEY=VALUE), repeatable; only Port, User, IdentityFile, "
                    + "ConnectTimeout, ServerAlive*, ProxyJump and other options that choose how to connect (see "
                    + "README). Host key checking stays strict.")
    private List<String> sshOptions = new ArrayList<>();

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "Use this ssh config file (ssh -F FILE).")
    private String sshConfig;

    @Option(names = "--privilege", paramLabel = "MODE",
            description = "How the remote host gives root: auto (default: direct as root, else sudo -n, else sudo "
                    + "with a password asked once), direct, sudo-n, sudo-password.")
    private String privilege;

    private CommandRunner runner;
    private RemoteHost remote;

    /**
     * The runner for this command; connects (and settles the remote privilege) on the first call.
     * Throws {@link IllegalArgumentException} for bad options before anything connects.
     */
    synchronized CommandRunner runner() {
        if (runner != null) {
            return runner;
        }
        if (ssh == null) {
            if (privilege != null || sshConfig != null || !sshOptions.isEmpty()) {
                throw new IllegalArgumentException("--privilege, --ssh-config and --ssh-option need --ssh");
            }
            runner = Runners.local(new Privilege.Direct());
            return runner;
        }
        HostEntry entry = savedOrNew();
        if (privilege != null) {
            entry = new HostEntry(entry.name(), entry.destination(), PrivilegeMode.parse(privilege));
        }
        ConsolePrompts prompts = new ConsolePrompts();
        remote = Runners.remote(entry, clientOptions(), prompts, prompts);
        runner = remote.runner();
        return runner;
    }

    /** Ends the ssh master connection and wipes a sudo password, if there were any. */
    @Override
    public synchronized void close() {
        if (remote != null) {
            remote.close();
        }
    }

    private HostEntry savedOrNew() {
        HostStore store = HostStore.forUser();
        try {
            return store.find(ssh).orElseGet(() -> HostEntry.of(ssh, PrivilegeMode.AUTO));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(),
                    e);
        }
    }

    private List<String> clientOptions() {
        List<String> out = new ArrayList<>();
        if (sshConfig != null) {
            out.add("-F");
            out.add(sshConfig);
        }
        out.addAll(SshOptions.toArgv(sshOptions));
        return out;
    }
}
