package io.iptscope.remote;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.ConnectionState;
import io.iptscope.exec.PasswordPrompt;
import io.iptscope.exec.Privilege;
import io.iptscope.exec.PrivilegeException;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.exec.PrivilegedRunner;
import io.iptscope.exec.SessionPassword;
import io.iptscope.exec.SshRunner;
import io.iptscope.exec.SudoProbe;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One remote host for the engine, the CLI and the GUI's host list: its entry, the connection state,
 * reconnect, and a runner that elevates every command the way the host needs. The privilege is
 * settled on first use and kept for the session; a sudo password only in {@link SessionPassword}.
 */
public final class RemoteHost implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

    private final HostEntry entry;
    private final SshRunner ssh;
    private final SessionPassword password;
    private Privilege privilege;

    public RemoteHost(HostEntry entry, SshRunner ssh, PasswordPrompt passwordPrompt) {
        this.entry = entry;
        this.ssh = ssh;
        this.password = new SessionPassword(passwordPrompt, "sudo password for " + entry.destination());
    }

    public HostEntry entry() {
        return entry;
    }

    public ConnectionState state() {
        return ssh.state();
    }

    public void addStateListener(Consumer<ConnectionState> listener) {
        ssh.addStateListener(listener);
    }

    public void connect() {
        ssh.connect();
    }

    public void reconnect() {
        ssh.reconnect();
    }

    /** The plain transport, without privilege (for diagnostics and tests). */
    public SshRunner ssh() {
        return ssh;
    }

    /** The runner for every task on this host: connects and settles the privilege on first call. */
    public synchronized CommandRunner runner() {
        return new PrivilegedRunner(ssh, privilege());
    }

    public synchronized Privilege privilege() {
        if (privilege == null) {
            privilege = resolve();
        }
        return privilege;
    }

    private Privilege resolve() {
        return resolve(entry.privilege(), ssh, password, entry.destination());
    }

    static Privilege resolve(PrivilegeMode mode, CommandRunner runner, SessionPassword password, String destination) {
        return switch (mode) {
            case DIRECT -> new Privilege.Direct();
            case SUDO_N -> new Privilege.SudoNoPassword();
            case SUDO_PASSWORD -> checkedPassword(runner, password, destination);
            case PKEXEC -> new Privilege.Pkexec();
            case AUTO -> checkedPassword(runner, password, destination);
        };
    }

    /**
     * root → direct; sudo without a password → {@code sudo -n}; else {@code sudo -S} with a password, asked once and
     * proved before any real command uses it; but only where sudo prompts ({@link SudoProbe}): elsewhere the password
     * would reach the command's stdin, so it is not even asked.
     */
    private static Privilege checkedPassword(CommandRunner runner, SessionPassword password, String destination) {
        switch (SudoProbe.probe(runner, PROBE_TIMEOUT)) {
            case ROOT_ALREADY:
                return new Privilege.Direct();
            case SUDO_WITHOUT_PASSWORD:
                return new Privilege.SudoNoPassword();
            case NO_SUDO:
                throw new PrivilegeException("not root on " + destination + " and sudo is not installed there");
            default:
                break;
        }
        Privilege withPassword = new Privilege.SudoPassword(password);
        CommandResult check = new PrivilegedRunner(runner, withPassword)
                .run(Command.of("true").withTimeout(PROBE_TIMEOUT));
        if (!check.ok()) {
            password.forget();
            throw new PrivilegeException("sudo on " + destination + " refused: " + check.summary());
        }
        return withPassword;
    }

    /** Ends the master connection and wipes the sudo password. */
    @Override
    public synchronized void close() {
        password.forget();
        ssh.close();
    }
}
