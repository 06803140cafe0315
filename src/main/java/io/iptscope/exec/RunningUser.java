package io.iptscope.exec;

import java.time.Duration;
import java.util.OptionalLong;

/** Which user a runner's commands run as ({@code id -u}): asked in this one place. */
public final class RunningUser {

    private RunningUser() {
    }

    /** The uid, or empty when {@code id -u} failed or printed something that is not one. */
    public static OptionalLong uid(CommandRunner runner, Duration timeout) {
        CommandResult id = runner.run(Command.of("id", "-u").withTimeout(timeout));
        String out = id.ok() ? id.stdoutText().strip() : "";
        // A uid is below 2^32: ten digits at most, so the parse cannot overflow.
        return out.matches("[0-9]{1,10}") ? OptionalLong.of(Long.parseLong(out)) : OptionalLong.empty();
    }

    /** Whether the commands run as root; false also when that cannot be told. */
    public static boolean root(CommandRunner runner, Duration timeout) {
        OptionalLong uid = uid(runner, timeout);
        return uid.isPresent() && uid.getAsLong() == 0;
    }
}
