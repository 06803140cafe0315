package io.iptscope.restore;

import io.iptscope.exec.Command;
import io.iptscope.exec.CommandResult;
import io.iptscope.exec.CommandRunner;
import io.iptscope.exec.NetnsTarget;
import io.iptscope.exec.ShellQuote;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Which network namespace a restore was applied to, not just where it was found: the device and
 * inode of its nsfs file, and for {@code --pid} the process's start time, so that a netns deleted
 * and re-added under the same name, or a PID reused by another process, is never taken for the
 * original one. Captured when arming; checked again (by the rollback script) before every write.
 *
 * @param path      the file that was stat'ed ({@code /proc/self/ns/net} for the current netns)
 * @param devIno    {@code DEV:INODE} of the nsfs file
 * @param born      the nsfs inode's change time with nanoseconds, for a bind-mounted netns file (as
 *                  {@code ip netns add} makes): the kernel reuses a freed netns's inode number at once, so
 *                  {@code del X; add X} gives the same DEV:INODE but not the same time. Empty under /proc,
 *                  whose nsfs inodes are made anew on access (there the pid's start time does that job).
 * @param pid       the process of a {@code --pid} target, else 0
 * @param pidStart  that process's start time in clock ticks since boot (field 22 of /proc/PID/stat), else 0
 */
public record NetnsIdentity(String path, String devIno, String born, long pid, long pidStart) {

    private static final Pattern DEV_INO = Pattern.compile("[0-9]+:[0-9]+");

    public NetnsIdentity {
        if (!DEV_INO.matcher(devIno).matches()) {
            throw new IllegalArgumentException("not a device:inode pair: '" + devIno + "'");
        }
    }

    /** Reads the identity on the machine that holds the rules; a missing netns is an error, not "current". */
    public static NetnsIdentity capture(CommandRunner runner, NetnsTarget netns, Duration timeout)
            throws RestoreException {
        String path = netns.nsPath().orElse("/proc/self/ns/net");
        CommandResult st = runner.run(Command.of("stat", "-L", "-c", "%d:%i %z", "--", path).withTimeout(timeout));
        String[] f = st.stdoutText().strip().split(" ", 2);
        String devIno = f[0];
        String born = path.startsWith("/proc/") || f.length < 2 ? "" : f[1];
        if (!st.ok() || !DEV_INO.matcher(devIno).matches()) {
            throw new RestoreException("the netns " + netns.spec() + " is not there (" + path + ": " + st.summary()
                    + "); nothing was applied");
        }
        if (netns instanceof NetnsTarget.OfPid p) {
            long start = startTime(runner, p.pid(), timeout);
            if (start <= 0) {
                throw new RestoreException("process " + p.pid() + " is gone; nothing was applied");
            }
            return new NetnsIdentity(path, devIno, born, p.pid(), start);
        }
        return new NetnsIdentity(path, devIno, born, 0, 0);
    }

    /** Field 22 of /proc/PID/stat, counted after the command name (which may hold spaces and ')'); 0 when gone. */
    static long startTime(CommandRunner runner, long pid, Duration timeout) {
        CommandResult r = runner.run(Command.of("cat", "/proc/" + pid + "/stat").withTimeout(timeout));
        return r.ok() ? parseStartTime(r.stdoutText()) : 0;
    }

    static long parseStartTime(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = stat.substring(close + 1).strip().split("\\s+");
        // After "pid (comm)" the state is field 3, so the start time (field 22) is the 20th here.
        try {
            return f.length >= 20 ? Long.parseLong(f[19]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A file-name-safe key for the per-target lock: the same netns gives the same key under any name. */
    public String lockKey() {
        return "ns-" + devIno.replace(':', '-');
    }

    /**
     * A shell function {@code same_netns} for the rollback script: prints "gone" or "replaced" and fails
     * when the netns (or the process of a pid target) is no longer the one captured here.
     */
    String shellCheck() {
        StringBuilder sb = new StringBuilder()
                .append("start_time() { s=$(cat \"/proc/$1/stat\" 2>/dev/null) || return 1; s=${s##*) }; set -- $s;")
                .append(" shift 19; echo \"$1\"; }\n")
                .append("same_netns() {\n")
                .append("  now=$(stat -L -c '%d:%i %z' -- ").append(ShellQuote.quote(path)).append(" 2>/dev/null)")
                .append(" || { echo gone; return 1; }\n");
        if (born.isEmpty()) {
            sb.append("  [ \"${now%% *}\" = ").append(ShellQuote.quote(devIno)).append(" ] || { echo replaced; return 1; }\n");
        } else {
            sb.append("  [ \"$now\" = ").append(ShellQuote.quote(devIno + " " + born))
                    .append(" ] || { echo replaced; return 1; }\n");
        }
        if (pid > 0) {
            sb.append("  [ \"$(start_time ").append(pid).append(")\" = ").append(pidStart)
                    .append(" ] || { echo replaced; return 1; }\n");
        }
        return sb.append("}\n").toString();
    }
}
