package io.iptscope.ui.main;

import io.iptscope.exec.CommandLog;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.PrivilegeMode;
import io.iptscope.exec.PrivilegedRunner;
import io.iptscope.exec.RecordingRunner;
import java.time.Duration;

/**
 * What all views of one window share: the command log and how commands are run. Every command goes
 * through {@link #runner} so that it is elevated as chosen and appears in the log, on the host chosen.
 */
public final class Session {

    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private volatile CommandRunner base;
    private final CommandLog log = new CommandLog();
    private final PasswordVault vault = new PasswordVault();

    public Session(CommandRunner base) {
        this.base = base;
    }

    public static Session local() {
        return new Session(new LocalRunner());
    }

    public CommandLog log() {
        return log;
    }

    public PasswordVault vault() {
        return vault;
    }

    public String host() {
        return base.host();
    }

    /** Runs everything from now on through {@code runner}: this machine's, or a remote host's over SSH. */
    public void useHost(CommandRunner runner) {
        this.base = runner;
    }

    /** A runner for one piece of work: elevated by {@code mode}, recorded into {@code into} and the session log. */
    public CommandRunner runner(PrivilegeMode mode, CommandLog into) {
        return new RecordingRunner(new RecordingRunner(new PrivilegedRunner(base, mode.local(vault::copy)), into), log);
    }
}
