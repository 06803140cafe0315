package io.iptscope.remote;

import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.ControlDir;
import io.iptscope.exec.HostKeyPrompt;
import io.iptscope.exec.LocalRunner;
import io.iptscope.exec.PasswordPrompt;
import io.iptscope.exec.Privilege;
import io.iptscope.exec.PrivilegedRunner;
import io.iptscope.exec.SshRunner;
import io.iptscope.exec.SshTarget;
import java.util.List;

/** The one place where runners are built, for the CLI and the GUI alike. */
public final class Runners {

    private Runners() {
    }

    /** This machine, elevated with {@code privilege} unless it is direct. */
    public static CommandRunner local(Privilege privilege) {
        LocalRunner local = new LocalRunner();
        return privilege instanceof Privilege.Direct ? local : new PrivilegedRunner(local, privilege);
    }

    /**
     * A remote host over the system ssh client; {@code sshOptions} are extra client options
     * ({@code -F FILE}, {@code -o KEY=VALUE}). Nothing connects until the first command.
     */
    public static RemoteHost remote(HostEntry entry, List<String> sshOptions, HostKeyPrompt hostKeyPrompt,
                                    PasswordPrompt passwordPrompt) {
        SshRunner ssh = new SshRunner(new SshTarget(entry.destination(), sshOptions), ControlDir.forSession(),
                hostKeyPrompt);
        return new RemoteHost(entry, ssh, passwordPrompt);
    }
}
