package io.iptscope.exec;

import java.time.Duration;

/**
 * Whether sudo on a host would ask for a password, asked without one ({@code sudo -n true}): a password
 * is only ever written to a sudo that prompts for it. To a sudo that does not (root, NOPASSWD,
 * {@code !authenticate}) the password line would flow on into the command's own stdin, and from there
 * into files on the target.
 */
public final class SudoProbe {

    /** How a host gives root when a sudo password was offered. */
    public enum Need { ROOT_ALREADY, SUDO_WITHOUT_PASSWORD, PASSWORD, NO_SUDO }

    private SudoProbe() {
    }

    /** @param runner the unprivileged transport to the host */
    public static Need probe(CommandRunner runner, Duration timeout) {
        if (RunningUser.root(runner, timeout)) {
            return Need.ROOT_ALREADY;
        }
        CommandResult sudo = runner.run(Command.of("sudo", "-n", "--", "true").withTimeout(timeout));
        if (sudo.ok()) {
            return Need.SUDO_WITHOUT_PASSWORD;
        }
        return sudo.notFound() ? Need.NO_SUDO : Need.PASSWORD;
    }
}
